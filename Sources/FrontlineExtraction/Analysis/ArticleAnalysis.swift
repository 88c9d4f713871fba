/// Runs the rules over one article: sentences, places, cues, dates, status, actors; then the
/// passes that look across sentences.
struct ArticleAnalysis {
    let lexicon: CompiledLexicon
    let scalars: [Unicode.Scalar]
    let published: CivilDate?

    private var facts: [SentenceFacts] = []
    private var narrative: CivilDate?
    /// The last city an event was placed in, for "the city" in the next sentences.
    private var focus: (mention: PlaceMention, sentence: Int)?
    /// The last place of any kind an event was placed in, for "the provincial capital".
    private var focusPlace: (mention: PlaceMention, sentence: Int)?
    /// Sentences since the Taliban were last named (the offensive's context for captures).
    private var talibanSeenAt: Int?
    /// The last person actor named, and in which sentence: "he" means them only right after.
    private var lastPerson: (name: String, sentence: Int)?
    /// "The Taliban have taken 12 provincial capitals." opens an enumeration the next sentences may list.
    private var enumeration: (sentence: Int, actor: String?)?
    /// A dated count without names ("captured two more provincial capitals on Tuesday") dates the
    /// next undated captures it announces, up to its count.
    private var datedLead: (sentence: Int, date: DateMention, remaining: Int)?
    /// The last dated report per place: a follow-up sentence about the same place ("Security
    /// forces pulled out of the city") happened then too.
    private var placeDates: [String: (date: DateMention, sentence: Int)] = [:]
    private var lastCasualty: (report: ExtractedReport, sentence: Int)?
    /// The last place named with a facility of its own ("Kabul's airport"), for "the airport" later.
    private var site: (mention: PlaceMention, sentence: Int)?

    /// Kinds that make a sentence worth the rules.
    private static let loud: UInt64 = [Tag.Kind.place, .province, .cue, .weekday, .month, .relativeDay, .denial, .coreference]
        .reduce(0) { $0 | (UInt64(1) << UInt64($1.rawValue)) }

    init(lexicon: CompiledLexicon, scalars: [Unicode.Scalar], published: CivilDate?) {
        self.lexicon = lexicon
        self.scalars = scalars
        self.published = published
    }

    var sentences: [SentenceFacts] { facts }

    mutating func run() {
        let ranges = SentenceSplitter().split(scalars)
        for (index, range) in ranges.enumerated() {
            let tokens = lexicon.tokenizer.tokenize(scalars, range)
            let matches = lexicon.matcher.matches(tokens)
            // Most sentences of a story name no place, cue, quote or date: nothing to analyse.
            let quiet = !matches.contains { Self.loud & (UInt64(1) << UInt64($0.tag.kind.rawValue)) != 0 }
                && !tokens.contains { $0.id == lexicon.ids.quote }
            var view = SentenceView(index: index, range: range, tokens: tokens, matches: matches, ids: lexicon.ids,
                                    indexed: !quiet)
            if quiet {
                let sentence = SentenceFacts(view: view, mentions: [], dates: [], attributions: [], quotations: [],
                                             reports: [], skipped: isSkipped(view))
                remember(sentence, chains: [])
                facts.append(sentence)
                continue
            }
            let places = PlaceResolver(lexicon: lexicon).resolve(view)
            view.computeSegments(ids: lexicon.ids, linkedCommas: places.linkedCommas)
            let skipped = isSkipped(view)
            let dates = DateResolver(lexicon: lexicon).dates(in: view, scalars: scalars, published: published,
                                                              narrative: narrative)
            let finder = AttributionFinder(lexicon: lexicon)
            var attributions = finder.find(in: view, scalars: scalars)
            for i in attributions.indices { resolvePronoun(&attributions[i], sentence: index) }
            let quotations = finder.quotations(in: view, scalars: scalars, attributions: attributions)
            var sentence = SentenceFacts(view: view, mentions: places.mentions, dates: dates, attributions: attributions,
                                         quotations: quotations, reports: [], skipped: skipped)
            if !skipped {
                let builder = ReportBuilder(analysis: self, sentence: sentence, chains: places.chains)
                sentence.reports = builder.build()
                if sentence.reports.isEmpty, !view.has(.cue), let open = enumeration, index - open.sentence <= 3 {
                    sentence.reports = builder.enumerated(actor: open.actor)
                    // The list may run on over several sentences ("In the north: ... In the east: ...").
                    if !sentence.reports.isEmpty { enumeration = (index, open.actor) }
                }
                applyNextSentenceDenial(to: &sentence)
                if !view.has(.vagueTime) { inheritDates(&sentence.reports, sentence: index) }
                placeCasualties(&sentence.reports, sentence: index)
                if builder.opensEnumeration(reports: sentence.reports) {
                    enumeration = (index, talibanInContext(of: index) || view.has(.actor) ? "taliban" : nil)
                    if let count = builder.announcedCount(), let date = builder.leadDate() {
                        datedLead = (index, date, count)
                    }
                }
            }
            remember(sentence, chains: places.chains)
            facts.append(sentence)
        }
        absorbFightingIntoFalls()
    }

