/// Reads counts: "at least 20" is `low: 20`, "about 20" `best: 20`, "up to 20" `high: 20`,
/// "hundreds" `low: 200`.
struct NumberReader: Sendable {
    let lexicon: CompiledLexicon

    struct Count {
        var first: Int
        var end: Int
        var range: NumberRange
        var value: Int
    }

    func counts(in s: SentenceView) -> [Count] {
        let ids = lexicon.ids
        var out: [Count] = []
        let t = s.tokens
        var i = 0
        while i < t.count {
            var value: Int?
            var vague = false
            var end = i + 1
            if t[i].kind == .number, !isYear(t, i) {
                value = t[i].value
            } else if let m = s.match(.numberWord, startingAt: i) {
                let n = CompiledLexicon.numberWords[m.tag.index].1
                value = abs(n)
                vague = n < 0
                end = m.end
            }
            guard let v = value, v > 0 else { i += 1; continue }
            // "the past 24 hours" and dates are not counts.
            if s.matches.contains(where: { ($0.tag.kind == .relativeDay || $0.tag.kind == .month) && $0.first <= i + 1 && i < $0.end + 1 }) {
                i = end
                continue
            }
            var range = NumberRange(best: v)
            if vague { range = NumberRange(low: v) }
            if i >= 2, t[i - 2].id == ids.at, t[i - 1].id == ids.least { range = NumberRange(low: v) }
            else if i >= 2, t[i - 2].id == ids.more || t[i - 2].id == ids.over, t[i - 1].id == ids.than { range = NumberRange(low: v) }
            else if i >= 1, t[i - 1].id == ids.over { range = NumberRange(low: v) }
            else if i >= 2, t[i - 2].id == ids.up, t[i - 1].id == ids.to { range = NumberRange(high: v) }
            else if i >= 1, [ids.about, ids.around, ids.nearly, ids.approximately, ids.some, ids.roughly, ids.almost]
                .contains(t[i - 1].id) { range = NumberRange(best: v) }
            else if i >= 2, t[i - 1].id == ids.quote, [ids.about, ids.around, ids.nearly, ids.approximately, ids.some,
                                                        ids.roughly, ids.almost].contains(t[i - 2].id) {
                range = NumberRange(best: v)
            }
            out.append(Count(first: i, end: end, range: range, value: v))
            i = end
        }
        return out
    }

    private func isYear(_ t: [Token], _ i: Int) -> Bool {
        (1900...2100).contains(t[i].value)
            && !(i + 1 < t.count && [lexicon.ids.soldiers, lexicon.ids.troops, lexicon.ids.fighters].contains(t[i + 1].id))
    }

    /// Counts by kind for a report: killed and wounded near those words, troops near soldiers.
    func numbers(in s: SentenceView, counts: [Count]) -> [String: NumberRange] {
        let ids = lexicon.ids
        var result: [String: NumberRange] = [:]
        for c in counts {
            var j = c.end
            var kind: String?
            // "killed dozens of insurgents": the verb before the count.
            if c.first >= 1 {
                let before = s.tokens[c.first - 1].id
                if before == ids.killed, result["killed"] == nil { result["killed"] = c.range; continue }
                if before == ids.wounded || before == ids.injured, result["wounded"] == nil { result["wounded"] = c.range; continue }
            }
            while j < min(s.tokens.count, c.end + 8) {
                let id = s.tokens[j].id
                if id == ids.killed || s.tokens[j].id == lexicon.vocabulary.id("dead") || id == lexicon.vocabulary.id("died") {
                    kind = "killed"
                    if j + 2 < s.tokens.count, s.tokens[j + 1].id == ids.or || s.tokens[j + 1].id == ids.and,
                       s.tokens[j + 2].id == ids.wounded || s.tokens[j + 2].id == ids.injured {
                        if result["wounded"] == nil { result["wounded"] = c.range }
                    }
                    break
                }
                if id == ids.wounded || id == ids.injured { kind = "wounded"; break }
                if j < c.end + 4, id == ids.soldiers || id == ids.troops || id == ids.fighters || id == ids.personnel
                    || id == lexicon.vocabulary.id("commandos") || id == lexicon.vocabulary.id("forces") {
                    // "20 soldiers ... were killed" is a death toll; without it a troop count.
                    kind = "troops"
                }
                if s.tokens[j].kind == .punct, s.tokens[j].id != ids.quote { break }
                j += 1
            }
            if let kind, result[kind] == nil { result[kind] = c.range }
        }
        return result
    }
}
