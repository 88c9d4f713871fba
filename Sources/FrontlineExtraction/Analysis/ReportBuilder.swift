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
        var reports = buildReports()
        guard !reports.isEmpty else { return reports }
        let text = sentenceText
        for i in reports.indices { reports[i].evidence.sentence = text }
        return reports
    }

    private func buildReports() -> [ExtractedReport] {
        let cues = activeCues()
        guard !cues.isEmpty else { return [] }
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

    /// A capture cue whose object is a count of capitals ("have taken 12 provincial capitals") and no place.
    func opensEnumeration(reports: [ExtractedReport]) -> Bool {
        guard !reports.contains(where: { $0.type == "capture" }) else { return false }
        return s.matches(.cue).contains { cue in
            lexicon.configuration.events[cue.tag.index].reportedType == "capture"
                && ((cue.end..<min(s.tokens.count, cue.end + 5)).contains { isCapitalsWord(s.tokens[$0]) }
                    || (max(0, cue.first - 4)..<cue.first).contains { isCapitalsWord(s.tokens[$0]) })
        }
    }

    /// The date in the clause of the lead's capture cue ("fell to the Taliban on Friday").
    func leadDate() -> DateMention? {
        for cue in s.matches(.cue) where lexicon.configuration.events[cue.tag.index].reportedType == "capture" {
            if let d = sentence.dates.first(where: { !$0.blocked && $0.date != nil && s.segmentOf($0.first) == s.segmentOf(cue.first) }) {
                return d
            }
        }
        return nil
    }

    /// The count a lead announces: "two more provincial capitals", "Three more provincial centres".
    func announcedCount() -> Int? {
        let counts = NumberReader(lexicon: lexicon).counts(in: s)
        for c in counts where c.value > 0 && c.value < 35 {
            if (c.end..<min(s.tokens.count, c.end + 4)).contains(where: { isCapitalsWord(s.tokens[$0]) }) { return c.value }
        }
        return nil
    }

    private func isCapitalsWord(_ t: Token) -> Bool {
        let w = lexicon.vocabulary.words[safe: t.id]
        return t.id == lexicon.ids.capitals || w == "cities" || w == "centres" || w == "centers"
    }

    /// A cue-less list of two or more cities after such a sentence: each one was taken.
    func enumerated(actor: String?) -> [ExtractedReport] {
        let cities = sentence.mentions.filter { $0.role == .event && $0.cityID != nil }
        let colonList = cities.first.map { c in (0..<c.first).contains { s.tokens[$0].id == lexicon.ids.colon } } ?? false
        guard cities.count >= 2 || (colonList && !cities.isEmpty) else { return [] }
        let evidence = Evidence(sentence: sentenceText, start: s.range.lowerBound, end: s.range.upperBound)
        let date = sentence.dates.count == 1 && !sentence.dates[0].blocked ? sentence.dates[0] : nil
        return cities.map { m in
            ExtractedReport(type: "capture", province: m.provinceID, city: m.cityID, actor: actor, date: date?.date?.text,
                            dateText: date?.text, datePrecision: date?.date == nil ? "unknown" : date!.precision,
                            status: "reported", placePrecision: m.precision, evidence: evidence)
        }
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
        // A place before an object-taking cue counts only when fronted: "In Kunduz, the Taliban seized ...".
        let segmentStart = (0..<cue.first).last { s.segmentOf($0) != seg }.map { $0 + 1 } ?? 0
        let fronted = before.flatMap { $0.first - segmentStart <= 2 ? $0 : nil }
        // "Islam Qala, the crossing that the Taliban captured": a relative clause reaches back.
        let relative = before.flatMap { b in
            s.matches(.relative).contains { $0.first >= b.end && $0.end <= cue.first && cue.first - $0.end <= 4 } ? b : nil
        }
        var chosen: PlaceMention?
        switch cue.tag.direction {
        case .after: chosen = after ?? fronted ?? relative
        case .before: chosen = before
        case .either:
            if let a = after, let b = before {
                chosen = (a.first - cue.end) <= (cue.first - b.end) ? a : b
            } else {
                chosen = after ?? before
            }
        }
        // "In Faryab, the provincial capital fell": the capital of the province named before.
        if let c = chosen, c.precision == "province",
           let co = s.matches(.coreference).first(where: { s.segmentOf($0.first) == seg && $0.first >= min(c.end, cue.end) && $0.end <= max(c.first, cue.first) }),
           let province = lexicon.configuration.gazetteer.province(c.provinceID) {
            return [PlaceMention(first: co.first, end: co.end, provinceID: province.id, cityID: province.capitalID,
                                 precision: "city", role: .event)]
        }
        if let c = chosen, c.first >= cue.end,
           s.matches(.clauseVerb).contains(where: { $0.first >= cue.end && $0.end <= c.first
               && s.tokens[$0.first].id != lexicon.ids.by && s.tokens[$0.first].id != lexicon.ids.to }) {
            // "the fall of the three cities brings the insurgents closer to Kabul": another clause's place.
            chosen = nil
        }
        if chosen == nil, cue.tag.direction != .before, let colon = (cue.end..<s.tokens.count).first(where: {
            s.tokens[$0].id == lexicon.ids.colon && s.segmentOf($0) == seg + 1
        }) {
            // "captured three more provincial capitals on Saturday: Mehtarlam ..., Nili ... and Maymana".
            let listed = sentence.mentions.filter { $0.role == .event && $0.first > colon }
            if let head = listed.first {
                var governed = chain(of: head)
                for m in listed where !governed.contains(m) && startsListItem(m) { governed.append(m) }
                return governed
            }
        }
        if let chosen {
            let distance = chosen.first >= cue.end ? chosen.first - cue.end : cue.first - chosen.end
            guard distance <= 16 else { return [] }
            var governed = chain(of: chosen)
            if chosen.first >= cue.end {
                // Every later place of the clause up to the next cue is an object too:
                // "advanced to Pul-i-Khumri ..., the capital of Farah and Faizabad".
                let nextCue = s.matches(.cue).filter { $0.first >= cue.end }.map(\.first).min() ?? Int.max
                let stop = s.matches(.clauseVerb).filter { $0.first > chosen.end }.map(\.first).min() ?? Int.max
                for m in inClause where m.first > chosen.first && m.first < min(nextCue, stop) && !governed.contains(m)
                    && startsListItem(m) {
                    governed.append(contentsOf: chain(of: m).filter { !governed.contains($0) })
                }
            }
            return governed
        }
        // "the city" stands for a city named earlier in the sentence, the capital of a province
        // the sentence names, else the city in focus.
        if let co = s.matches(.coreference).first(where: { s.segmentOf($0.first) == seg }) {
            let g = lexicon.configuration.gazetteer
            if var earlier = sentence.mentions.last(where: { $0.cityID != nil && $0.end <= co.first
                && ($0.role == .event || $0.role == .descriptor) }) {
                earlier.role = .event
                return [earlier]
            }
            if let p = sentence.mentions.first(where: { $0.precision == "province" && $0.role != .reference }),
               let province = g.province(p.provinceID) {
                return [PlaceMention(first: co.first, end: co.end, provinceID: province.id, cityID: province.capitalID,
                                     precision: "city", role: .event)]
            }
            let provincial = lexicon.vocabulary.words[safe: s.tokens[min(co.first + 1, s.tokens.count - 1)].id] == "provincial"
            if provincial, var capital = analysis.focusCapital(before: s.index) {
                capital.first = co.first
                capital.end = co.end
                return [capital]
            }
            if var focus = analysis.focusCity(before: s.index) {
                focus.first = co.first
                focus.end = co.end
                return [focus]
            }
        }
        // A fronted place phrase: "Further east, in Faizabad, ... security forces had retreated".
        var k = seg - 1
        while k >= 0, k >= seg - 3 {
            if s.matches(.cue).contains(where: { s.segmentOf($0.first) == k }) { break }
            let mentions = sentence.mentions.filter { $0.role == .event && s.segmentOf($0.first) == k }
            if let last = mentions.last { return chain(of: last) }
            k -= 1
        }
        // "These were the seventh, eighth and ninth cities to be captured."
        if entry.reportedType == "capture", s.match(.anaphora, startingAt: 0) != nil {
            return analysis.previousEventCities(before: s.index)
        }
        return []
    }

    /// A place that opens a list item: after a comma or "and", past "the capital of the province".
    private func startsListItem(_ m: PlaceMention) -> Bool {
        var i = m.first - 1
        while i >= 0 {
            let t = s.tokens[i]
            if t.id == lexicon.ids.comma || t.id == lexicon.ids.and { return true }
            if t.kind == .punct { return false }
            let listWord = s.match(.filler, at: i) != nil || s.match(.provinceWord, at: i) != nil
                || s.match(.cityWord, at: i) != nil || t.id == lexicon.ids.capital
            if !listWord { return false }
            i -= 1
        }
        return false
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
        // "entered Bamyan without a fight" is a capture; "taken without fighting" had no fight.
        if type == "assault", g.cue.tag.direction == .after, s.has(.unopposed) { type = "capture" }
        if g.negated, g.cue.first > 0, lexicon.vocabulary.words[safe: s.tokens[g.cue.first - 1].id] == "without" { return nil }
        let status = status(g, type: type, mention: mention)
        // Threats and plans are not captures.
        if type == "capture" && status == "expected" { return nil }
        let date = date(for: g.cue, mention: mention)
        let attribution = attribution(for: g.cue)
        return ExtractedReport(
            type: type, province: mention?.provinceID, city: mention?.cityID, actor: actor(g, type: type),
            date: date?.date?.text, dateText: date?.text, datePrecision: date?.date == nil ? "unknown" : date!.precision,
            status: status, attributedTo: attribution?.text.isEmpty == false ? attribution?.text : nil,
            placePrecision: mention?.precision ?? "country", numbers: numbers,
            evidence: Evidence(sentence: "", start: s.range.lowerBound, end: s.range.upperBound))
    }

    private var sentenceText: String {
        ScalarText.string(analysis.scalars[s.range])
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

    private func status(_ g: Governed, type: String, mention: PlaceMention?) -> String {
        let seg = s.segmentOf(g.cue.first)
        if g.negated { return "denied" }
        let quotedCue = s.quoted[g.cue.first]
        // A nominal cue ("the loss of X") is a subject: its verb may stand clauses later.
        let nominal = lexicon.vocabulary.words[safe: s.tokens[g.cue.end - 1].id] == "of"
        let expected = s.matches(.expected).contains { m in
            let inScope = s.segmentOf(m.first) == seg || (nominal && m.first >= g.cue.end)
            return inScope && s.quoted[m.first] == quotedCue && !(m.first >= g.cue.first && m.end <= g.cue.end)
        }
        if expected { return "expected" }
        if s.has(.denial) { return "denied" }
        if let place = mention, s.matches(.holding).contains(where: { h in
            h.first >= place.end && h.first - place.end <= 3 && s.segmentOf(h.first) == s.segmentOf(place.first)
                && !sentence.mentions.contains { $0.first > place.end && $0.first < h.first && $0.role == .event }
        }) {
            return "denied"
        }
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
            return analysis.talibanInContext(of: s.index) ? "taliban" : nil
        case "surrender", "withdrawal":
            if let subject = outsideSpeech.last(where: { $0.end <= g.cue.first }), side(subject) == "taliban",
               g.cue.first - subject.end <= 4 {
                return "taliban"
            }
            let seg = s.segmentOf(g.cue.first)
            let government = outsideSpeech.filter { side($0) == "government" && lexicon.configuration.actors[$0.tag.index].kind != "person" }
            if let near = government.last(where: { $0.end <= g.cue.first && s.segmentOf($0.first) == seg })
                ?? government.first(where: { s.segmentOf($0.first) == seg }) {
                return lexicon.configuration.actors[near.tag.index].id
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
        // Else the nearest date whose clause has no event of its own, the later one first
        // ("took Zaranj, the capital of Nimroz, on Friday").
        let free = usable.filter { d in
            !s.matches(.cue).contains { s.segmentOf($0.first) == s.segmentOf(d.first) && $0.first != cue.first }
        }
        return free.min { a, b in
            let da = a.first >= cue.end ? a.first - cue.end : (cue.first - a.end) * 2
            let db = b.first >= cue.end ? b.first - cue.end : (cue.first - b.end) * 2
            return da < db
        }
    }
}
