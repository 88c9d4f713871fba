/// What a matched phrase means. `index` points into the configuration's list for the kind.
struct Tag: Sendable, Hashable {
    enum Kind: UInt8, Sendable, CaseIterable {
        case province, place, actor, outlet, cue
        case expected, claim, denial, speech, contrast
        case boundary, filler, appositive, role, direction, distance, dateBlocker, anaphora
        case cityWord, provinceWord, coreference, caption, skipLine
        case negation, attempt, listOpener, independent, clauseVerb, referenceWord, relative, holding, unopposed
        case weekday, month, numberWord, ordinal, relativeDay
    }

    var kind: Kind
    var index: Int
    /// For cues: where the place stands.
    var direction: CueDirection = .either
    /// Short all-caps aliases ("AA", "AP") match only when the text has them in capitals.
    var requiresCaps: Bool = false

    /// Matches of one layer do not overlap: the longest wins. Places and actors share a layer so
    /// "Afghan forces" is an actor and not the country, and "Kunduz airport" is one place.
    var layer: Int {
        switch kind {
        case .province, .place, .actor, .outlet: return 0
        case .cue: return 1
        case .expected, .claim, .denial, .speech, .contrast: return 2
        case .weekday, .month, .numberWord, .ordinal, .relativeDay: return 3
        default: return 4 + Int(kind.rawValue)
        }
    }
}

/// One occurrence of a phrase: tokens `first..<end` of the sentence.
struct PhraseMatch: Sendable, Hashable {
    var first: Int
    var end: Int
    var tag: Tag
}

/// A trie over token ids: every phrase of every lexicon found in one left-to-right pass, each
/// position extended only as far as some phrase goes (linear in practice: phrases are short).
struct PhraseMatcher: Sendable {
    private var children: [[Int32: Int32]] = [[:]]
    private var payloads: [[Tag]] = [[]]

    /// Lowercased word tokens of a lexicon phrase, as the tokenizer would see them in text.
    static func words(of phrase: String) -> [String] {
        let normalized = Normalizer().normalize(phrase).scalars
        let tokens = Tokenizer(vocabulary: Vocabulary()).tokenize(normalized, 0..<normalized.count)
        return tokens.map { Tokenizer.lowered(normalized[$0.start..<$0.end]) }
    }

    mutating func insert(_ phrase: String, tag: Tag, vocabulary: inout Vocabulary) {
        let words = Self.words(of: phrase)
        guard !words.isEmpty else { return }
        var tag = tag
        let letters = phrase.unicodeScalars.filter { Tokenizer.isLetter($0) }
        if tag.layer == 0, letters.count <= 4, letters.allSatisfy({ $0.properties.isUppercase }) {
            tag.requiresCaps = true
        }
        var node = 0
        for word in words {
            let id = vocabulary.intern(word)
            if let next = children[node][id] {
                node = Int(next)
            } else {
                children.append([:])
                payloads.append([])
                let next = Int32(children.count - 1)
                children[node][id] = next
                node = Int(next)
            }
        }
        if !payloads[node].contains(tag) { payloads[node].append(tag) }
    }

    /// Every match in `tokens`, then per layer the longest leftmost non-overlapping ones.
    func matches(_ tokens: [Token]) -> [PhraseMatch] {
        var all: [PhraseMatch] = []
        for start in tokens.indices {
            var node = 0
            var i = start
            while i < tokens.count {
                let id = tokens[i].id
                if id == Vocabulary.unknown { break }
                guard let next = children[node][id] else { break }
                node = Int(next)
                i += 1
                for tag in payloads[node] {
                    if tag.requiresCaps, !tokens[start..<i].allSatisfy({ $0.allCaps || $0.kind != .word }) { continue }
                    all.append(PhraseMatch(first: start, end: i, tag: tag))
                }
            }
        }
        return Self.resolveOverlaps(all)
    }

    private static func resolveOverlaps(_ all: [PhraseMatch]) -> [PhraseMatch] {
        guard !all.isEmpty else { return [] }
        // Longest first, then leftmost; a match survives if no kept match of its layer overlaps it.
        let ordered = all.sorted {
            let la = $0.end - $0.first, lb = $1.end - $1.first
            if la != lb { return la > lb }
            if $0.first != $1.first { return $0.first < $1.first }
            return $0.tag.kind.rawValue < $1.tag.kind.rawValue
        }
        var kept: [PhraseMatch] = []
        var taken: [Int: [Range<Int>]] = [:]
        for m in ordered {
            let range = m.first..<m.end
            let layer = m.tag.layer
            if let ranges = taken[layer], ranges.contains(where: { $0.overlaps(range) && !($0 == range) }) { continue }
            kept.append(m)
            taken[layer, default: []].append(range)
        }
        return kept.sorted { $0.first != $1.first ? $0.first < $1.first : $0.tag.kind.rawValue < $1.tag.kind.rawValue }
    }
}