    /// Fighting told as part of a fall the article reports is that capture, not an assault of its
    /// own: "the Taliban entered the city" after the city's capture, "stormed Kunduz, seizing government
    /// buildings", "had been under attack for weeks". An assault that names its place in a sentence of
    /// its own (without the capture), or is dated days before
    /// the fall (a siege the map shows as contested), stays; so does fighting for a place whose
    /// capture is only claimed or denied.
    private mutating func absorbFightingIntoFalls() {
        // Only articles that report a fall and fighting; indices and borrowed elements, no copies of
        // reports or sentence facts: this runs on every article.
        var hasAssault = false, hasFall = false
        for i in facts.indices {
            for r in facts[i].reports.lazy.map(\.type) {
                if r == "assault" { hasAssault = true } else if r == "capture" { hasFall = true }
            }
        }
        guard hasAssault, hasFall else { return }
        var falls: [(province: String?, city: String?, date: String?)] = []
        var disputed: [(province: String?, city: String?)] = []
        for i in facts.indices {
            for j in facts[i].reports.indices where facts[i].reports[j].type == "capture" && facts[i].reports[j].city != nil {
                let province = facts[i].reports[j].province, city = facts[i].reports[j].city
                let status = facts[i].reports[j].status, date = facts[i].reports[j].date
                guard status == "reported" else {
                    if status == "denied" { disputed.append((province, city)) }
                    continue
                }
                // The earliest reported day stands for the fall (ISO dates sort as text).
                if let k = falls.firstIndex(where: { $0.city == city && $0.province == province }) {
                    if let d = date, falls[k].date.map({ d < $0 }) ?? true { falls[k].date = d }
                } else {
                    falls.append((province, city, date))
                }
            }
        }
        guard !falls.isEmpty else { return }
        for i in facts.indices {
            var dropped: [Int] = []
            for j in facts[i].reports.indices where facts[i].reports[j].type == "assault" {
                let province = facts[i].reports[j].province, city = facts[i].reports[j].city
                guard facts[i].reports[j].status != "denied",
                      !disputed.contains(where: { $0.city == city && $0.province == province }),
                      let fall = falls.first(where: { $0.city == city && $0.province == province }) else { continue }
                if let fallDate = fall.date.flatMap({ CivilDate($0) }),
                   let date = facts[i].reports[j].date.flatMap({ CivilDate($0) }), date.dayNumber < fallDate.dayNumber - 1 {
                    continue
                }
                // "stormed Kunduz on Monday, seizing government buildings": how it fell.
                let fellHere = facts[i].reports.contains { $0.type == "capture" && $0.city == city && $0.province == province }
                let named = facts[i].mentions.contains { $0.role == .event && $0.cityID == city }
                if fellHere || !named || facts[i].view.has(.vagueTime) { dropped.append(j) }
            }
            for j in dropped.reversed() { facts[i].reports.remove(at: j) }
        }
    }

    /// Captions, photo credits, "READ MORE" links and "Source:" trailers carry no events.
    private func isSkipped(_ s: SentenceView) -> Bool {
        guard let first = s.tokens.first else { return true }
        if first.id == lexicon.ids.openBracket { return true }
        if s.has(.caption) { return true }
        if let m = s.match(.skipLine, startingAt: 0), m.end < s.tokens.count, s.tokens[m.end].id == lexicon.ids.colon {
            return true
        }
        if s.tokens.count >= 2, lexicon.vocabulary.words[safe: first.id] == "source", s.tokens[1].id == lexicon.ids.colon {
            return true
        }
        return false
    }

