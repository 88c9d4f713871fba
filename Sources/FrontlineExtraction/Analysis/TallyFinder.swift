/// Counted claims: "24 of Afghanistan's 34 provincial capitals", "about 20 of 34 provinces",
/// "the ninth city to be overrun".
struct TallyFinder: Sendable {
    let lexicon: CompiledLexicon

    private static let units: [(words: [String], unit: String)] = [
        (["provincial", "capitals"], "provincial_capitals"), (["provincial", "capital"], "provincial_capitals"),
        (["provincial", "cities"], "provincial_capitals"), (["capitals"], "provincial_capitals"),
        (["provinces"], "provinces"), (["province"], "provinces"), (["districts"], "districts"),
        (["district", "centers"], "districts"), (["district", "centres"], "districts"), (["district"], "districts"),
        (["cities"], "cities"), (["city"], "cities"),
    ]

    private func unit(_ s: SentenceView, at i: Int) -> (String, Int)? {
        for (words, unit) in Self.units where i + words.count <= s.tokens.count {
            let ok = words.enumerated().allSatisfy { lexicon.vocabulary.words[safe: s.tokens[i + $0.offset].id] == $0.element }
            if ok { return (unit, i + words.count) }
        }
        return nil
    }

    func tallies(in s: SentenceView, text: String, counts: [NumberReader.Count], status: String, date: String?) -> [ExtractedTally] {
        let ids = lexicon.ids
        let taliban = s.matches(.actor).contains { lexicon.actorSide[lexicon.configuration.actors[$0.tag.index].id] == "taliban" }
        var out: [ExtractedTally] = []
        let evidenceStart = s.range.lowerBound, evidenceEnd = s.range.upperBound
        func evidence(_ text: String) -> Evidence { Evidence(sentence: text, start: evidenceStart, end: evidenceEnd) }
        // "N of [the country's | Afghanistan's] M unit"
        for (k, c) in counts.enumerated() where c.end < s.tokens.count && s.tokens[c.end].id == ids.of {
            guard k + 1 < counts.count else { continue }
            let total = counts[k + 1]
            guard total.first > c.end, total.first - c.end <= 5, total.value >= c.value,
                  let (unit, _) = unit(s, at: total.end) else { continue }
            out.append(ExtractedTally(actor: taliban ? "taliban" : nil, count: c.value, total: total.value, unit: unit,
                                      date: date, status: status, evidence: evidence(text)))
        }
        // "the seventh, eighth and ninth provincial cities to be captured"
        let ordinals = s.matches(.ordinal)
        if let last = ordinals.last, let (unit, end) = unit(s, at: last.end), end < s.tokens.count,
           s.tokens[end].id == ids.to, s.matches(.cue).contains(where: { $0.first >= end && $0.first <= end + 2 }) {
            let count = ordinals.map(\.tag.index).max() ?? last.tag.index
            out.append(ExtractedTally(actor: taliban ? "taliban" : nil, count: count, total: nil, unit: unit, date: date,
                                      status: status, evidence: evidence(text)))
        }
        return out
    }
}
