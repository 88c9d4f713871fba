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
        let allNumbers = counts.isEmpty ? [:] : reader.numbers(in: s, counts: counts)
        for cue in cues {
            let entry = lexicon.configuration.events[cue.tag.index]
            let type = entry.reportedType
            if type == "deployment", continuesRetreat(cue, cues: cues) { continue }
            if let follows = entry.follows, !continues(follows, before: cue, cues: cues) { continue }
            var mentions = governedMentions(cue, entry: entry)
            if entry.follows != nil, !mentions.contains(where: { directlyAfter(cue, $0) }) { continue }
            let numbers = numbersFor(type: type, all: allNumbers)
            var toldBefore = false
            if mentions.isEmpty, type == "casualties", let place = eventJustTold(after: cue) {
                // "killed in the chaos": the toll of the event just told, where (and when) it happened.
                mentions = [place]
                toldBefore = true
            }
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
                guard var r = report(governed, mention: m, numbers: numbers) else { continue }
                if toldBefore, r.date == nil, let day = analysis.narrativeDate {
                    r.date = day.text
                    r.datePrecision = "day"
                }
                reports.append(r)
            }
        }
        return reports
    }

    /// An event of `type` told before the cue, in this sentence or the one before.
    private func continues(_ type: String, before cue: PhraseMatch, cues: [PhraseMatch]) -> Bool {
        cues.contains { $0.end <= cue.first && lexicon.configuration.events[$0.tag.index].reportedType == type
            && lexicon.configuration.events[$0.tag.index].follows == nil }
            || analysis.toldBefore(type, sentence: s.index)
    }

    /// "added Aybak", "added the northern city of Aybak": the object, with no mark between.
    private func directlyAfter(_ cue: PhraseMatch, _ m: PlaceMention) -> Bool {
        m.first >= cue.end && m.first - cue.end <= 4 && !(cue.end..<m.first).contains { s.tokens[$0].kind == .punct }
    }

    /// "were killed in the clashes", "died in the chaos": a definite event noun after a casualty cue
    /// points back to the fighting just told, at the place last in focus.
    private func eventJustTold(after cue: PhraseMatch) -> PlaceMention? {
        let ids = lexicon.ids
        guard cue.end + 2 < s.tokens.count, s.tokens[cue.end].id == ids.in, s.tokens[cue.end + 1].id == ids.the,
              s.match(.eventNoun, startingAt: cue.end + 2) != nil,
              var place = analysis.focusArea(before: s.index) else { return nil }
        place.first = cue.first
        place.end = cue.end
        return place
    }

    /// "retreated to the airport, from where some were flown out to Kabul": the same people's flight
    /// is the end of their withdrawal (placed where they left), not a deployment of its own. Another
    /// subject between the two ("commandos were sent") makes it one.
    private func continuesRetreat(_ cue: PhraseMatch, cues: [PhraseMatch]) -> Bool {
        // Only a movement on to somewhere: "where they are now running the evacuation" is one of its own.
        let onward = (cue.end..<min(s.tokens.count, cue.end + 2)).contains { s.match(.destination, startingAt: $0) != nil }
        guard onward, let retreat = cues.last(where: { $0.end <= cue.first
            && lexicon.configuration.events[$0.tag.index].reportedType == "withdrawal" }) else { return false }
        return !s.matches(.actor).contains { $0.first >= retreat.end && $0.end <= cue.first }
            && !s.matches(.governmentPerson).contains { $0.first >= retreat.end && $0.end <= cue.first }
    }

    /// A capture cue whose object is a count of capitals ("have taken 12 provincial capitals") and no place.
    func opensEnumeration(reports: [ExtractedReport]) -> Bool {
        guard !reports.contains(where: { $0.type == "capture" }) else { return false }
        return s.matches(.cue).contains { cue in
            lexicon.configuration.events[cue.tag.index].reportedType == "capture"
                && (max(0, cue.first - 4)..<min(s.tokens.count, cue.end + 5)).contains { isCapitalsWord(s.tokens[$0]) }
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
            if (c.end..<min(s.tokens.count, c.end + 6)).contains(where: { isCapitalsWord(s.tokens[$0]) }) { return c.value }
        }
        return nil
    }

    private func isCapitalsWord(_ t: Token) -> Bool {
        let ids = lexicon.ids
        return t.id == ids.capitals || t.id == ids.cities || t.id == ids.centres || t.id == ids.centers
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
        var inClause = sentence.mentions.filter { $0.role == .event && s.segmentOf($0.first) == seg }
        if entry.reportedType == "withdrawal" {
            // "fled to Uzbekistan across the bridge at Hayratan": where they went is not where they left.
            inClause.removeAll { m in m.first >= cue.end && s.match(.destination, endingAt: m.first) != nil }
        }
        if entry.reportedType == "deployment" {
            // "Commandos flown in from Herat": where they came from is not where they went.
            inClause.removeAll { m in m.first > 0 && s.tokens[m.first - 1].id == lexicon.ids.from }
        }
        // "The interior ministry in Kabul said ...": the speaker's seat is no event place. (Guarded: the
        // closure copies the builder, and most clauses have no place or no speaker.)
        if !inClause.isEmpty, !sentence.attributions.isEmpty {
            inClause.removeAll { m in
                guard m.first >= 2, sentence.attributions.contains(where: { $0.span.contains(m.first) && !$0.span.contains(cue.first) })
                else { return false }
                let preposition = s.tokens[m.first - 1].id
                guard preposition == lexicon.ids.in || preposition == lexicon.ids.from || preposition == lexicon.ids.of else { return false }
                return s.match(.actor, at: m.first - 2) != nil || s.match(.role, at: m.first - 2) != nil
                    || s.match(.independent, at: m.first - 2) != nil
            }
        }
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
        // "In Faryab, the provincial capital fell": the capital of the province named before. "The
        // surrender at the airport ... in Kunduz province" names a site, not the capital.
        if let c = chosen, c.precision == "province",
           let co = s.matches(.coreference).first(where: { s.segmentOf($0.first) == seg && $0.first >= min(c.end, cue.end)
               && $0.end <= max(c.first, cue.first) && s.match(.facility, at: $0.end - 1) == nil }),
           let province = lexicon.province(c.provinceID) {
            return [PlaceMention(first: co.first, end: co.end, provinceID: province.id, cityID: province.capitalID,
                                 precision: "city", role: .event)]
        }
        if let c = chosen, c.first >= cue.end, cue.tag.direction == .after,
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
        // "Kandahar, where heavy fighting went on": a locative relative clause happens at the place before it.
        if segmentStart > 0, segmentStart < cue.first, s.tokens[segmentStart].id == lexicon.ids.where_,
           let host = sentence.mentions.last(where: { $0.role == .event && $0.end <= segmentStart }),
           segmentStart - host.end <= 12 {
            return [host]
        }
        if cue.tag.clauseOnly {
            // "clashes were continuing around the governor's office": fighting at a site inside the
            // city in focus is fighting for that city. "The airport" may lie outside it: not here.
            let site = (cue.end..<min(s.tokens.count, cue.end + 8)).contains { i in
                s.segmentOf(i) == seg && s.match(.coreference, at: i) == nil
                    && (s.match(.seatOfPower, startingAt: i) != nil || s.match(.facility, startingAt: i) != nil)
            }
            if site, var city = analysis.focusCity(before: s.index) {
                city.first = cue.first
                city.end = cue.end
                return [city]
            }
            return []
        }
        // "the city" stands for a city named earlier in the sentence, the capital of a province
        // the sentence names, else the city in focus.
        // Also a subject before the cue: "The city's defenders, including ..., fled".
        // Not in a speaker's description: "a lawmaker from the province said".
        // Loops, not closures: a closure here would copy the builder for every cue of every sentence.
        var pointers: [PhraseMatch] = []
        if s.has(.coreference) {
            for co in s.matches where co.tag.kind == .coreference {
                // "the province of the same name" describes; it does not point back.
                if co.end < s.tokens.count && s.tokens[co.end].id == lexicon.ids.of { continue }
                if sentence.attributions.contains(where: { $0.span.contains(co.first) && !$0.span.contains(cue.first) }) { continue }
                pointers.append(co)
            }
        }
        // "stormed Kunduz, ... seizing government buildings": taking the seat of power takes the city
        // it stands in, the one this sentence named or else the one in focus.
        if entry.reportedType == "capture", cue.tag.direction == .after, s.has(.seatOfPower),
           (cue.end..<min(s.tokens.count, cue.end + 3)).contains(where: { s.match(.seatOfPower, startingAt: $0) != nil }) {
            if var host = sentence.mentions.last(where: { $0.role == .event && $0.cityID != nil && $0.end <= cue.first })
                ?? analysis.focusCity(before: s.index) {
                host.role = .event
                return [host]
            }
        }
        // An object-taking cue's object follows it unless fronted: "attacked the edge of Maidan Shar, the
        // provincial capital, and took control of parts of the highway" took no capital.
        let objectFollows = cue.tag.direction == .after && entry.reportedType == "capture"
        var coreference: PhraseMatch?
        for co in pointers where s.segmentOf(co.first) == seg
            && (!objectFollows || co.first >= cue.end || co.first - segmentStart <= 2) {
            coreference = co
            break
        }
        if coreference == nil, !objectFollows {
            // Not one of an embedded clause with an event of its own: "held out at the airport since the
            // city fell on Sunday surrendered".
            for co in pointers.reversed() where co.end <= cue.first
                && !sentence.mentions.contains(where: { $0.first >= co.end && $0.first < cue.first })
                && !(s.segmentOf(co.first) != seg && s.opensWithBoundary(segment: s.segmentOf(co.first))
                     && s.matches(.cue).contains(where: { s.segmentOf($0.first) == s.segmentOf(co.first) })) {
                coreference = co
                break
            }
        }
        if let co = coreference {
            let second = lexicon.vocabulary.words[safe: s.tokens[min(co.first + 1, s.tokens.count - 1)].id]
            if second == "province", var place = analysis.focusCapital(before: s.index) {
                // "the province": the province in focus, at province level.
                place.cityID = nil
                place.precision = "province"
                place.first = co.first
                place.end = co.end
                return [place]
            }
            // "the airport" after "Kabul's airport": the place whose airport was named.
            let facility = s.match(.facility, at: co.end - 1) != nil
            if facility, var site = analysis.facilitySite(before: s.index) {
                site.first = co.first
                site.end = co.end
                // Taking "the airport" is not taking the city.
                if entry.reportedType == "capture" { site.precision = "facility" }
                return [site]
            }
            let speakerSpans = sentence.attributions.map(\.span)
            if var earlier = sentence.mentions.last(where: { m in (m.cityID ?? m.nearCity) != nil && m.end <= co.first
                && (m.role == .event || m.role == .descriptor) && !speakerSpans.contains { $0.contains(m.first) } }) {
                earlier.role = .event
                if earlier.cityID == nil {
                    // "the airport outside Kunduz ... the city itself": the city beside the site. Whoever
                    // holds the site ("kept control of Kandahar airport") does not hold the city for that.
                    earlier.cityID = earlier.nearCity
                    earlier.precision = "city"
                    earlier.held = false
                }
                return [earlier]
            }
            if let p = sentence.mentions.first(where: { $0.precision == "province" && $0.role != .reference }),
               let province = lexicon.province(p.provinceID) {
                return [PlaceMention(first: co.first, end: co.end, provinceID: province.id, cityID: province.capitalID,
                                     precision: "city", role: .event)]
            }
            let provincial = second == "provincial"
            // "held out in Imam Sahib district until the provincial capital fell": that province's capital.
            if provincial, let host = sentence.mentions.last(where: { m in m.end <= co.first
                && (m.role == .event || m.role == .descriptor) && !speakerSpans.contains { $0.contains(m.first) } }),
               let province = lexicon.province(host.provinceID) {
                return [PlaceMention(first: co.first, end: co.end, provinceID: province.id, cityID: province.capitalID,
                                     precision: "city", role: .event)]
            }
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
            // "the airport" after "Kunduz airport": the site last in focus, whatever its kind.
            if facility, var area = analysis.focusArea(before: s.index) {
                area.first = co.first
                area.end = co.end
                if entry.reportedType == "capture" { area.precision = "facility" }
                return [area]
            }
        }
        // "Zaranj fell late Friday, when security forces withdrew": a temporal clause happened at
        // the place of the clause it hangs on.
        // So does a participle clause the cue opens: "handed over Jalalabad, surrendering the last big city".
        if seg > 0, ["surrender", "withdrawal"].contains(entry.reportedType),
           let opener = (0..<s.tokens.count).first(where: { s.segmentOf($0) == seg && s.tokens[$0].kind == .word }),
           s.match(.temporal, startingAt: opener) != nil || (opener == cue.first && isParticiple(s.tokens[cue.first])),
           let host = sentence.mentions.last(where: { $0.role == .event && s.segmentOf($0.first) < seg && $0.end <= cue.first }) {
            return [host]
        }
        // "while their fighters attack provincial cities": the cue's own object is a generic place,
        // not one named in another clause; "In many cities, officials surrendered": nor one told before.
        for i in cue.end..<min(s.tokens.count, cue.end + 3) where isGenericPlace(i) { return [] }
        // A fronted place phrase: "Further east, in Faizabad, ... security forces had retreated".
        var k = seg - 1
        while k >= 0, k >= seg - 3 {
            if s.matches(.cue).contains(where: { s.segmentOf($0.first) == k }) {
                // "... at Kunduz airport since the city fell on Sunday, surrendered": an embedded clause
                // with an event of its own is passed over; any other clause with one ends the search.
                guard s.opensWithBoundary(segment: k) else { break }
                k -= 1
                continue
            }
            let mentions = sentence.mentions.filter { $0.role == .event && s.segmentOf($0.first) == k }
            if let last = mentions.last { return chain(of: last) }
            k -= 1
        }
        // "Ismail Khan ... surrendered to the Taliban": no place named, the story's city goes on.
        // Only forces or officials: "We fled to save our lives," a resident said, is no withdrawal.
        // "Commandos flown in from Herat fought them": troops named as the cue's subject arrive where
        // the story is ("plans to evacuate diplomats", "residents rushed to banks" send no one there).
        // Cheapest tests first: most cues never get here with one of these types.
        if ["surrender", "withdrawal", "deployment"].contains(entry.reportedType), !s.quoted[cue.first],
           continuesStory(cue, arrival: entry.reportedType == "deployment"),
           var city = analysis.continuingCity(before: s.index) {
            city.first = cue.first
            city.end = cue.end
            return [city]
        }
        // "These were the seventh, eighth and ninth cities to be captured."
        if entry.reportedType == "capture", s.match(.anaphora, startingAt: 0) != nil {
            return analysis.previousEventCities(before: s.index)
        }
        return []
    }

    /// Forces or officials act with no place of their own, none generic either: the story's city goes on.
    private func continuesStory(_ cue: PhraseMatch, arrival: Bool) -> Bool {
        var forces = false
        for m in s.matches where (m.tag.kind == .governmentPerson || m.tag.kind == .actor) && !s.quoted[m.first] {
            if m.tag.kind == .governmentPerson || lexicon.actorSide[lexicon.configuration.actors[m.tag.index].id] == "government" {
                forces = true
                break
            }
        }
        guard forces else { return false }
        for m in sentence.mentions where m.role == .event {
            // Where reinforcements came from is not where they went.
            if !(arrival && m.first > 0 && s.tokens[m.first - 1].id == lexicon.ids.from) { return false }
        }
        if arrival {
            var troops = false
            for m in s.matches where m.tag.kind == .actor && m.end <= cue.first && cue.first - m.end <= 3 && !s.quoted[m.first]
                && lexicon.configuration.actors[m.tag.index].kind == "state_force" {
                troops = true
                break
            }
            guard troops else { return false }
        }
        for i in s.tokens.indices where isGenericPlace(i) { return false }
        return true
    }

    /// "cities", "provincial capitals", "districts" where something happened; where they went
    /// ("pulled out towards the districts") is not where it happened.
    private func isGenericPlace(_ i: Int) -> Bool {
        let ids = lexicon.ids
        let t = s.tokens[i].id
        guard t == ids.cities || t == ids.capitals || t == ids.provinces || t == ids.towns || t == ids.districts else { return false }
        return !(max(0, i - 3)..<i).contains { s.match(.destination, startingAt: $0) != nil }
    }

    private func isParticiple(_ t: Token) -> Bool {
        let word = analysis.scalars[t.start..<t.end]
        return word.count > 4 && word.suffix(3).map { Character($0) } == ["i", "n", "g"]
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

    /// An explicit other time in the cue's clause, or in a clause beside it with no event of its own:
    /// "during its rule in the 1990s", "Back then, ...", "in 2001" (a year before the publication's).
    private func framedByOtherPeriod(_ cue: PhraseMatch) -> Bool {
        let seg = s.segmentOf(cue.first)
        var scope = [seg]
        for neighbour in [seg - 1, seg + 1] where !s.matches(.cue).contains(where: { s.segmentOf($0.first) == neighbour }) {
            scope.append(neighbour)
        }
        // "Back then" spans a boundary word of its own ("then").
        if s.matches(.otherPeriod).contains(where: { scope.contains(s.segmentOf($0.first)) || scope.contains(s.segmentOf($0.end - 1)) }) {
            return true
        }
        guard let year = analysis.published?.year else { return false }
        let since = lexicon.vocabulary.id("since")
        for (i, t) in s.tokens.enumerated() where t.kind == .number && t.end - t.start == 4 && (1900..<year).contains(t.value)
            && scope.contains(s.segmentOf(i)) {
            // "has not fallen since 2001" reaches up to now.
            if i > 0, s.tokens[i - 1].id == since { continue }
            return true
        }
        return false
    }

    private func isAttempt(_ cue: PhraseMatch) -> Bool {
        s.matches(.attempt).contains { $0.end <= cue.first && $0.end >= cue.first - 2 }
    }

    private func numbersFor(type: String, all: [String: NumberRange]) -> [String: NumberRange] {
        guard !all.isEmpty, ["casualties", "surrender", "deployment", "withdrawal", "assault"].contains(type) else { return [:] }
        switch type {
        case "casualties": return all.filter { $0.key == "killed" || $0.key == "wounded" }
        case "assault": return all.filter { $0.key == "troops" }
        default: return all.filter { $0.key == "troops" }
        }
    }

    private func report(_ g: Governed, mention: PlaceMention?, numbers: [String: NumberRange]) -> ExtractedReport? {
        var type = g.entry.reportedType
        if g.attempt && type == "capture" { type = "assault" }
        var mention = mention
        if type == "capture" {
            // "the government in control of Kabul", "held on to Kunduz": who holds it, no capture.
            if heldByGovernment(g.cue) || mention?.held == true { return nil }
            // "took the city's central prison": the facility was taken, not the city.
            // The city stays until the article is read: its own capture of the city takes the facility in.
            if mention != nil, takesFacility(g.cue) { mention?.precision = "facility" }
        }
        // "entered Bamyan without a fight" is a capture; "taken without fighting" had no fight.
        if type == "assault", g.cue.tag.direction == .after, s.has(.unopposed) { type = "capture" }
        if g.negated, g.cue.first > 0, ["without", "no"].contains(lexicon.vocabulary.words[safe: s.tokens[g.cue.first - 1].id]) {
            return nil
        }
        // "the group never took Faizabad during its rule in the 1990s": a negation about another time
        // denies nothing of the story's events.
        if g.negated, framedByOtherPeriod(g.cue) { return nil }
        // "unless reinforcements arrived": a pure hypothetical, not a plan.
        if type != "assault", type != "capture", isConditional(g.cue) { return nil }
        let status = status(g, type: type, mention: mention)
        // A threatened capture ("could take Kabul", "are preparing to retake the city") is an expected
        // assault, never a capture; a hypothetical about a noun ("the loss of Kandahar would be a
        // blow") and a denied plan ("would never attack") are nothing.
        if type == "capture" && status == "expected" {
            let nominal = lexicon.vocabulary.words[safe: s.tokens[g.cue.end - 1].id] == "of"
            guard mention != nil, !g.negated, !nominal else { return nil }
            type = "assault"
        }
        if g.negated && isExpected(g) { return nil }
        var date = date(for: g.cue, mention: mention)
        if date == nil, type == "assault", isOngoing(g.cue), let published = analysis.published {
            // "are closing in on Kabul", "fighting was raging in Taloqan": under way as the story went out.
            date = DateMention(first: 0, end: 0, text: "", date: published, precision: "day", blocked: false)
        }
        let attribution = attribution(for: g.cue)
        return ExtractedReport(
            type: type, province: mention?.provinceID, city: mention?.cityID, actor: actor(g, type: type),
            date: date?.date?.text, dateText: date.flatMap { $0.text.isEmpty ? nil : $0.text },
            datePrecision: date?.date == nil ? "unknown" : date!.precision,
            status: status, attributedTo: attribution?.text.isEmpty == false ? attribution?.text : nil,
            placePrecision: mention?.precision ?? "country", numbers: numbers,
            evidence: Evidence(sentence: "", start: s.range.lowerBound, end: s.range.upperBound))
    }

    /// A condition right before the cue: "unless reinforcements arrived", "if troops are sent".
    private func isConditional(_ cue: PhraseMatch) -> Bool {
        s.matches(.conditional).contains { $0.end <= cue.first && cue.first - $0.end <= 3 && s.segmentOf($0.first) == s.segmentOf(cue.first) }
    }

    /// A control-state cue ("in control of") whose holder just before it is on the government's side.
    private func heldByGovernment(_ cue: PhraseMatch) -> Bool {
        guard s.match(.controlState, at: cue.first) != nil,
              let holder = s.matches(.actor).last(where: { $0.end <= cue.first && cue.first - $0.end <= 3 }) else { return false }
        return lexicon.actorSide[lexicon.configuration.actors[holder.tag.index].id] == "government"
    }

    /// The cue's object is a site inside a place: "took the city's central prison", "seized the
    /// airport in Kandahar", "captured the airport". A place that heads the object ("took Kandahar
    /// city") is the place itself, and so is a seat of power among the objects ("the governor's
    /// office and the police headquarters"): taking it is how a city falls.
    private func takesFacility(_ cue: PhraseMatch) -> Bool {
        guard cue.tag.direction != .before, s.has(.facility) else { return false }
        var sawFacility = false
        var i = cue.end
        while i < min(s.tokens.count, cue.end + 14) {
            if s.tokens[i].kind == .punct && s.tokens[i].id != lexicon.ids.comma { break }
            if s.match(.seatOfPower, startingAt: i) != nil { return false }
            if let f = s.match(.facility, startingAt: i) {
                sawFacility = true
                i = f.end
                continue
            }
            if let place = s.match(.place, startingAt: i) ?? s.match(.province, startingAt: i)
                ?? s.match(.coreference, startingAt: i) {
                // "the city's prison": the place only qualifies what follows it. A place before any
                // facility heads the object; one after it locates the facility ("the prison in Kandahar").
                let possessive = place.end + 1 < s.tokens.count && s.tokens[place.end].id == lexicon.ids.s
                if !possessive && !sawFacility { return false }
                i = possessive ? place.end + 1 : place.end
                continue
            }
            // "and then the governor's house": the list goes on.
            let joined = i > 0 && (s.tokens[i - 1].id == lexicon.ids.and || s.tokens[i - 1].id == lexicon.ids.or)
            if s.match(.cue, startingAt: i) != nil || s.match(.clauseVerb, startingAt: i) != nil
                || s.match(.actor, startingAt: i) != nil || (s.match(.boundary, startingAt: i) != nil && !joined) {
                break
            }
            i += 1
        }
        return sawFacility
    }

    /// A progressive or present form: "are closing in", "is besieged", "was raging", "have been attacking".
    private func isOngoing(_ cue: PhraseMatch) -> Bool {
        let auxiliaries: Set<String> = ["is", "are", "was", "were", "been"]
        for i in max(0, cue.first - 2)..<cue.first where auxiliaries.contains(lexicon.vocabulary.words[safe: s.tokens[i].id]) {
            return true
        }
        // "fighting was raging": the auxiliary and an -ing form after a noun cue.
        if cue.end + 1 < s.tokens.count, auxiliaries.contains(lexicon.vocabulary.words[safe: s.tokens[cue.end].id]) {
            let next = s.tokens[cue.end + 1]
            let word = analysis.scalars[next.start..<next.end]
            return word.count > 4 && word.suffix(3).map { Character($0) } == ["i", "n", "g"]
        }
        return false
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
        if g.negated { return "denied" }
        if isExpected(g) { return "expected" }
        return factualStatus(g, type: type, mention: mention)
    }

    /// Future, plan, threat or hypothetical in the cue's clause.
    private func isExpected(_ g: Governed) -> Bool {
        let seg = s.segmentOf(g.cue.first)
        let quotedCue = s.quoted[g.cue.first]
        // A nominal cue ("the loss of X") is a subject: its verb may stand clauses later.
        let nominal = lexicon.vocabulary.words[safe: s.tokens[g.cue.end - 1].id] == "of"
        let expected = s.matches(.expected).contains { m in
            let inScope = s.segmentOf(m.first) == seg || (nominal && m.first >= g.cue.end)
            // Inside a longer cue it is part of the event ("on the verge of falling"); as the whole cue
            // it is the modality ("set their sights on").
            let insideCue = m.first >= g.cue.first && m.end <= g.cue.end && (m.first, m.end) != (g.cue.first, g.cue.end)
            return inScope && s.quoted[m.first] == quotedCue && !insideCue
        }
        return expected
    }

    private func factualStatus(_ g: Governed, type: String, mention: PlaceMention?) -> String {
        // A denial answers the claim before it or the event in its own clause, not what the denier
        // goes on to say ("denied the city had fallen and said the attackers had been pushed back").
        let speech = s.matches(.speech)
        if s.matches(.denial).contains(where: { d in
            d.first > g.cue.first || !speech.contains { $0.first > d.end && $0.first < g.cue.first }
        }) {
            return "denied"
        }
        if let place = mention, s.matches(.holding).contains(where: { h in
            h.first >= place.end && h.first - place.end <= 3 && s.segmentOf(h.first) == s.segmentOf(place.first)
                && !sentence.mentions.contains { $0.first > place.end && $0.first < h.first && $0.role == .event }
        }) {
            return "denied"
        }
        if s.matches(.claim).contains(where: { !s.quoted[$0.first] }) { return "claimed" }
        // A side announcing its own deployment or visit states a fact, not a claim.
        if type != "deployment", type != "visit", let a = attribution(for: g.cue), !a.independent, !a.partySides.isEmpty {
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
        if let forced = g.entry.actor {
            // "Anti-Taliban fighters said they had retaken ...": a recapture by another side against the Taliban.
            if let other = s.matches(.actor).map({ lexicon.configuration.actors[$0.tag.index] })
                .first(where: { $0.kind == "armed_group" && lexicon.actorSide[$0.id] != "taliban" && $0.party }) {
                return other.id
            }
            return forced
        }
        let actors = s.matches(.actor)
        func side(_ m: PhraseMatch) -> String? { lexicon.actorSide[lexicon.configuration.actors[m.tag.index].id] }
        func id(_ m: PhraseMatch) -> String { lexicon.configuration.actors[m.tag.index].id }
        let attributionSpans = sentence.attributions.map(\.span)
        let outsideSpeech = actors.filter { m in !attributionSpans.contains { $0.contains(m.first) } }
        switch type {
        case "capture", "assault":
            if outsideSpeech.contains(where: { side($0) == "taliban" }) { return "taliban" }
            // "The Taliban claimed they had captured ...": the claimant took it.
            if actors.contains(where: { side($0) == "taliban" }) { return "taliban" }
            return analysis.talibanInContext(of: s.index) ? "taliban" : nil
        case "surrender", "withdrawal":
            // "handed over Jalalabad to the Taliban, surrendering ...": the Taliban received it.
            if let subject = outsideSpeech.last(where: { $0.end <= g.cue.first }), side(subject) == "taliban",
               g.cue.first - subject.end <= 4, !isRecipient(subject) {
                return "taliban"
            }
            // "President Ashraf Ghani left the country": a leader leaves for the side he belongs to.
            if let person = outsideSpeech.last(where: { $0.end <= g.cue.first && g.cue.first - $0.end <= 4 }),
               let affiliation = lexicon.configuration.actors[person.tag.index].affiliation,
               lexicon.configuration.actors[person.tag.index].kind == "person", CompiledLexicon.side(of: affiliation) == "government" {
                return affiliation
            }
            let seg = s.segmentOf(g.cue.first)
            if s.matches(.governmentPerson).contains(where: { m in m.end <= g.cue.first && g.cue.first - m.end <= 8
                && !attributionSpans.contains { $0.contains(m.first) } }) {
                return "afghan-government"
            }
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
            // "The Pentagon said it would send 3,000 troops": the speaker's own forces.
            return (before ?? outsideSpeech.first ?? actors.last { $0.end <= g.cue.first }).map(id)
        }
    }

    /// "to (the) Taliban": the one something was given to.
    private func isRecipient(_ m: PhraseMatch) -> Bool {
        var i = m.first - 1
        if i >= 0, s.tokens[i].id == lexicon.ids.the { i -= 1 }
        return i >= 0 && s.tokens[i].id == lexicon.ids.to
    }

    // MARK: Date

    /// "on Monday, a day after the Taliban took the capital": a clause opened by "N days after/before" happened N days from the date of
    /// the clause it hangs on, when the sentence dates that clause. "Hours after" is the same day; a vague
    /// "days after" gives nothing here.
    private func anchoredDate(_ cue: PhraseMatch, usable: [DateMention]) -> DateMention? {
        let seg = s.segmentOf(cue.first)
        guard let opener = (0..<cue.first).first(where: { s.segmentOf($0) == seg }), opener >= 2,
              let temporal = s.match(.temporal, startingAt: opener) else { return nil }
        let words = lexicon.vocabulary.words
        let direction: Int
        switch words[safe: s.tokens[opener].id] {
        case "after": direction = -1
        case "before": direction = 1
        default: return nil
        }
        let unit = words[safe: s.tokens[opener - 1].id]
        let count: Int
        var first = opener - 1
        switch unit {
        case "hours", "minutes", "moments":
            count = 0
            if first > 0, s.tokens[first - 1].kind == .number || s.match(.numberWord, endingAt: first) != nil { first -= 1 }
        case "day", "days", "week", "weeks":
            let perUnit = unit.hasPrefix("week") ? 7 : 1
            let before = s.tokens[opener - 2]
            if before.kind == .number, (1...60).contains(before.value) {
                count = before.value * perUnit
                first = opener - 2
            } else if let word = s.match(.numberWord, endingAt: opener - 1),
                      CompiledLexicon.numberWords[word.tag.index].1 > 0 {
                count = CompiledLexicon.numberWords[word.tag.index].1 * perUnit
                first = word.first
            } else if ["a", "one"].contains(words[safe: before.id]), unit == "day" || unit == "week" {
                count = perUnit
                first = opener - 2
            } else {
                return nil
            }
        default:
            return nil
        }
        // Only a date the sentence gives: "The accusations came a day after ..." leaves the anchor unknown.
        guard let anchor = usable.last(where: { $0.end <= first && $0.date != nil && $0.precision == "day" })?.date
        else { return nil }
        return DateMention(first: first, end: temporal.end, text: s.text(analysis.scalars, first..<temporal.end),
                           date: anchor.adding(days: direction * count), precision: "day", blocked: false)
    }

    /// A clause starts between the two tokens with a coordinator of its own: ", and on Monday ...",
    /// "; on Tuesday ...", "while on ...".
    private func opensCoordinatedClause(from start: Int, through end: Int) -> Bool {
        let ids = lexicon.ids
        var i = start + 1
        while i <= end, i < s.tokens.count {
            defer { i += 1 }
            guard s.segmentOf(i) != s.segmentOf(i - 1) else { continue }
            var j = i
            if s.tokens[j].id == ids.semicolon || s.tokens[j - 1].id == ids.semicolon { return true }
            if s.tokens[j].kind == .punct, j + 1 < s.tokens.count { j += 1 }
            if ids.isCoordinator(s.tokens[j].id) { return true }
        }
        return false
    }

    private func date(for cue: PhraseMatch, mention: PlaceMention?) -> DateMention? {
        let usable = sentence.dates.filter { !$0.blocked }
        let seg = s.segmentOf(cue.first)
        var sameClause = usable.filter { s.segmentOf($0.first) == seg }
        if sameClause.count > 1 {
            // "took Kunduz on Sunday and added Taloqan on Monday": a date after an earlier cue is that
            // cue's when the cue has one of its own after it.
            let cues = s.matches(.cue)
            let own = sameClause.filter { d in
                !(d.end <= cue.first && cues.contains { $0.first != cue.first && $0.end <= d.first && s.segmentOf($0.first) == seg })
            }
            if !own.isEmpty { sameClause = own }
        }
        if let nearest = sameClause.min(by: { abs($0.first - cue.first) < abs($1.first - cue.first) }) { return nearest }
        if let anchored = anchoredDate(cue, usable: usable) { return anchored }
        if let m = mention {
            let mSeg = s.segmentOf(m.first)
            if let d = usable.first(where: { s.segmentOf($0.first) == mSeg }) { return d }
        }
        // Else the nearest date whose clause has no event of its own and that no other cue stands
        // closer before ("took Zaranj, the capital of Nimroz, on Friday"). A date in a coordinated
        // clause after the cue is that clause's own ("took Kunduz, and on Monday they moved on").
        let cues = s.matches(.cue)
        let free = usable.filter { d in
            !cues.contains { s.segmentOf($0.first) == s.segmentOf(d.first) && $0.first != cue.first }
                && !(d.first > cue.first && cues.contains { $0.first > cue.end && $0.end <= d.first })
                && !(d.first >= cue.end && opensCoordinatedClause(from: cue.end, through: d.first))
        }
        return free.min { a, b in
            let da = a.first >= cue.end ? a.first - cue.end : (cue.first - a.end) * 2
            let db = b.first >= cue.end ? b.first - cue.end : (cue.first - b.end) * 2
            return da < db
        }
    }
}