    private func resolvePronoun(_ a: inout Attribution, sentence: Int) {
        let pronoun = a.text.lowercased()
        guard AttributionFinder.pronouns.contains(pronoun) else { return }
        if pronoun == "it" || pronoun == "they" {
            // "..., the Defence Ministry said. At least 15 insurgents were killed, it added."
            if let previous = facts.last, previous.view.index == sentence - 1, let speaker = previous.attributions.last {
                a.text = speaker.text
                a.partySides = speaker.partySides
                a.independent = speaker.independent
            }
            return
        }
        guard let person = lastPerson, sentence - person.sentence <= 1 else { return }
        a.text = person.name
        if let actor = lexicon.configuration.actors.first(where: { $0.name == person.name }), actor.party,
           let side = lexicon.actorSide[actor.id] {
            a.partySides.insert(side)
        }
    }

    /// "X claimed ... . But officials denied it." turns the claim into a denial: a denial that
    /// names no event of its own answers the claim just before it.
    private mutating func applyNextSentenceDenial(to sentence: inout SentenceFacts) {
        let s = sentence.view
        guard let previous = facts.indices.last, s.has(.denial), sentence.reports.isEmpty else { return }
        let contrast = s.match(.contrast, startingAt: 0) != nil || s.match(.contrast, startingAt: 1) != nil
        for i in facts[previous].reports.indices {
            let status = facts[previous].reports[i].status
            if status == "claimed" || (contrast && status == "reported") { facts[previous].reports[i].status = "denied" }
        }
        // "X announced it had captured Y. ... The resistance rejected the claim": a claim a sentence further back.
        if previous >= 1, facts[previous].reports.isEmpty {
            for i in facts[previous - 1].reports.indices where facts[previous - 1].reports[i].status == "claimed" {
                facts[previous - 1].reports[i].status = "denied"
            }
        }
    }

    /// "More than 100 other civilians were wounded": a toll with no place continues the last one.
    private mutating func placeCasualties(_ reports: inout [ExtractedReport], sentence index: Int) {
        for i in reports.indices where reports[i].type == "casualties" {
            if reports[i].province == nil, let last = lastCasualty, index - last.sentence <= 2 {
                reports[i].province = last.report.province
                reports[i].city = last.report.city
                reports[i].placePrecision = last.report.placePrecision
                if reports[i].date == nil { reports[i].date = last.report.date }
            }
            if reports[i].province != nil { lastCasualty = (reports[i], index) }
        }
    }

    private mutating func inheritDates(_ reports: inout [ExtractedReport], sentence index: Int) {
        for i in reports.indices {
            let key = (reports[i].province ?? "") + "/" + (reports[i].city ?? "")
            if reports[i].date == nil {
                if let known = placeDates[key], index - known.sentence <= 2, reports[i].province != nil {
                    // The words that gave the date stand in another sentence: no date_text here.
                    reports[i].date = known.date.date?.text
                    reports[i].dateText = nil
                    reports[i].datePrecision = known.date.precision
                } else if reports[i].type == "capture", let lead = datedLead, lead.remaining > 0, index - lead.sentence <= 6 {
                    reports[i].date = lead.date.date?.text
                    reports[i].dateText = nil
                    reports[i].datePrecision = lead.date.precision
                    datedLead?.remaining -= 1
                }
            }
            if reports[i].date != nil, reports[i].province != nil {
                let date = reports[i].date.flatMap { d in placeDates[key]?.date.date?.text == d ? placeDates[key]?.date.date : CivilDate(d) }
                let text = reports[i].dateText ?? placeDates[key]?.date.text ?? datedLead?.date.text ?? ""
                let mention = DateMention(first: 0, end: 0, text: text, date: date,
                                          precision: reports[i].datePrecision, blocked: false)
                placeDates[key] = (mention, index)
            }
        }
    }

