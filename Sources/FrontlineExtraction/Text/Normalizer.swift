/// Turns raw article text into the normalised text that offsets refer to: one kind of quote and
/// dash, no diacritics or zero-width characters, single spaces, `\n` between lines, and the
/// optional leading ` date YYYY-MM-DD ` marker taken out as the publication date.
struct Normalizer: Sendable {
    struct Output {
        var scalars: [Unicode.Scalar]
        var markedDate: String?
    }

    func normalize(_ raw: String) -> Output {
        var copy = raw
        if let fast = copy.withUTF8({ Self.normalizeASCII($0) }) { return Self.finish(fast) }
        return normalizeUnicode(raw)
    }

    /// The common case: pure ASCII text, one tight loop over its bytes. Nil when a byte is not ASCII.
    private static func normalizeASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar]? {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        var pendingNewline = false
        for b in bytes {
            if b >= 0x80 { return nil }
            switch b {
            case 0x0A, 0x0D: pendingNewline = true
            case 0x09, 0x0B, 0x0C, 0x20, 0..<0x20, 0x7F: pendingSpace = true
            default:
                if !out.isEmpty {
                    if pendingNewline { out.append("\n") } else if pendingSpace { out.append(" ") }
                }
                pendingSpace = false
                pendingNewline = false
                out.append(b == 0x60 ? "'" : Unicode.Scalar(b))
            }
        }
        return out
    }

    private static func finish(_ scalars: [Unicode.Scalar]) -> Output {
        var out = scalars
        var markedDate: String?
        if let (date, length) = Self.dateMarker(out) {
            markedDate = date
            out.removeFirst(length)
        }
        return Output(scalars: out, markedDate: markedDate)
    }

    private func normalizeUnicode(_ raw: String) -> Output {
        // Decomposing first lets diacritics drop as combining marks (é -> e + U+0301).
        let source = raw.decomposedStringWithCanonicalMapping
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(source.utf8.count)
        var pendingSpace = false
        var pendingNewline = false
        for scalar in source.unicodeScalars {
            switch Self.map(scalar) {
            case .drop:
                continue
            case .space:
                pendingSpace = true
            case .newline:
                pendingNewline = true
            case .scalar(let s):
                if !out.isEmpty {
                    if pendingNewline { out.append("\n") } else if pendingSpace { out.append(" ") }
                }
                pendingSpace = false
                pendingNewline = false
                out.append(s)
            }
        }
        return Self.finish(out)
    }

    private enum Mapped {
        case drop, space, newline
        case scalar(Unicode.Scalar)
    }

    private static func map(_ s: Unicode.Scalar) -> Mapped {
        let v = s.value
        if v < 0x80 {
            switch v {
            case 0x0A, 0x0D: return .newline
            case 0x09, 0x0B, 0x0C, 0x20: return .space
            case 0x60: return .scalar("'")
            case 0..<0x20, 0x7F: return .space
            default: return .scalar(s)
            }
        }
        switch v {
        case 0x0300...0x036F, 0x200B...0x200D, 0x2060, 0xFEFF, 0x00AD: return .drop
        case 0x0085, 0x2028, 0x2029: return .newline
        case 0x00A0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return .space
        case 0x0080...0x009F: return .space
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x00B4, 0x02BC, 0x02BB: return .scalar("'")
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB: return .scalar("\"")
        case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D: return .scalar("-")
        case 0x2026: return .scalar(".")
        default: return .scalar(s)
        }
    }

    /// `date 2021-08-11` at the very start of the text, followed by a space or the end.
    private static func dateMarker(_ s: [Unicode.Scalar]) -> (String, Int)? {
        let prefix: [Unicode.Scalar] = ["d", "a", "t", "e", " "]
        guard s.count >= 15, Array(s[0..<5]) == prefix else { return nil }
        let body = s[5..<15]
        for (i, c) in body.enumerated() {
            let isDigit = ("0"..."9").contains(c)
            if (i == 4 || i == 7) ? c != "-" : !isDigit { return nil }
        }
        if s.count > 15, s[15] != " ", s[15] != "\n" { return nil }
        var text = ""
        text.unicodeScalars.append(contentsOf: body)
        guard CivilDate(text) != nil else { return nil }
        return (text, s.count > 15 ? 16 : 15)
    }
}
