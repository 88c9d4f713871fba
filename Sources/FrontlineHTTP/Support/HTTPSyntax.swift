/// Byte classes and small helpers from RFC 9110 §5.6 shared by the parser and the router.
enum HTTPSyntax {
    /// `tchar` (RFC 9110 §5.6.2).
    static func isTokenChar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// `field-vchar / SP / HTAB`, including obs-text (RFC 9110 §5.5); everything else is a control.
    static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte == 0x09 || (byte >= 0x20 && byte != 0x7F)
    }

    /// Bytes allowed in a request-target: visible ASCII only (RFC 9112 §3.2).
    static func isTargetByte(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }

    static func equalsIgnoringCase(_ a: String, _ b: String) -> Bool {
        let ua = a.utf8, ub = b.utf8
        guard ua.count == ub.count else { return false }
        for (x, y) in zip(ua, ub) where x != y {
            if lower(x) != lower(y) { return false }
        }
        return true
    }

    static func lower(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
    }

    static func trimmed(_ text: Substring) -> String {
        var slice = text[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }

    /// Replaces control characters so a logged value cannot forge log lines or terminal escapes.
    static func escapedForLog(_ text: String, limit: Int = 512) -> String {
        // Fast path: plain printable ASCII (almost every path and id) needs no copy.
        if text.utf8.count <= limit,
           text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            return text
        }
        var out = ""
        out.reserveCapacity(min(text.utf8.count, limit))
        for scalar in text.unicodeScalars {
            if out.utf8.count >= limit { out += "..."; break }
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) || scalar == "\"" || scalar == "\\" {
                out += scalar == "\"" ? "\\\"" : scalar == "\\" ? "\\\\" : "\\x" + String(scalar.value, radix: 16)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