    private mutating func remember(_ sentence: SentenceFacts, chains: [[Int]]) {
        let s = sentence.view
        if !sentence.skipped {
            if let d = sentence.dates.last(where: { !$0.blocked && $0.date != nil && $0.precision == "day" }) {
                narrative = d.date
            }
            // ... or the site beside a city ("the airport outside Kunduz"), at the site's precision.
            if s.has(.facility), let named = sentence.mentions.last(where: { m in
                (m.role == .event || m.role == .descriptor)
                    && (m.cityID != nil && namesFacility(s, after: m.end) || m.nearCity != nil)
            }) {
                site = (named, s.index)
            }
            // The city an event happened in is the one "the city" will mean next, else the last one named.
            if let any = sentence.mentions.last(where: { $0.role == .event }) { focusPlace = (any, s.index) }
            // The focus is the city the sentence reported on, else a city in topic position
            // ("Residents of Lashkargah say ..."); a destination or landmark in passing is not.
            // Where troops or officials were sent ("were flown to Kabul") is not what the story is
            // about: it takes the focus only when no city was in focus just before.
            let recentFocus = focus.map { s.index - $0.sentence <= 2 } ?? false
            if let reported = sentence.reports.last(where: { $0.city != nil && $0.type != "deployment" })
                ?? (recentFocus ? nil : sentence.reports.last(where: { $0.city != nil })), let province = reported.province {
                focus = (PlaceMention(first: 0, end: 0, provinceID: province, cityID: reported.city, precision: "city",
                                      role: .event), s.index)
            } else if let site = sentence.mentions.last(where: { $0.role == .event && $0.nearCity != nil }), let city = site.nearCity,
                      sentence.reports.contains(where: { $0.province == site.provinceID && $0.city == nil }) {
                // "Soldiers surrendered at Kandahar airport. The city had fallen ...": the site's city.
                focus = (PlaceMention(first: 0, end: 0, provinceID: site.provinceID, cityID: city, precision: "city", role: .event),
                         s.index)
            } else if let topic = sentence.mentions.first(where: { ($0.role == .event || $0.role == .descriptor)
                && $0.cityID != nil && $0.first <= 2 }) {
                focus = (topic, s.index)
            } else if let only = sentence.mentions.filter({ $0.role == .event && $0.cityID != nil }).last,
                      sentence.reports.isEmpty, focus == nil {
                focus = (only, s.index)
            }
        }
        for m in s.matches where m.tag.kind == .actor {
            let actor = lexicon.configuration.actors[m.tag.index]
            if lexicon.actorSide[actor.id] == "taliban" { talibanSeenAt = s.index }
            if actor.kind == "person" { lastPerson = (actor.name, s.index) }
        }
    }

    /// "Kabul's airport", "Kabul airport": a facility right after the place.
    private func namesFacility(_ s: SentenceView, after end: Int) -> Bool {
        var j = end
        if j < s.tokens.count, s.tokens[j].id == lexicon.ids.s { j += 1 }
        return PlaceResolver(lexicon: lexicon).facility(s, from: j) != nil
    }

    // MARK: - What the report builder asks of the article

    /// The city in focus when the story goes on about it without naming a place ("Ismail Khan surrendered").
    func continuingCity(before sentence: Int) -> PlaceMention? {
        guard let focus, sentence - focus.sentence <= 1 else { return nil }
        return focus.mention
    }

    func focusCity(before sentence: Int) -> PlaceMention? {
        guard let focus, sentence - focus.sentence <= 3 else { return nil }
        return focus.mention
    }

    /// The place whose facility was last named ("Kabul's airport", "the airport in Kabul"), for "the airport".
    func facilitySite(before sentence: Int) -> PlaceMention? {
        guard let site, sentence - site.sentence <= 4 else { return nil }
        return site.mention
    }

    /// The place of any kind last in focus: "the airport" after "Kunduz airport".
    func focusArea(before sentence: Int) -> PlaceMention? {
        guard let focusPlace, sentence - focusPlace.sentence <= 3 else { return nil }
        return focusPlace.mention
    }

    /// The capital of the province last in focus: "the provincial capital" after "Kunduz airport".
    func focusCapital(before sentence: Int) -> PlaceMention? {
        guard let focusPlace, sentence - focusPlace.sentence <= 3,
              let province = lexicon.province(focusPlace.mention.provinceID) else { return nil }
        return PlaceMention(first: 0, end: 0, provinceID: province.id, cityID: province.capitalID, precision: "city",
                            role: .event)
    }

    /// The sentence just before reported an event of `type`.
    func toldBefore(_ type: String, sentence: Int) -> Bool {
        guard let last = facts.last, last.view.index == sentence - 1 else { return false }
        return last.reports.contains { $0.type == type }
    }

    func talibanInContext(of sentence: Int) -> Bool {
        guard let seen = talibanSeenAt else { return false }
        return sentence - seen <= 4
    }

    /// Event city mentions of the previous sentence, for "These were the seventh, eighth ... to be captured".
    func previousEventCities(before sentence: Int) -> [PlaceMention] {
        guard let last = facts.last(where: { !$0.skipped }), last.view.index == sentence - 1 else { return [] }
        return last.mentions.filter { $0.role == .event && $0.cityID != nil }
    }

    var narrativeDate: CivilDate? { narrative }
}
