/// Builds the reports of one sentence: each event cue governs the nearest place of its clause
/// in the cue's direction, and with it the whole list that place belongs to.
struct ReportBuilder {
    let analysis: ArticleAnalysis
    let sentence: SentenceFacts
    let chains: [[Int]]

    private var lexicon: CompiledLexicon { analysis.lexicon }
    private var s: SentenceView { sentence.view }

    private struct Governed {
        var cue: PhraseMatch
        var entry: EventTypeEntry
        var mentions: [PlaceMention]
        var attempt: Bool
        var negated: Bool
    }

    func build() -> [ExtractedReport] {
        let cues = activeCues()
        var reports: [ExtractedReport] = []
        let reader = NumberReader(lexicon: lexicon)
        let counts = reader.counts(in: s)
        for cue in cues {
            let entry = lexicon.configuration.events[cue.tag.index]
            var mentions = governedMentions(cue, entry: entry)
            let type = entry.reportedType
            let numbers = numbersFor(type: type, counts: counts, reader: reader)
            if mentions.isEmpty {
                // Country-level casualty tolls and deployments need a count to be worth a report.
                guard type == "casualties" && (numbers["killed"] != nil || numbers["wounded"] != nil)
                        || type == "deployment" && numbers["troops"] != nil else { continue }
                if reports.contains(where: { $0.type == type && $0.province == nil }) { continue }
                mentions = []
            } else if type == "casualties", numbers["killed"] == nil && numbers["wounded"] == nil {
                continue
            }
            let governed = Governed(cue: cue, entry: entry, mentions: mentions, attempt: isAttempt(cue), negated: isNegated(cue))
            if mentions.isEmpty {
                if let r = report(governed, mention: nil, numbers: numbers) { reports.append(r) }
            }
            for m in mentions {
                if let r = report(governed, mention: m, numbers: numbers) { reports.append(r) }
            }
        }
        return reports
    }

    /// Cues outside skipped parts, minus the ones another cue swallows ("pushed back an assault").
    private func activeCues() -> [PhraseMatch] {
        let cues = s.matches(.cue)
        var dropped = Set<Int>()
        for (i, c) in cues.enumerated() {
            let entry = lexicon.configuration.events[c.tag.index]
            guard !entry.suppresses.isEmpty else { continue }
            for (j, d) in cues.enumerated() where j != i && d.first >= c.end && d.first <= c.end + 4 {
                if entry.suppresses.contains(lexicon.configuration.events[d.tag.index].reportedType) { dropped.insert(j) }
            }
        }
        return cues.enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
    }

    private func chain(of mention: PlaceMention) -> [PlaceMention] {
        guard let idx = sentence.mentions.firstIndex(of: mention) else { return [mention] }
        guard let c = chains.first(where: { $0.contains(idx) }) else { return [mention] }
        return c.map { sentence.mentions[$0] }
    }

