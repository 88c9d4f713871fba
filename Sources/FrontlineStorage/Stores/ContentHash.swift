/// A 128-bit hex digest for `NewArticle.contentHash` (two independent FNV-1a 64 passes), for
/// callers that have no digest of their own. Normalise the text first (the extractor does), so
/// that the same article with different whitespace or case hashes the same.
public enum ContentHash {
    public static func of(_ text: String) -> String {
        var first: UInt64 = 0xcbf2_9ce4_8422_2325
        var second: UInt64 = 0x6c62_272e_07bb_0142
        for byte in text.utf8 {
            first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            second = (second ^ UInt64(byte ^ 0x5A)) &* 0x0000_0100_0000_01B3
            second = (second << 7) | (second >> 57)
        }
        return hex(first) + hex(second)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
