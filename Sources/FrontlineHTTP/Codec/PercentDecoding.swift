/// Percent-decoding for paths and query strings (RFC 3986 §2.1).
enum PercentDecoding {
    enum Failure: Error { case malformed }

    /// Decodes `%XX` escapes (and `+` as space when `plusIsSpace`). Malformed escapes,
    /// invalid UTF-8 and NUL throw, so a handler never sees them.
    static func decode(_ bytes: ArraySlice<UInt8>, plusIsSpace: Bool) throws(Failure) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        var changed = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) else {
                    throw .malformed
                }
                let decoded = high << 4 | low
                if decoded == 0 { throw .malformed }
                out.append(decoded)
                index += 3
                changed = true
            } else if byte == UInt8(ascii: "+") && plusIsSpace {
                out.append(UInt8(ascii: " "))
                index += 1
                changed = true
            } else {
                out.append(byte)
                index += 1
            }
        }
        if !changed { return String(decoding: out, as: UTF8.self) }
        guard let text = String(validating: out, as: UTF8.self) else { throw .malformed }
        return text
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Splits and decodes a query string; repeated keys are kept in order.
    static func queryItems(_ bytes: ArraySlice<UInt8>) throws(Failure) -> [HTTPQueryItem] {
        var items: [HTTPQueryItem] = []
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            if let eq = pair.firstIndex(of: UInt8(ascii: "=")) {
                items.append(HTTPQueryItem(
                    name: try decode(pair[pair.startIndex..<eq], plusIsSpace: true),
                    value: try decode(pair[(eq + 1)...], plusIsSpace: true)))
            } else {
                items.append(HTTPQueryItem(name: try decode(pair, plusIsSpace: true), value: ""))
            }
        }
        return items
    }
}
