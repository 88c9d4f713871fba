/// Splits normalised text into tokens, looking each up in the vocabulary.
struct Tokenizer: Sendable {
    let vocabulary: Vocabulary

    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return (s.value | 0x20) >= 0x61 && (s.value | 0x20) <= 0x7A }
        return s.properties.isAlphabetic
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

    /// Lowercases one word; ASCII stays on the fast path.
    static func lowered(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var ascii = true
        for s in scalars where s.value >= 0x80 { ascii = false; break }
        if ascii {
            return String(unsafeUninitializedCapacity: scalars.count) { buffer in
                var i = 0
                for s in scalars {
                    let v = UInt8(s.value)
                    buffer[i] = v >= 0x41 && v <= 0x5A ? v | 0x20 : v
                    i += 1
                }
                return i
            }
        }
        return ScalarText.string(scalars).lowercased()
    }

    /// Tokens of `text[range]`.
    func tokenize(_ text: [Unicode.Scalar], _ range: Range<Int>) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(range.count / 5)
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let s = text[i]
            if Self.isLetter(s) || Self.isDigit(s) {
                var j = i
                var allDigits = true
                var hasUpper = false, hasLower = false
                var value = 0
                while j < end {
                    let c = text[j]
                    if Self.isDigit(c) {
                        if allDigits { value = value &* 10 &+ Int(c.value - 0x30) }
                    } else if Self.isLetter(c) {
                        allDigits = false
                        if ScalarText.isUppercase(c) { hasUpper = true } else { hasLower = true }
                    } else if c == ",", allDigits, j + 3 < end, j > i,
                              Self.isDigit(text[j + 1]), Self.isDigit(text[j + 2]), Self.isDigit(text[j + 3]),
                              j + 4 >= end || !Self.isDigit(text[j + 4]) {
                        // "5,000" is one number.
                        j += 1
                        continue
                    } else {
                        break
                    }
                    j += 1
                }
                var ascii = true
                for k in i..<j where text[k].value >= 0x80 { ascii = false; break }
                // ASCII words are looked up without building a String; others are lowercased properly first.
                let id = ascii ? vocabulary.id(lowercasing: text, i..<j) : vocabulary.id(Self.lowered(text[i..<j]))
                tokens.append(Token(
                    start: i, end: j, kind: allDigits ? .number : .word, id: id,
                    capitalized: ScalarText.isUppercase(text[i]), allCaps: hasUpper && !hasLower,
                    value: allDigits ? value : 0))
                i = j
                continue
            }
            if s == " " || s == "\n" || s == "'" { i += 1; continue }
            if s == ".", i > range.lowerBound, Self.isLetter(text[i - 1]) {
                // Abbreviation dots ("U.S.") join like hyphens, so "U.S. forces" matches its alias.
                let joinsNext = i + 1 < end && Self.isLetter(text[i + 1])
                let closesAbbreviation = i >= range.lowerBound + 2 && text[i - 2] == "."
                if joinsNext || closesAbbreviation { i += 1; continue }
            }
            if s == "-" {
                // A hyphen inside a word joins; a spaced or doubled one is a dash (a clause mark).
                let before = i > range.lowerBound ? text[i - 1] : " "
                let after = i + 1 < end ? text[i + 1] : " "
                if (Self.isLetter(before) || Self.isDigit(before)) && (Self.isLetter(after) || Self.isDigit(after)) {
                    i += 1
                    continue
                }
                var j = i
                while j < end, text[j] == "-" { j += 1 }
                tokens.append(Token(start: i, end: j, kind: .punct, id: vocabulary.id("--"), capitalized: false,
                                    allCaps: false, value: 0x2D))
                i = j
                continue
            }
            tokens.append(Token(start: i, end: i + 1, kind: .punct, id: vocabulary.id(lowercasing: text, i..<(i + 1)), capitalized: false,
                                allCaps: false, value: Int(s.value)))
            i += 1
        }
        return tokens
    }
}
