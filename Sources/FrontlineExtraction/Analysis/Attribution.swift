/// Who says what in a sentence: "X said", "said X", "according to X", "X told AFP", and the
/// speaker of a quotation. Decides whether a report is a party's claim.
struct Attribution: Sendable {
    /// Speaker tokens.
    var span: Range<Int>
    var text: String
    /// Sides of the parties among the speakers (`taliban`, `government`, ...).
    var partySides: Set<String>
    /// Officials, residents, lawmakers, sources: not parties even when they serve one.
    var independent: Bool
    /// The speech verb's token, and whether it is a trailing "according to" that covers only the clause before it.
    var verb: Int
    var trailing: Bool
    /// For a quotation: the quoted tokens it covers.
    var quote: Range<Int>?
}

struct AttributionFinder: Sendable {
    let lexicon: CompiledLexicon
    static let pronouns: Set<String> = ["he", "she", "they", "it", "we", "i", "who"]

    func find(in s: SentenceView, scalars: [Unicode.Scalar]) -> [Attribution] {
        var result: [Attribution] = []
        let according = lexicon.vocabulary.id("according")
        let accordingSpans = s.matches.filter { $0.tag.kind == .speech && s.tokens[$0.first].id == according }
            .map { $0.first..<min(s.tokens.count, $0.end + 12) }
        for m in s.matches where m.tag.kind == .speech && !s.quoted[m.first] {
            if s.tokens[m.first].id != according, accordingSpans.contains(where: { $0.contains(m.first) }) { continue }
            // "then the group added Aybak, ...": a verb that also goes on with a capture ('follows' in
            // events.json) and has a place as its whole object is no speech.
            if let cue = s.match(.cue, startingAt: m.first), lexicon.configuration.events[cue.tag.index].follows != nil,
               let place = s.match(.place, startingAt: m.end) ?? s.match(.province, startingAt: m.end),
               place.end == s.tokens.count || s.tokens[place.end].kind == .punct {
                continue
            }
            var span: Range<Int>
            var trailing = false
            if s.tokens[m.first].id == according {
                var e = m.end
                while e < s.tokens.count, s.tokens[e].kind != .punct { e += 1 }
                span = m.end..<e
                trailing = m.first > 0
            } else {
                span = speakerBefore(s, verb: m.first)
                let words = span.filter { s.tokens[$0].kind == .word }
                // "... and said": a second verb of the same speaker, who stands further back.
                if !words.isEmpty, words.allSatisfy({ s.tokens[$0].id == lexicon.ids.and || s.tokens[$0].id == lexicon.ids.or }) {
                    continue
                }
                let next = m.end < s.tokens.count ? s.tokens[m.end] : nil
                let nameFollows = next.map { $0.capitalized || $0.id == lexicon.ids.the } ?? false
                if words.isEmpty && nameFollows {
                    var e = m.end
                    while e < s.tokens.count, e < m.end + 12, s.tokens[e].kind != .punct
                            || (s.tokens[e].id == lexicon.ids.comma && e + 1 < s.tokens.count
                                && s.match(.appositive, startingAt: e + 1) != nil) {
                        e += 1
                    }
                    if e > m.end { span = m.end..<e }
                }
            }
            result.append(describe(s, scalars: scalars, span: span, verb: m.first, trailing: trailing, quote: nil))
        }
        return result
    }

    /// Speakers of the quotations in a sentence: the words around the closing or opening quote.
    func quotations(in s: SentenceView, scalars: [Unicode.Scalar], attributions: [Attribution]) -> [Attribution] {
        var quotes: [Attribution] = []
        let marks = s.tokens.indices.filter { s.tokens[$0].id == lexicon.ids.quote && s.tokens[$0].kind == .punct }
        var k = 0
        while k + 1 < marks.count {
            let open = marks[k], close = marks[k + 1]
            k += 2
            guard close > open + 1 else { continue }
            // The nearest speech verb after the quote, else before it.
            // The speaker stands right after the quotation (", he said") or right before it ("said:").
            let after = attributions.filter { $0.verb > close && ($0.verb <= close + 5 || $0.span.lowerBound <= close + 2) }
                .min { $0.verb < $1.verb }
            let before = attributions.filter { $0.verb < open && $0.verb >= open - 3 }.max { $0.verb < $1.verb }
            let words = (open + 1..<close).filter { s.tokens[$0].kind == .word }.count
            guard words >= 4 else { continue }
            guard let speaker = after ?? before else { continue }
            var q = speaker
            q.quote = (open + 1)..<close
            quotes.append(q)
        }
        return quotes
    }