    private func governedMentions(_ cue: PhraseMatch, entry: EventTypeEntry) -> [PlaceMention] {
        let seg = s.segmentOf(cue.first)
        let inClause = sentence.mentions.filter { $0.role == .event && s.segmentOf($0.first) == seg }
        let after = inClause.filter { $0.first >= cue.end }.min { $0.first < $1.first }
        let before = inClause.filter { $0.end <= cue.first }.max { $0.end < $1.end }
        var chosen: PlaceMention?
        switch cue.tag.direction {
        case .after: chosen = after ?? before
        case .before: chosen = before
        case .either:
            if let a = after, let b = before {
                chosen = (a.first - cue.end) <= (cue.first - b.end) ? a : b
            } else {
                chosen = after ?? before
            }
        }
        if let chosen {
            let distance = chosen.first >= cue.end ? chosen.first - cue.end : cue.first - chosen.end
            return distance <= 16 ? chain(of: chosen) : []
        }
        // "the city" stands for the capital of a province the sentence names, else the city in focus.
        if let co = s.matches(.coreference).first(where: { s.segmentOf($0.first) == seg }) {
            let g = lexicon.configuration.gazetteer
            if let p = sentence.mentions.first(where: { $0.precision == "province" && $0.role != .reference }),
               let province = g.province(p.provinceID) {
                return [PlaceMention(first: co.first, end: co.end, provinceID: province.id, cityID: province.capitalID,
                                     precision: "city", role: .event)]
            }
            if var focus = analysis.focusCity(before: s.index) {
                focus.first = co.first
                focus.end = co.end
                return [focus]
            }
        }
        // A fronted place phrase: "In Kunduz, ... the Taliban seized the police headquarters".
        if seg > 0 {
            let previousSegment = sentence.mentions.filter { $0.role == .event && s.segmentOf($0.first) == seg - 1 }
            let previousHasCue = s.matches(.cue).contains { s.segmentOf($0.first) == seg - 1 }
            if let last = previousSegment.last, !previousHasCue { return chain(of: last) }
        }
        // "These were the seventh, eighth and ninth cities to be captured."
        if entry.reportedType == "capture", s.match(.anaphora, startingAt: 0) != nil {
            return analysis.previousEventCities(before: s.index)
        }
        return []
    }

    private func isNegated(_ cue: PhraseMatch) -> Bool {
        s.matches(.negation).contains { $0.end <= cue.first && $0.end >= cue.first - 3 && s.segmentOf($0.first) == s.segmentOf(cue.first) }
    }

    private func isAttempt(_ cue: PhraseMatch) -> Bool {
        s.matches(.attempt).contains { $0.end <= cue.first && $0.end >= cue.first - 2 }
    }

    private func numbersFor(type: String, counts: [NumberReader.Count], reader: NumberReader) -> [String: NumberRange] {
        guard ["casualties", "surrender", "deployment", "withdrawal", "assault"].contains(type) else { return [:] }
        let all = reader.numbers(in: s, counts: counts)
        switch type {
        case "casualties": return all.filter { $0.key == "killed" || $0.key == "wounded" }
        case "assault": return all.filter { $0.key == "troops" }
        default: return all.filter { $0.key == "troops" }
        }
    }

    private func report(_ g: Governed, mention: PlaceMention?, numbers: [String: NumberRange]) -> ExtractedReport? {
        var type = g.entry.reportedType
        if g.attempt && type == "capture" { type = "assault" }
        let status = status(g, type: type)
        // Threats and plans are not captures.
        if type == "capture" && status == "expected" { return nil }
        let date = date(for: g.cue, mention: mention)
        let attribution = attribution(for: g.cue)
        let evidence = Evidence(sentence: sentenceText, start: s.range.lowerBound, end: s.range.upperBound)
        return ExtractedReport(
            type: type, province: mention?.provinceID, city: mention?.cityID, actor: actor(g, type: type),
            date: date?.date?.text, dateText: date?.text, datePrecision: date?.date == nil ? "unknown" : date!.precision,
            status: status, attributedTo: attribution?.text.isEmpty == false ? attribution?.text : nil,
            placePrecision: mention?.precision ?? "country", numbers: numbers, evidence: evidence)
    }

    private var sentenceText: String {
        var text = ""
        text.unicodeScalars.append(contentsOf: analysis.scalars[s.range])
        return text
    }

    // MARK: Status

    private func attribution(for cue: PhraseMatch) -> Attribution? {
        if s.quoted[cue.first], let q = sentence.quotations.first(where: { $0.quote?.contains(cue.first) == true }) {
            return q
        }
        let seg = s.segmentOf(cue.first)
        return sentence.attributions.first { a in
            guard !a.span.contains(cue.first) else { return false }
            if a.trailing { return s.segmentOf(a.verb) - seg <= 1 && s.segmentOf(a.verb) >= seg }
            return true
        }
    }

