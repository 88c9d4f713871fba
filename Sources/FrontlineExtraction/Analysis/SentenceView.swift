/// One sentence tokenised and matched, with the clause (segment) of every token and whether
/// it stands inside double quotes.
struct SentenceView: Sendable {
    let index: Int
    let range: Range<Int>
    let tokens: [Token]
    let matches: [PhraseMatch]
    /// Segment number of each token; a new segment starts at a clause boundary.
    private(set) var segment: [Int] = []
    /// True for tokens inside double quotes.
    private(set) var quoted: [Bool] = []
    /// Per token, a bit per `Tag.Kind` covering it; per sentence, the kinds present; the matches
    /// starting and ending at each token. The rules ask these questions thousands of times.
    private var covering: [UInt64] = []
    private var present: UInt64 = 0
    /// Matches are sorted by first token: those starting at token i are `startIndex[i]..<startIndex[i + 1]`;
    /// `byEnd` lists match indices sorted by end, those ending at i being `byEnd[endIndex[i]..<endIndex[i + 1]]`.
    private var startIndex: [Int32] = []
    private var byEnd: [Int32] = []
    private var endIndex: [Int32] = []

    init(index: Int, range: Range<Int>, tokens: [Token], matches: [PhraseMatch], ids: WordIDs) {
        self.index = index
        self.range = range
        self.tokens = tokens
        self.matches = matches
        covering = [UInt64](repeating: 0, count: tokens.count)
        var startCounts = [Int32](repeating: 0, count: tokens.count + 2)
        var endCounts = [Int32](repeating: 0, count: tokens.count + 2)
        for m in matches {
            let bit = UInt64(1) << UInt64(m.tag.kind.rawValue)
            present |= bit
            for i in m.first..<m.end { covering[i] |= bit }
            startCounts[m.first + 1] += 1
            endCounts[m.end + 1] += 1
        }
        for i in 1..<startCounts.count {
            startCounts[i] += startCounts[i - 1]
            endCounts[i] += endCounts[i - 1]
        }
        startIndex = startCounts
        endIndex = endCounts
        var fill = endCounts
        var order = [Int32](repeating: 0, count: matches.count)
        for (k, m) in matches.enumerated() {
            order[Int(fill[m.end])] = Int32(k)
            fill[m.end] += 1
        }
        byEnd = order
        var inQuote = false
        quoted = tokens.map { t in
            if t.id == ids.quote && t.kind == .punct { inQuote.toggle(); return false }
            return inQuote
        }
    }

    func matches(_ kind: Tag.Kind) -> [PhraseMatch] {
        has(kind) ? matches.filter { $0.tag.kind == kind } : []
    }

    func has(_ kind: Tag.Kind) -> Bool { present & (UInt64(1) << UInt64(kind.rawValue)) != 0 }

    /// Matches of `kind` that cover token `i`.
    func match(_ kind: Tag.Kind, at i: Int) -> PhraseMatch? {
        guard i >= 0, i < covering.count, covering[i] & (UInt64(1) << UInt64(kind.rawValue)) != 0 else { return nil }
        return matches.first { $0.tag.kind == kind && $0.first <= i && i < $0.end }
    }

    func match(_ kind: Tag.Kind, startingAt i: Int) -> PhraseMatch? {
        guard i >= 0, i + 1 < startIndex.count else { return nil }
        for k in Int(startIndex[i])..<Int(startIndex[i + 1]) where matches[k].tag.kind == kind { return matches[k] }
        return nil
    }

    func match(_ kind: Tag.Kind, endingAt i: Int) -> PhraseMatch? {
        guard i >= 0, i + 1 < endIndex.count else { return nil }
        for j in Int(endIndex[i])..<Int(endIndex[i + 1]) {
            let k = Int(byEnd[j])
            if matches[k].tag.kind == kind { return matches[k] }
        }
        return nil
    }

    /// Splits the tokens into clauses. `linked` are comma positions that must not split (lists
    /// and appositives), decided by the place rules.
    mutating func computeSegments(ids: WordIDs, linkedCommas: Set<Int>) {
        var current = 0
        var result = [Int](repeating: 0, count: tokens.count)
        let protected = Set(matches.filter { $0.tag.kind == .cue || $0.tag.layer == 0 || $0.tag.kind == .filler && $0.end - $0.first > 1 }
            .flatMap { Array($0.first..<$0.end) })
        var boundaryStarts = Set<Int>()
        for m in matches where m.tag.kind == .boundary && !protected.contains(m.first) { boundaryStarts.insert(m.first) }
        for (i, t) in tokens.enumerated() {
            if t.kind == .punct {
                let splits = t.id == ids.semicolon || t.id == ids.colon || t.id == ids.dash || t.id == ids.openParen
                    || t.id == ids.closeParen || t.id == ids.openBracket || t.id == ids.closeBracket
                    || (t.id == ids.comma && !linkedCommas.contains(i)) || t.id == ids.quote
                if splits, i > 0 { current += 1 }
            } else if boundaryStarts.contains(i), i > 0 {
                current += 1
            }
            result[i] = current
        }
        segment = result
    }

    /// The segment of a token range (of its first token).
    func segmentOf(_ first: Int) -> Int { first < segment.count ? segment[first] : -1 }

    func text(_ scalars: [Unicode.Scalar], _ tokenRange: Range<Int>) -> String {
        guard let a = tokenRange.first, tokenRange.upperBound <= tokens.count, a < tokenRange.upperBound else { return "" }
        return ScalarText.string(scalars[tokens[a].start..<tokens[tokenRange.upperBound - 1].end])
    }
}