    /// The speaker before a speech verb: the words back to the previous comma, clause word or
    /// quotation mark, and the comma-delimited pieces before it while they are appositives or a
    /// name ("Abbas Ibrahim, a lawmaker from Balkh, told"); never across a quotation.
    private func speakerBefore(_ s: SentenceView, verb: Int) -> Range<Int> {
        let who = lexicon.vocabulary.id("who")
        /// Where the piece ending at `end` starts, and whether another verb cut it short.
        func pieceStart(_ end: Int) -> (start: Int, atVerb: Bool) {
            var a = end
            while a > 0 {
                let t = s.tokens[a - 1]
                if t.kind == .punct || s.quoted[a - 1] { return (a, false) }
                // Another verb ends the speaker: "the police denied the city had fallen and said ...".
                if s.match(.cue, at: a - 1) != nil || s.match(.speech, at: a - 1) != nil
                    || s.match(.denial, at: a - 1) != nil || s.match(.claim, at: a - 1) != nil {
                    return (a, true)
                }
                // "One army officer who asked not to be named said": a relative clause stays with its noun.
                if s.match(.boundary, startingAt: a - 1) != nil, t.id != who { return (a, false) }
                a -= 1
            }
            return (a, false)
        }
        var (start, _) = pieceStart(verb)
        while start > 1, verb - start < 20, s.tokens[start - 1].id == lexicon.ids.comma {
            let piece = (start..<verb).filter { s.tokens[$0].kind == .word }
            let opensAppositive = piece.first.map { s.match(.appositive, startingAt: $0) != nil } ?? true
            guard opensAppositive else { break }
            let (previous, atVerb) = pieceStart(start - 1)
            // A predicate ("... that fell to the Taliban on Sunday, reported") is no speaker.
            if atVerb { break }
            let head = (previous..<(start - 1)).filter { s.tokens[$0].kind == .word }
            let isAppositive = head.first.map { s.match(.appositive, startingAt: $0) != nil } ?? false
            let isName = head.first.map { s.tokens[$0].capitalized } ?? false && head.count <= 6
                && !s.matches.contains(where: { ($0.tag.kind == .place || $0.tag.kind == .province || $0.tag.kind == .cue)
                    && head.contains($0.first) })
            guard isAppositive || isName else { break }
            start = previous
        }
        return start..<verb
    }

    func describe(_ s: SentenceView, scalars: [Unicode.Scalar], span: Range<Int>, verb: Int, trailing: Bool,
                  quote: Range<Int>?) -> Attribution {
        var sides = Set<String>()
        var independent = false
        for m in s.matches where m.first >= span.lowerBound && m.end <= span.upperBound {
            if m.tag.kind == .actor {
                let actor = lexicon.configuration.actors[m.tag.index]
                if actor.party, let side = lexicon.actorSide[actor.id] { sides.insert(side) }
            } else if m.tag.kind == .independent {
                independent = true
            }
        }
        var text = s.text(scalars, span)
        while let last = text.last, last == "," || last == " " { text.removeLast() }
        while let first = text.first, first == "," || first == " " || first == "-" { text.removeFirst() }
        return Attribution(span: span, text: text, partySides: sides, independent: independent, verb: verb,
                           trailing: trailing, quote: quote)
    }
}

extension Array where Element == String {
    subscript(safe id: Int32) -> String { id >= 0 && Int(id) < count ? self[Int(id)] : "" }
}
