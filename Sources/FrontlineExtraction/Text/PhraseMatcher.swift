/// What a matched phrase means. `index` points into the configuration's list for the kind.
struct Tag: Sendable, Hashable {
    enum Kind: UInt8, Sendable, CaseIterable {
        case province, place, actor, outlet, cue
        case expected, claim, denial, speech, contrast
        case boundary, filler, appositive, role, direction, distance, dateBlocker, anaphora
        case cityWord, provinceWord, coreference, caption, skipLine
        case negation, attempt, listOpener, independent, clauseVerb, referenceWord, relative, holding, unopposed, destination, governmentPerson, placePart, temporal, mediaWord, vagueTime
        case comparison, stillHeld, restrictive, facility, seatOfPower, controlState, conditional, eventNoun, otherPeriod
        case weekday, month, numberWord, ordinal, relativeDay
    }

    var kind: Kind
    var index: Int
    /// For cues: where the place stands.
    var direction: CueDirection = .either
    var clauseOnly: Bool = false
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

    /// Children of the root by token id: most tokens stop here, so this lookup is an array index.
    private var rootChildren: [Int32] = []

    /// Call once all phrases are in.
    mutating func finish(vocabularySize: Int) {
        rootChildren = [Int32](repeating: -1, count: vocabularySize)
        for (id, node) in children[0] where Int(id) < vocabularySize { rootChildren[Int(id)] = node }
    }

    static let layerCount = 64

    /// Per layer, the leftmost-longest non-overlapping matches (all tags of a winning span kept:
    /// "Kunduz" is both a city and a province), in order of their first token.
    func matches(_ tokens: [Token]) -> [PhraseMatch] {
        var result: [PhraseMatch] = []
        // Scratch space on the stack: this runs once per sentence.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.layerCount * 4) { scratch in
        scratch.initialize(repeating: 0)
        let layerEnd = UnsafeMutableBufferPointer(rebasing: scratch[0..<Self.layerCount])
        let bestLength = UnsafeMutableBufferPointer(rebasing: scratch[Self.layerCount..<(2 * Self.layerCount)])
        let bestNode = UnsafeMutableBufferPointer(rebasing: scratch[(2 * Self.layerCount)..<(3 * Self.layerCount)])
        let touched = UnsafeMutableBufferPointer(rebasing: scratch[(3 * Self.layerCount)..<(4 * Self.layerCount)])
        var touchedCount = 0
        for start in tokens.indices {
            let first = tokens[start].id
            guard first >= 0, Int(first) < rootChildren.count else { continue }
            var node = Int(rootChildren[Int(first)])
            guard node >= 0 else { continue }
            var i = start + 1
            touchedCount = 0
            while true {
                for tag in payloads[node] {
                    let layer = tag.layer
                    let length = i - start
                    if bestLength[layer] == 0 {
                        touched[touchedCount] = layer
                        touchedCount += 1
                    }
                    if length >= bestLength[layer] {
                        bestLength[layer] = length
                        bestNode[layer] = node
                    }
                }
                guard i < tokens.count, tokens[i].id != Vocabulary.unknown,
                      let next = children[node][tokens[i].id] else { break }
                node = Int(next)
                i += 1
            }
            for t in 0..<touchedCount {
                let layer = touched[t]
                let length = bestLength[layer]
                bestLength[layer] = 0
                guard start >= layerEnd[layer] else { continue }
                var accepted = false
                for tag in payloads[bestNode[layer]] where tag.layer == layer {
                    if tag.requiresCaps, !tokens[start..<(start + length)].allSatisfy({ $0.allCaps || $0.kind != .word }) { continue }
                    result.append(PhraseMatch(first: start, end: start + length, tag: tag))
                    accepted = true
                }
                if accepted { layerEnd[layer] = start + length }
            }
        }
        return result
        }
    }
}
