/// The configuration turned into one phrase trie plus the lookups the rules need. A class:
/// every rule object holds it, and copying one reference is cheaper than copying a dozen.
final class CompiledLexicon: Sendable {
    let configuration: ExtractionConfiguration
    let vocabulary: Vocabulary
    let matcher: PhraseMatcher
    let tokenizer: Tokenizer
    /// Side of each actor for claim rules: the actor itself, or the one a person speaks for.
    let actorSide: [String: String]
    let placeIndex: [String: Int]
    /// Outlet names, aliases, slugs and domains as lowercased words, for resolving a caller's source.
    let outletKeys: [String: String]
    let provinceIndex: [String: Int]
    /// For a site that is not a settlement (an airport, a crossing), the settlement its name begins
    /// with ("Kunduz airport": Kunduz), by place index: the city "the city" means after it.
    let siteCity: [Int: String]
    /// Token ids of single punctuation marks and a few function words the rules test directly.
    let ids: WordIDs

    static let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
    static let months: [(String, Int)] = [
        ("january", 1), ("jan", 1), ("february", 2), ("feb", 2), ("march", 3), ("mar", 3), ("april", 4), ("apr", 4),
        ("may", 5), ("june", 6), ("jun", 6), ("july", 7), ("jul", 7), ("august", 8), ("aug", 8), ("september", 9),
        ("sept", 9), ("sep", 9), ("october", 10), ("oct", 10), ("november", 11), ("nov", 11), ("december", 12), ("dec", 12),
    ]
    static let numberWords: [(String, Int)] = [
        ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7), ("eight", 8),
        ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12), ("thirteen", 13), ("fourteen", 14), ("fifteen", 15),
        ("sixteen", 16), ("seventeen", 17), ("eighteen", 18), ("nineteen", 19), ("twenty", 20), ("thirty", 30),
        ("forty", 40), ("fifty", 50), ("a dozen", 12), ("dozen", 12), ("dozens", -24), ("scores", -40),
        ("hundreds", -200), ("thousands", -2000), ("a hundred", 100), ("a thousand", 1000),
    ]
    static let ordinals: [(String, Int)] = [
        ("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("fifth", 5), ("sixth", 6), ("seventh", 7),
        ("eighth", 8), ("ninth", 9), ("tenth", 10), ("eleventh", 11), ("twelfth", 12), ("thirteenth", 13),
        ("fourteenth", 14), ("fifteenth", 15), ("sixteenth", 16), ("seventeenth", 17), ("eighteenth", 18),
        ("nineteenth", 19), ("twentieth", 20),
    ]
    /// Relative day expressions; the index is `RelativeDay.rawValue`.
    static let relativeDays: [(String, RelativeDay)] = [
        ("today", .today), ("this morning", .today), ("this afternoon", .today), ("this evening", .today),
        ("tonight", .today), ("yesterday", .yesterday), ("last night", .yesterday), ("overnight", .overnight),
        ("earlier in the day", .sameDay), ("later in the day", .sameDay), ("later that day", .sameDay),
        ("earlier that day", .sameDay), ("the same day", .sameDay), ("that afternoon", .sameDay),
        ("that evening", .sameDay), ("that morning", .sameDay), ("that night", .sameDay), ("by nightfall", .sameDay),
        ("by mid-morning", .sameDay), ("mid-morning", .sameDay), ("by the evening", .sameDay), ("by evening", .sameDay),
        ("last week", .lastWeek),
        ("over the weekend", .weekend), ("at the weekend", .weekend), ("this weekend", .weekend),
        ("during the weekend", .weekend), ("on the weekend", .weekend), ("this past weekend", .weekend),
        ("over the past weekend", .weekend), ("last weekend", .lastWeekend),
        ("the past 24 hours", .today), ("the last 24 hours", .today), ("past 24 hours", .today),
        ("last 24 hours", .today), ("the previous day", .previousDay), ("a day earlier", .previousDay),
    ]

    init(configuration: ExtractionConfiguration) {
        self.configuration = configuration
        var vocabulary = Vocabulary()
        var matcher = PhraseMatcher()
        func add(_ phrases: [String], _ tag: Tag) {
            for p in phrases { matcher.insert(p, tag: tag, vocabulary: &vocabulary) }
        }
        let g = configuration.gazetteer
        for (i, p) in g.provinces.enumerated() { add([p.name, p.id] + p.aliases, Tag(kind: .province, index: i)) }
        for (i, p) in g.places.enumerated() { add([p.name] + p.aliases, Tag(kind: .place, index: i)) }
        for (i, a) in configuration.actors.enumerated() { add([a.name] + a.aliases, Tag(kind: .actor, index: i)) }
        for (i, o) in configuration.outlets.enumerated() { add([o.name] + o.aliases, Tag(kind: .outlet, index: i)) }
        for (i, t) in configuration.events.enumerated() {
            for cue in t.cues {
                matcher.insert(cue.phrase, tag: Tag(kind: .cue, index: i, direction: cue.direction, clauseOnly: cue.clauseOnly),
                               vocabulary: &vocabulary)
            }
        }
        let s = configuration.status
        add(s.expected, Tag(kind: .expected, index: 0))
        add(s.claim, Tag(kind: .claim, index: 0))
        add(s.denial, Tag(kind: .denial, index: 0))
        add(s.speech, Tag(kind: .speech, index: 0))
        add(s.contrast, Tag(kind: .contrast, index: 0))
        add(s.holding, Tag(kind: .holding, index: 0))
        let c = configuration.context
        let contextLists: [([String], Tag.Kind)] = [
            (c.boundaries, .boundary), (c.listFillers, .filler), (c.appositiveOpeners, .appositive), (c.roles, .role),
            (c.directions, .direction), (c.distances, .distance), (c.dateBlockers, .dateBlocker), (c.anaphora, .anaphora),
            (c.cityWords, .cityWord), (c.provinceWords, .provinceWord), (c.coreference, .coreference),
            (c.captions, .caption), (c.skipLines, .skipLine), (c.negations, .negation), (c.attempts, .attempt),
            (c.listOpeners, .listOpener), (c.independentSpeakers, .independent), (c.clauseVerbs, .clauseVerb),
            (c.referenceWords, .referenceWord), (c.relatives, .relative), (c.unopposed, .unopposed),
            (c.destinations, .destination), (c.governmentPeople, .governmentPerson), (c.placeParts, .placePart), (c.temporal, .temporal),
            (c.mediaWords, .mediaWord), (c.vagueTimes, .vagueTime), (c.comparisons, .comparison), (c.stillHeld, .stillHeld),
            (c.restrictives, .restrictive), (c.facilities, .facility), (c.seatsOfPower, .seatOfPower),
            (c.controlStates, .controlState), (c.conditionals, .conditional), (c.eventNouns, .eventNoun),
            (c.otherPeriods, .otherPeriod),
        ]
        for (words, kind) in contextLists { add(words, Tag(kind: kind, index: 0)) }
        for (i, w) in Self.weekdays.enumerated() { add([w], Tag(kind: .weekday, index: i)) }
        for (w, m) in Self.months { add([w], Tag(kind: .month, index: m)) }
        for (i, (w, _)) in Self.numberWords.enumerated() { add([w], Tag(kind: .numberWord, index: i)) }
        for (w, n) in Self.ordinals { add([w], Tag(kind: .ordinal, index: n)) }
        for (w, r) in Self.relativeDays { add([w], Tag(kind: .relativeDay, index: r.rawValue)) }
        ids = WordIDs(vocabulary: &vocabulary)
        matcher.finish(vocabularySize: vocabulary.words.count)
        self.vocabulary = vocabulary
        self.matcher = matcher
        tokenizer = Tokenizer(vocabulary: vocabulary)

        var sides: [String: String] = [:]
        for a in configuration.actors {
            let own = a.affiliation ?? a.id
            sides[a.id] = Self.side(of: own)
        }
        actorSide = sides
        var keys: [String: String] = [:]
        for o in configuration.outlets {
            for name in [o.id, o.name] + o.aliases + (o.domain.map { [$0] } ?? []) {
                let key = PhraseMatcher.words(of: name).joined(separator: " ")
                if keys[key] == nil { keys[key] = o.id }
            }
        }
        outletKeys = keys
        placeIndex = Dictionary(g.places.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        provinceIndex = Dictionary(g.provinces.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var siteCity: [Int: String] = [:]
        let settlements = g.places.filter(\.isSettlement).map { p in (p, ([p.name] + p.aliases).map(PhraseMatcher.words(of:))) }
        for (i, site) in g.places.enumerated() where !site.isSettlement {
            for name in ([site.name] + site.aliases).map(PhraseMatcher.words(of:)) {
                if let (city, _) = settlements.first(where: { city, names in city.provinceID == site.provinceID
                    && names.contains { !$0.isEmpty && $0.count < name.count && Array(name.prefix($0.count)) == $0 } }) {
                    siteCity[i] = city.id
                    break
                }
            }
        }
        self.siteCity = siteCity
    }

    /// Gazetteer lookups by slug in constant time (the rules ask for every mention).
    func province(_ id: String) -> GazetteerProvince? {
        provinceIndex[id].map { configuration.gazetteer.provinces[$0] }
    }

    func place(_ id: String) -> GazetteerPlace? {
        placeIndex[id].map { configuration.gazetteer.places[$0] }
    }

    /// Government actors stand on one side: a claim by the army backs a recapture by the police.
    static func side(of actor: String) -> String {
        switch actor {
        case "afghan-forces", "afghan-government": return "government"
        default: return actor
        }
    }
}

enum RelativeDay: Int, Sendable {
    case today, yesterday, overnight, sameDay, lastWeek, previousDay, weekend, lastWeekend
}

/// Ids of the words and marks the rules compare tokens against.
struct WordIDs: Sendable {
    let comma, period, colon, semicolon, dash, quote, openParen, closeParen, openBracket, closeBracket: Int32
    let of, from, to, by, the, `in`, on, late, early, night, morning, evening, afternoon, last, s, capital: Int32
    let provincial, city, province, at, least, about, around, nearly, approximately, some, more, than, over, up: Int32
    let capitals, cities, centres, centers, provinces, towns, districts, where_: Int32
    let almost, roughly, killed, wounded, injured, soldiers, troops, fighters, personnel, and, or, including: Int32
    /// Words that open a coordinated clause of its own: ", and on Monday ...", "while on ...".
    let but, while_, whereas, yet, then, meanwhile: Int32

    func isCoordinator(_ id: Int32) -> Bool {
        id == and || id == but || id == while_ || id == whereas || id == yet || id == then || id == meanwhile
    }

    init(vocabulary v: inout Vocabulary) {
        comma = v.intern(","); period = v.intern("."); colon = v.intern(":"); semicolon = v.intern(";")
        dash = v.intern("--"); quote = v.intern("\""); openParen = v.intern("("); closeParen = v.intern(")")
        openBracket = v.intern("["); closeBracket = v.intern("]")
        of = v.intern("of"); from = v.intern("from"); to = v.intern("to"); by = v.intern("by"); the = v.intern("the")
        `in` = v.intern("in"); on = v.intern("on"); late = v.intern("late"); early = v.intern("early")
        night = v.intern("night"); morning = v.intern("morning"); evening = v.intern("evening")
        afternoon = v.intern("afternoon"); last = v.intern("last"); s = v.intern("s"); capital = v.intern("capital")
        provincial = v.intern("provincial"); city = v.intern("city"); province = v.intern("province")
        at = v.intern("at"); least = v.intern("least"); about = v.intern("about"); around = v.intern("around")
        nearly = v.intern("nearly"); approximately = v.intern("approximately"); some = v.intern("some")
        more = v.intern("more"); than = v.intern("than"); over = v.intern("over"); up = v.intern("up")
        almost = v.intern("almost"); roughly = v.intern("roughly"); killed = v.intern("killed")
        wounded = v.intern("wounded"); injured = v.intern("injured"); soldiers = v.intern("soldiers")
        troops = v.intern("troops"); fighters = v.intern("fighters"); personnel = v.intern("personnel")
        capitals = v.intern("capitals")
        for auxiliary in ["is", "are", "was", "were", "been"] { _ = v.intern(auxiliary) }
        cities = v.intern("cities")
        centres = v.intern("centres")
        centers = v.intern("centers")
        provinces = v.intern("provinces"); towns = v.intern("towns"); districts = v.intern("districts")
        where_ = v.intern("where")
        and = v.intern("and"); or = v.intern("or"); including = v.intern("including")
        but = v.intern("but"); while_ = v.intern("while"); whereas = v.intern("whereas"); yet = v.intern("yet")
        then = v.intern("then"); meanwhile = v.intern("meanwhile")
    }
}
