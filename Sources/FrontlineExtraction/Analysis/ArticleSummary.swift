/// Article-level facts read off the analysed sentences: tallies, quotations, outlets cited,
/// copies of agency stories, the actors and places mentioned.
struct ArticleSummary {
    let lexicon: CompiledLexicon
    let scalars: [Unicode.Scalar]
    let sentences: [SentenceFacts]

    private func text(_ s: SentenceView) -> String {
        ScalarText.string(scalars[s.range])
    }

    func tallies() -> [ExtractedTally] {
        var out: [ExtractedTally] = []
        let finder = TallyFinder(lexicon: lexicon)
        let reader = NumberReader(lexicon: lexicon)
        for f in sentences where !f.skipped {
            let s = f.view
            guard s.tokens.contains(where: { $0.kind == .number }) || s.has(.numberWord) || s.has(.ordinal) else { continue }
            let status: String
            if s.has(.expected) { status = "expected" }
            else if s.has(.claim) { status = "claimed" }
            else if f.attributions.contains(where: { !$0.independent && $0.partySides.contains("taliban") }) { status = "claimed" }
            else { status = "reported" }
            let date = f.dates.first { !$0.blocked && $0.date != nil }?.date?.text
            for t in finder.tallies(in: s, text: text(s), counts: reader.counts(in: s), status: status, date: date)
                where !out.contains(where: { $0.count == t.count && $0.unit == t.unit && $0.total == t.total }) {
                out.append(t)
            }
        }
        return out
    }

    func quotes() -> [ExtractedQuote] {
        var out: [ExtractedQuote] = []
        for f in sentences {
            let s = f.view
            for q in f.quotations {
                guard let range = q.quote, let a = range.first, range.upperBound <= s.tokens.count else { continue }
                let start = s.tokens[a].start, end = s.tokens[range.upperBound - 1].end
                let quoted = ScalarText.string(scalars[start..<end])
                var actor: String?
                for m in s.matches where m.tag.kind == .actor && q.span.contains(m.first) {
                    let entry = lexicon.configuration.actors[m.tag.index]
                    if actor == nil || entry.kind == "person" { actor = entry.id }
                    if entry.kind == "person" { break }
                }
                if actor == nil, let person = lexicon.configuration.actors.first(where: { $0.name == q.text }) {
                    actor = person.id
                }
                out.append(ExtractedQuote(speaker: q.text.isEmpty ? nil : q.text, actor: actor, text: quoted,
                                          evidence: Evidence(sentence: text(s), start: s.range.lowerBound, end: s.range.upperBound)))
            }
        }
        return out
    }

    func outletsCited() -> [String] {
        var out: [String] = []
        for f in sentences {
            for m in f.view.matches where m.tag.kind == .outlet {
                let id = lexicon.configuration.outlets[m.tag.index].id
                if !out.contains(id) { out.append(id) }
            }
        }
        return out
    }

    /// "Source: AFP" closing the text, or a "(Reuters) -" dateline opening it.
    func copyOf() -> String? {
        for f in sentences.suffix(3).reversed() {
            let s = f.view
            guard s.tokens.count >= 3, lexicon.vocabulary.words[safe: s.tokens[0].id] == "source",
                  s.tokens[1].id == lexicon.ids.colon,
                  let m = s.matches.first(where: { $0.tag.kind == .outlet && $0.first == 2 }) else { continue }
            return lexicon.configuration.outlets[m.tag.index].id
        }
        if let first = sentences.first?.view {
            for m in first.matches where m.tag.kind == .outlet && m.first <= 4 && m.first > 0 {
                if first.tokens[m.first - 1].id == lexicon.ids.openParen, m.end < first.tokens.count,
                   first.tokens[m.end].id == lexicon.ids.closeParen {
                    return lexicon.configuration.outlets[m.tag.index].id
                }
            }
        }
        return nil
    }

    /// An agency that officials "told" in the first three sentences: wire copy names the agency
    /// its sources spoke to ("local officials told Anadolu Agency"), other outlets say "told AFP"
    /// only when they reproduce that reporting.
    func agencyToldInLede() -> String? {
        let told = lexicon.vocabulary.id("told")
        for f in sentences.prefix(3) {
            let s = f.view
            for m in s.matches where m.tag.kind == .outlet && m.first > 0 && s.tokens[m.first - 1].id == told {
                let outlet = lexicon.configuration.outlets[m.tag.index]
                if outlet.kind == "agency" { return outlet.id }
            }
        }
        return nil
    }

    /// "Brief News from Washington Newsday." closing the text names the publisher.
    func trailerPublisher() -> String? {
        guard let last = sentences.last?.view else { return nil }
        let news = lexicon.vocabulary.id("news")
        for m in last.matches where m.tag.kind == .outlet && m.first >= 2 {
            if last.tokens[m.first - 1].id == lexicon.ids.from, last.tokens[m.first - 2].id == news,
               m.end >= last.tokens.count - 1 {
                return lexicon.configuration.outlets[m.tag.index].id
            }
        }
        return nil
    }

    func actorsMentioned() -> [String] {
        var out: [String] = []
        for f in sentences {
            for m in f.view.matches where m.tag.kind == .actor {
                let id = lexicon.configuration.actors[m.tag.index].id
                if !out.contains(id) { out.append(id) }
            }
        }
        return out
    }

    func placesMentioned() -> [String] {
        var out: [String] = []
        for f in sentences {
            for m in f.mentions where m.role != .reference {
                let id = m.cityID ?? m.provinceID
                if !out.contains(id) { out.append(id) }
            }
        }
        return out
    }

    func keywords() -> String {
        let g = lexicon.configuration.gazetteer
        var names: [String] = []
        func add(_ n: String) { if !names.contains(n) { names.append(n) } }
        for f in sentences {
            for m in f.mentions where m.role != .reference {
                if let city = m.cityID, let p = g.place(city) { add(p.name) }
                if let p = g.province(m.provinceID) { add(p.name) }
            }
            for m in f.view.matches where m.tag.kind == .actor { add(lexicon.configuration.actors[m.tag.index].name) }
        }
        return names.joined(separator: " ")
    }
}