    private func status(_ g: Governed, type: String) -> String {
        let seg = s.segmentOf(g.cue.first)
        if g.negated { return "denied" }
        let quotedCue = s.quoted[g.cue.first]
        let expected = s.matches(.expected).contains { m in
            s.segmentOf(m.first) == seg && s.quoted[m.first] == quotedCue && !(m.first >= g.cue.first && m.end <= g.cue.end)
        }
        if expected { return "expected" }
        if s.has(.denial) { return "denied" }
        if s.matches(.claim).contains(where: { !s.quoted[$0.first] }) { return "claimed" }
        if let a = attribution(for: g.cue), !a.independent, !a.partySides.isEmpty {
            let side = sideOf(g, type: type)
            if side == nil || a.partySides.contains(side!) || type == "casualties" { return "claimed" }
        }
        return "reported"
    }

    /// The side a report is good news for: whose claim it would be.
    private func sideOf(_ g: Governed, type: String) -> String? {
        guard let actor = actor(g, type: type) else { return nil }
        let side = lexicon.actorSide[actor] ?? CompiledLexicon.side(of: actor)
        switch type {
        case "surrender", "withdrawal": return side == "taliban" ? "government" : "taliban"
        default: return side
        }
    }

    // MARK: Actor

    private func actor(_ g: Governed, type: String) -> String? {
        if let forced = g.entry.actor { return forced }
        let actors = s.matches(.actor)
        func side(_ m: PhraseMatch) -> String? { lexicon.actorSide[lexicon.configuration.actors[m.tag.index].id] }
        func id(_ m: PhraseMatch) -> String {
            let a = lexicon.configuration.actors[m.tag.index]
            return a.kind == "person" ? a.id : a.id
        }
        let attributionSpans = sentence.attributions.map(\.span)
        let outsideSpeech = actors.filter { m in !attributionSpans.contains { $0.contains(m.first) } }
        switch type {
        case "capture", "assault":
            if outsideSpeech.contains(where: { side($0) == "taliban" }) { return "taliban" }
            if let subject = outsideSpeech.last(where: { $0.end <= g.cue.first && g.cue.first - $0.end <= 4 }),
               side(subject) == "government" {
                return lexicon.configuration.actors[subject.tag.index].affiliation ?? id(subject)
            }
            return analysis.talibanInContext(of: s.index) ? "taliban" : nil
        case "surrender", "withdrawal":
            if let subject = outsideSpeech.last(where: { $0.end <= g.cue.first }), side(subject) == "taliban",
               g.cue.first - subject.end <= 4 {
                return "taliban"
            }
            if let g = outsideSpeech.first(where: { side($0) == "government" }) {
                let a = lexicon.configuration.actors[g.tag.index]
                return a.kind == "person" ? (a.affiliation ?? a.id) : a.id
            }
            return "afghan-forces"
        case "visit":
            let people = outsideSpeech.filter { lexicon.configuration.actors[$0.tag.index].kind == "person" }
            return (people.last { $0.end <= g.cue.first } ?? people.first).map(id)
        case "repelled":
            return "afghan-forces"
        default:
            let before = outsideSpeech.last { $0.end <= g.cue.first }
            return (before ?? outsideSpeech.first).map(id)
        }
    }

    // MARK: Date

    private func date(for cue: PhraseMatch, mention: PlaceMention?) -> DateMention? {
        let usable = sentence.dates.filter { !$0.blocked }
        let seg = s.segmentOf(cue.first)
        let sameClause = usable.filter { s.segmentOf($0.first) == seg }
        if let nearest = sameClause.min(by: { abs($0.first - cue.first) < abs($1.first - cue.first) }) { return nearest }
        if let m = mention {
            let mSeg = s.segmentOf(m.first)
            if let d = usable.first(where: { s.segmentOf($0.first) == mSeg }) { return d }
        }
        // A lone date of the sentence belongs to its one event, unless its clause has an event of its own.
        guard usable.count == 1, let only = usable.first else { return nil }
        let otherCue = s.matches(.cue).contains { s.segmentOf($0.first) == s.segmentOf(only.first) && $0.first != cue.first }
        return otherCue ? nil : only
    }
}
