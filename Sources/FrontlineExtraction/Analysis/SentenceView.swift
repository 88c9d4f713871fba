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
    /// First token of each segment that a boundary word ("since", "who", "after") opens.
    private var boundaryOpened: [Int] = []
    /// Per token, a bit per `Tag.Kind` covering it; per sentence, the kinds present; the matches
    /// starting and ending at each token. The rules ask these questions thousands of times.
    private var covering: [UInt64] = []
    private var present: UInt64 = 0
    /// Matches are sorted by first token: those starting at token i are `startIndex[i]..<startIndex[i + 1]`;
    /// `byEnd` lists match indices sorted by end, those ending at i being `byEnd[endIndex[i]..<endIndex[i + 1]]`.
    private var startIndex: [Int32] = []
    private var byEnd: [Int32] = []
    private var endIndex: [Int32] = []

    /// `indexed: false` for quiet sentences: lookups then scan the few matches instead.
    init(index: Int, range: Range<Int>, tokens: [Token], matches: [PhraseMatch], ids: WordIDs, indexed: Bool = true) {
        self.index = index
        self.range = range
        self.tokens = tokens
        self.matches = matches
        for m in matches { present |= UInt64(1) << UInt64(m.tag.kind.rawValue) }
        guard indexed else { return }
        covering = [UInt64](repeating: 0, count: tokens.count)
        var startCounts = [Int32](repeating: 0, count: tokens.count + 2)
        var endCounts = [Int32](repeating: 0, count: tokens.count + 2)
        for m in matches {
            let bit = UInt64(1) << UInt64(m.tag.kind.rawValue)
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
        if covering.isEmpty { return matches.first { $0.tag.kind == kind && $0.first <= i && i < $0.end } }
        guard i >= 0, i < covering.count, covering[i] & (UInt64(1) << UInt64(kind.rawValue)) != 0 else { return nil }
        return matches.first { $0.tag.kind == kind && $0.first <= i && i < $0.end }
    }

    func match(_ kind: Tag.Kind, startingAt i: Int) -> PhraseMatch? {
        if startIndex.isEmpty { return matches.first { $0.tag.kind == kind && $0.first == i } }
        guard i >= 0, i + 1 < startIndex.count else { return nil }
        for k in Int(startIndex[i])..<Int(startIndex[i + 1]) where matches[k].tag.kind == kind { return matches[k] }
        return nil
    }

    func match(_ kind: Tag.Kind, endingAt i: Int) -> PhraseMatch? {
        if endIndex.isEmpty { return matches.first { $0.tag.kind == kind && $0.end == i } }
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
        for start in boundaryStarts where start > 0 && result[start] != result[start - 1] { boundaryOpened.append(start) }
        splitEmbeddedClauses(ids: ids)
    }

    /// "soldiers who held out at the airport since the city fell on Sunday surrendered on Wednesday":
    /// in a clause a boundary word opened, a second event verb right after the first one's objects,
    /// places and dates is the main clause going on.
    private mutating func splitEmbeddedClauses(ids: WordIDs) {
        guard !boundaryOpened.isEmpty, has(.cue) else { return }
        var splits: [Int] = []
        var previous: PhraseMatch?
        for b in matches where b.tag.kind == .cue {
            defer { previous = b }
            guard let a = previous, !b.tag.clauseOnly, b.first >= a.end, segment[a.first] == segment[b.first] else { continue }
            var opener = a.first
            while opener > 0, segment[opener - 1] == segment[a.first] { opener -= 1 }
            guard boundaryOpened.contains(opener) else { continue }
            var adjunct = false, plain = true
            var i = a.end
            while i < b.first {
                if let m = matches.first(where: { $0.first == i && Self.adjunctKinds.contains($0.tag.kind) }) {
                    adjunct = true
                    i = m.end
                } else if tokens[i].kind == .number || [ids.on, ids.in, ids.to, ids.the, ids.late, ids.early, ids.at].contains(tokens[i].id) {
                    i += 1
                } else {
                    plain = false
                    break
                }
            }
            if plain, adjunct, i == b.first { splits.append(b.first) }
        }
        guard !splits.isEmpty else { return }
        for i in segment.indices { segment[i] += splits.count { $0 <= i } }
    }

    private static let adjunctKinds: [Tag.Kind] = [.weekday, .month, .relativeDay, .place, .province, .actor, .coreference]

    /// The segment starts with a boundary word rather than a punctuation mark.
    func opensWithBoundary(segment k: Int) -> Bool {
        guard let start = segment.firstIndex(of: k) else { return false }
        return boundaryOpened.contains(start)
    }

    /// The segment of a token range (of its first token).
    func segmentOf(_ first: Int) -> Int { first < segment.count ? segment[first] : -1 }

    func text(_ scalars: [Unicode.Scalar], _ tokenRange: Range<Int>) -> String {
        guard let a = tokenRange.first, tokenRange.upperBound <= tokens.count, a < tokenRange.upperBound else { return "" }
        return ScalarText.string(scalars[tokens[a].start..<tokens[tokenRange.upperBound - 1].end])
    }
}
