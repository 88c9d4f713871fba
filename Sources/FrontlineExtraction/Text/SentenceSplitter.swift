/// Splits normalised text into sentences. A line break always ends one; `.`, `!` and `?` end
/// one when followed by a space and a capital, digit or quote, unless the word before is an
/// abbreviation ("U.S.", "Gen.", "Aug. 14") or the mark stands inside quotes or brackets (a
/// quoted sentence stays with its speaker; a runaway quote stops protecting after a while).
struct SentenceSplitter: Sendable {
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm", "gov", "sen", "rep",
        "pres", "st", "jr", "sr", "prof", "rev", "hon", "no", "vs", "etc", "approx", "inc", "ltd", "co", "corp",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues",
        "wed", "thu", "thurs", "fri", "sat", "sun", "e.g", "i.e", "a.m", "p.m", "u.s", "u.k", "u.n", "al",
    ]
    /// Past this many scalars an open quote or bracket no longer holds a sentence together.
    static let protectionLimit = 600

    func split(_ text: [Unicode.Scalar]) -> [Range<Int>] {
        var sentences: [Range<Int>] = []
        var start = 0
        var inQuote = false
        var quoteStart = 0
        var bracketDepth = 0
        var bracketStart = 0
        var i = 0
        let n = text.count

        func emit(_ end: Int) {
            var a = start, b = end
            while a < b, text[a] == " " || text[a] == "\n" { a += 1 }
            while b > a, text[b - 1] == " " || text[b - 1] == "\n" { b -= 1 }
            if a < b { sentences.append(a..<b) }
            start = end
        }

        while i < n {
            let c = text[i]
            switch c {
            case "\n":
                emit(i)
                inQuote = false
                bracketDepth = 0
            case "\"":
                inQuote.toggle()
                if inQuote { quoteStart = i }
            case "(", "[":
                if bracketDepth == 0 { bracketStart = i }
                bracketDepth += 1
            case ")", "]":
                if bracketDepth > 0 { bracketDepth -= 1 }
            case ".", "!", "?":
                let protected = (inQuote && i - quoteStart < Self.protectionLimit)
                    || (bracketDepth > 0 && i - bracketStart < Self.protectionLimit)
                if protected { break }
                // Closing marks after the stop belong to this sentence.
                var j = i + 1
                while j < n, text[j] == "\"" || text[j] == ")" || text[j] == "]" || text[j] == "'" {
                    if text[j] == "\"" { inQuote = false }
                    j += 1
                }
                guard j < n, text[j] == " " else {
                    if j >= n { emit(n); i = n; continue }
                    break
                }
                var k = j
                while k < n, text[k] == " " { k += 1 }
                guard k < n else { break }
                let next = text[k]
                let startsSentence = ScalarText.isUppercase(next) || Tokenizer.isDigit(next)
                    || next == "\"" || next == "'" || next == "(" || next == "["
                if !startsSentence { break }
                if c == ".", isAbbreviation(text, before: i) { break }
                emit(j)
                i = j
                inQuote = false
                bracketDepth = 0
                continue
            default:
                break
            }
            i += 1
        }
        emit(n)
        return sentences
    }

    /// The word ending at `dot` (letters and inner dots), lowercased.
    private func word(_ text: [Unicode.Scalar], before dot: Int) -> String {
        var a = dot
        while a > 0, Tokenizer.isLetter(text[a - 1]) || (text[a - 1] == "." && a - 2 >= 0 && Tokenizer.isLetter(text[a - 2])) {
            a -= 1
        }
        return Tokenizer.lowered(text[a..<dot])
    }

    private func isAbbreviation(_ text: [Unicode.Scalar], before dot: Int) -> Bool {
        let w = word(text, before: dot)
        if w.isEmpty { return false }
        if Self.abbreviations.contains(w) { return true }
        // Initials: "J. Smith", "U.S" spelled with dots.
        if w.unicodeScalars.count == 1, ScalarText.isUppercase(text[dot - 1]) { return true }
        if w.contains(".") { return true }
        return false
    }
}
