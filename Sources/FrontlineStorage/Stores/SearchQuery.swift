/// Turns user input into a safe FTS5 query: every term is a quoted string (FTS5 operators,
/// column filters and punctuation lose their meaning), so a syntax error cannot occur.
/// A trailing `*` on a term keeps prefix search. Optional alias expansion turns a known spelling
/// into an OR of its variants ("Mazar-e-Sharif" → "mazar e sharif" OR "mazar i sharif" ...).
public struct SearchExpansion: Sendable {
    private let lookup: @Sendable (String) -> [String]

    /// Expansion from groups of equivalent spellings: each key and its values form one group.
    public init(aliases: [String: [String]]) {
        var groups: [String: Set<String>] = [:]
        for (key, values) in aliases {
            let members = Set(([key] + values).map(SearchQuery.normalise)).subtracting([""])
            for member in members { groups[member, default: []].formUnion(members) }
        }
        let frozen = groups.mapValues { $0.sorted() }
        lookup = { frozen[$0] ?? [] }
    }

    /// Expansion by a closure receiving a normalised phrase (lowercased words separated by one
    /// space) and returning its variants (any spelling; they are normalised too).
    public init(_ expand: @escaping @Sendable (String) -> [String]) {
        lookup = expand
    }

    func variants(of phrase: String) -> [String] { lookup(phrase) }
}

enum SearchQuery {
    static let maxTerms = 32
    static let maxLength = 1000

    /// A MATCH expression with its phrases in the order FTS5 numbers them (their order in the
    /// text), each as a MATCH expression of its own (for `PhraseDocumentCounts`).
    struct Match {
        var expression: String
        var phrases: [String]
    }

    /// Builds the MATCH expression.
    /// - Throws: `StorageError.badQuery` when nothing searchable remains.
    static func build(_ input: String, expansion: SearchExpansion?) throws -> Match {
        guard input.count <= maxLength else { throw StorageError.badQuery("query longer than \(maxLength) characters") }
        let words = input.split(whereSeparator: { $0.isWhitespace }).map(String.init)
            .filter { $0.contains(where: { $0.isLetter || $0.isNumber }) }
        guard !words.isEmpty else { throw StorageError.badQuery("no searchable words") }
        guard words.count <= maxTerms else { throw StorageError.badQuery("more than \(maxTerms) words") }
        var parts: [String] = []
        var phrases: [String] = []
        var index = 0
        while index < words.count {
            var matched = false
            if let expansion {
                for length in stride(from: min(3, words.count - index), through: 1, by: -1) {
                    let phrase = normalise(words[index..<index + length].joined(separator: " "))
                    let variants = Set(expansion.variants(of: phrase).map(normalise) + [phrase]).subtracting([""])
                    if variants.count > 1 {
                        let quoted = variants.sorted().map(quote)
                        phrases += quoted
                        parts.append("(" + quoted.joined(separator: " OR ") + ")")
                        index += length
                        matched = true
                        break
                    }
                }
            }
            if !matched {
                let word = words[index]
                let phrase = word.hasSuffix("*") ? quote(String(word.dropLast())) + "*" : quote(word)
                phrases.append(phrase)
                parts.append(phrase)
                index += 1
            }
        }
        // Explicit AND: FTS5's implicit AND joins phrases only, not a parenthesised OR group.
        return Match(expression: parts.joined(separator: " AND "), phrases: phrases)
    }

    /// A double-quoted FTS5 string (inner quotes doubled, per the FTS5 grammar).
    static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Lowercased words of letters and digits separated by single spaces.
    static func normalise(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).joined(separator: " ")
    }

    /// HTML-escapes a snippet whose matches are delimited by \u{2} … \u{3}, then marks them.
    /// Works on UTF-8 bytes: every character it replaces is ASCII, and a `Character` switch
    /// (grapheme breaking, a string comparison per case) took most of a search's time.
    static func htmlSnippet(_ raw: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.utf8.count + 32)
        for byte in raw.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
            case 2: out.append(contentsOf: "<mark>".utf8)
            case 3: out.append(contentsOf: "</mark>".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
