/// Interns every lowercased word the lexicons use, so tokens compare as integers and the
/// phrase trie walks on integers. Words the lexicons never use share the id `unknown`.
/// Lookups hash the token's scalars directly (no String is built for ASCII words): this is
/// the extractor's innermost loop.
struct Vocabulary: Sendable {
    static let unknown: Int32 = -1
    private(set) var ids: [String: Int32] = [:]
    private(set) var words: [String] = []
    /// Open addressing: slot -> word id + 1 (0 = empty); `hashes` hold each word's hash.
    private var slots: [Int32] = [Int32](repeating: 0, count: 1024)
    private var hashes: [UInt64] = []
    private var scalars: [[UInt32]] = []

    mutating func intern(_ word: String) -> Int32 {
        if let id = ids[word] { return id }
        let id = Int32(words.count)
        ids[word] = id
        words.append(word)
        let values = word.unicodeScalars.map(\.value)
        scalars.append(values)
        hashes.append(Self.hash(values))
        if words.count * 2 > slots.count { rehash(slots.count * 2) } else { place(id) }
        return id
    }

    func id(_ word: String) -> Int32 { ids[word] ?? Self.unknown }

    /// The id of `text[range]` lowercased (ASCII letters folded; other scalars must already be lowercase).
    func id(lowercasing text: [Unicode.Scalar], _ range: Range<Int>) -> Int32 {
        var h: UInt64 = 0xcbf29ce484222325
        for i in range { h = (h ^ UInt64(Self.fold(text[i].value))) &* 0x100000001b3 }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return Self.unknown }
            let id = Int(entry - 1)
            if hashes[id] == h, scalars[id].count == range.count {
                var same = true
                var k = 0
                for i in range {
                    if scalars[id][k] != Self.fold(text[i].value) { same = false; break }
                    k += 1
                }
                if same { return Int32(id) }
            }
            slot = (slot + 1) & mask
        }
    }

    private static func fold(_ v: UInt32) -> UInt32 { v >= 0x41 && v <= 0x5A ? v | 0x20 : v }

    private static func hash(_ values: [UInt32]) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for v in values { h = (h ^ UInt64(v)) &* 0x100000001b3 }
        return h
    }

    private mutating func place(_ id: Int32) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hashes[Int(id)]) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = id + 1
    }

    private mutating func rehash(_ size: Int) {
        slots = [Int32](repeating: 0, count: size)
        for id in words.indices { place(Int32(id)) }
    }
}
