/// Deterministic synthetic reference data, articles and events for `frontline bench storage`.
/// Not used by the server; kept in this module because only this module speaks SQL.
public struct SyntheticData: Sendable {
    public static let provinceCount = 34
    public static let districtsPerProvince = 10
    public static let types = ["capture", "assault", "repelled", "surrender", "withdrawal", "casualties", "visit", "deployment"]
    static let actors = ["taliban", "ansf", "militia"]
    static let statuses = ["reported", "reported", "reported", "claimed", "denied", "expected"]
    static let words = """
        taliban forces fighting city province capital district governor officials said police army attack \
        offensive siege surrender withdrawal killed wounded civilians checkpoint border crossing airport road \
        highway market mosque prison compound headquarters militants insurgents government security troops \
        commandos reinforcements airstrike helicopter spokesman statement claimed denied reported residents \
        fled displaced clashes overnight morning evening week early late saturday sunday monday tuesday \
        negotiations elders handed weapons vehicles surrounded captured seized retook defended collapsed fell \
        northern southern western eastern central mountains valley river bridge village town outskirts \
        hospital doctors aid agency united nations refugees kabul balkh kunduz herat kandahar helmand nimroz \
        jawzjan takhar badakhshan ghazni logar mazar sharif lashkar gah faizabad taloqan sheberghan zaranj
        """.split(separator: " ").map(String.init)

    /// How reports pick what they are about.
    public enum Spread: String, Sendable, CaseIterable {
        /// A news stream: articles arrive in publication order (`articlesPerDay`), and report
        /// events of the catalogue that happened that day or in the week before (mostly the last
        /// two days), popular events more often. How a feed or a date-sorted backfill arrives.
        case news
        /// Reports describe a catalogue of events, each with a true date most reports give
        /// (some a day off, a few a wrong date, a fifth none); a few events draw most reports,
        /// as the fall of a provincial capital does. Articles carry random publication days and
        /// arrive in no order, so consecutive articles rarely share an event.
        case events
        /// Every report draws its place and date at random over 92 days, so a place's reports
        /// chain into events spanning the whole summer with every date disputed: a worst case.
        case uniform
    }

    /// One event of the `events` catalogue.
    struct TrueEvent {
        var type: String
        var province: Int
        var city: String
        var actor: String
        var day: Int
    }

    var state: UInt64
    let spread: Spread
    private let catalogue: [TrueEvent]
    /// Catalogue indexes by true day, for `news`.
    private let byDay: [[Int]]
    /// `news`: articles published per day (article n appears on day n / articlesPerDay).
    private let articlesPerDay: Int
    static let days = 92

    public init(seed: UInt64 = 42, spread: Spread = .news, catalogueSize: Int = 20_000, articlesPerDay: Int = 1_087) {
        state = seed
        self.spread = spread
        self.articlesPerDay = max(1, articlesPerDay)
        var world = SyntheticData(state: 0x5EED, spread: .uniform, catalogue: [])
        catalogue = spread == .uniform ? [] : (0..<max(1, catalogueSize)).map { _ in
            let p = 1 + world.below(Self.provinceCount)
            return TrueEvent(type: Self.types[world.below(Self.types.count)], province: p,
                             city: world.below(3) == 0 ? Self.capital(p) : Self.district(p, 1 + world.below(Self.districtsPerProvince)),
                             actor: Self.actors[world.below(2)], day: world.below(Self.days))
        }
        var byDay = [[Int]](repeating: [], count: Self.days)
        for (index, event) in catalogue.enumerated() { byDay[event.day].append(index) }
        self.byDay = byDay
    }

    private init(state: UInt64, spread: Spread, catalogue: [TrueEvent]) {
        self.state = state
        self.spread = spread
        self.catalogue = catalogue
        byDay = []
        articlesPerDay = 1
    }

    /// SplitMix64: fast, deterministic, good enough for synthetic data.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    static func province(_ p: Int) -> String { "province-\(p < 10 ? "0" : "")\(p)" }
    static func capital(_ p: Int) -> String { "capital-\(p < 10 ? "0" : "")\(p)" }
    static func district(_ p: Int, _ d: Int) -> String { "district-\(p)-\(d)" }
    static func source(_ s: Int) -> String { "source-\(s < 10 ? "0" : "")\(s)" }
    static func day(_ offset: Int) -> String { Timestamp.date(dayNumber: Timestamp.dayNumber("2021-06-01")! + offset) }

    /// What one report of an article published on day `published` is about, and the day it
    /// gives (nil: undated).
    private mutating func about(published: Int) -> (type: String, province: Int, city: String, actor: String, day: Int?) {
        if spread == .uniform {
            let p = 1 + below(Self.provinceCount)
            let city = below(3) == 0 ? Self.capital(p) : Self.district(p, 1 + below(Self.districtsPerProvince))
            return (Self.types[below(Self.types.count)], p, city, Self.actors[below(2)], below(5) != 0 ? below(92) : nil)
        }
        // u² skews towards the first events: the first 1% draws a tenth of all reports.
        var u = Double(below(1_000_000)) / 1_000_000
        var event = catalogue[min(catalogue.count - 1, Int(u * u * Double(catalogue.count)))]
        if spread == .news {
            // An event of the last week, most often of the day or the day before (u² again).
            u = Double(below(1_000_000)) / 1_000_000
            var day = published - Int(u * u * 7)
            while day > 0, byDay[max(0, day)].isEmpty { day -= 1 }
            let candidates = byDay[max(0, day)].isEmpty ? Array(catalogue.indices) : byDay[max(0, day)]
            u = Double(below(1_000_000)) / 1_000_000
            event = catalogue[candidates[min(candidates.count - 1, Int(u * u * Double(candidates.count)))]]
        }
        let roll = below(100)
        let day: Int? = roll < 62 ? event.day
            : roll < 74 ? event.day + (below(2) == 0 ? -1 : 1)
            : roll < 78 ? event.day + (below(2) == 0 ? -1 : 1) * (2 + below(9))
            : nil
        return (event.type, event.province, event.city, event.actor, day)
    }

    /// Provinces, their capitals and districts.
    public static func places() -> [PlaceRecord] {
        (1...provinceCount).flatMap { p -> [PlaceRecord] in
            [PlaceRecord(id: province(p), kind: .province, name: "Province \(p)", isoCode: "AF-P\(p)"),
             PlaceRecord(id: capital(p), kind: .city, name: "Capital \(p)", provinceID: province(p), isCapital: true,
                         lat: 30 + Double(p) / 5, lon: 62 + Double(p) / 4)]
                + (1...districtsPerProvince).map { PlaceRecord(id: district(p, $0), kind: .city, name: "District \(p)-\($0)", provinceID: province(p)) }
        }
    }

    public static func actorsRecords() -> [ActorRecord] {
        actors.map { ActorRecord(id: $0, name: $0.capitalized, kind: $0 == "ansf" ? "state_force" : "armed_group") }
    }

    public static func sources() -> [SourceRecord] {
        (1...20).map { SourceRecord(id: source($0), name: "Source \($0)", kind: $0 <= 5 ? "agency" : "publisher") }
    }

    /// One synthetic article (about 120 words) with 1–5 reports and sometimes a citation.
    public mutating func article(_ n: Int) -> IngestItem {
        var text = ""
        text.reserveCapacity(900)
        for index in 0..<120 {
            if index > 0 { text += index % 15 == 0 ? ". " : " " }
            text += Self.words[below(Self.words.count)]
        }
        text += ". Article \(n)."
        let publishedDay = spread == .news ? min(Self.days - 1, n / articlesPerDay) : below(Self.days)
        let published = Self.day(publishedDay)
        let reports = (0...below(5)).map { _ -> NewReport in
            let (type, province, city, actor, day) = about(published: publishedDay)
            return NewReport(type: type, provinceID: Self.province(province), cityID: city, actorID: actor,
                             date: day.map(Self.day), dateText: day == nil ? nil : "on Saturday",
                             datePrecision: day == nil ? "unknown" : "day",
                             status: Self.statuses[below(Self.statuses.count)],
                             numbersJSON: below(4) == 0 ? "{\"killed\":{\"low\":\(below(20)),\"best\":\(20 + below(5)),\"high\":40}}" : "{}",
                             evidence: Evidence(sentence: String(text.prefix(120)), start: 0, end: 120))
        }
        return IngestItem(
            article: NewArticle(url: "https://bench.example/\(n)", title: "Synthetic report \(n)", text: text,
                                publishedAt: published + "T0\(below(10)):00:00Z", sourceID: Self.source(1 + below(20)),
                                contentHash: ContentHash.of(text), language: "en", extractorVersion: "bench-1"),
            reports: reports, citedSourceIDs: below(3) == 0 ? [Self.source(1 + below(5))] : [])
    }
}

extension Connection {
    /// Bulk-inserts `count` synthetic events (with one or two source links each) by SQL, for
    /// benchmarks at scale. Call inside `Database.write`; a few hundred thousand per call.
    public func insertSyntheticEvents(count: Int, seed: Int) throws {
        let first = (try scalar("SELECT max(id) FROM events") ?? 0) + 1
        let types = SyntheticData.types.enumerated().map { "WHEN \($0.offset) THEN '\($0.element)'" }.joined(separator: " ")
        try run("""
            WITH RECURSIVE n(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1 + ?2 - 1)
            INSERT INTO events(type, province_id, city_id, actor_id, place_key, date, date_precision, date_from, date_to,
                sort_key, status, disputed, dispute_reason, report_count, source_count, sources, first_reported_at,
                created_at, updated_at)
            SELECT t, printf('province-%02d', p), printf('capital-%02d', p), CASE i % 3 WHEN 0 THEN 'ansf' ELSE 'taliban' END,
                printf('city:capital-%02d', p), d, 'day', d, d, d,
                CASE i % 5 WHEN 0 THEN 'claimed' WHEN 1 THEN 'denied' ELSE 'confirmed' END,
                i % 17 = 0, CASE WHEN i % 17 = 0 THEN 'dates_disagree' END, 1 + i % 3, 1 + i % 2,
                printf('["source-%02d"]', (i * 7) % 20 + 1), d || 'T00:00:00Z', d || 'T00:00:00Z', d || 'T00:00:00Z'
            FROM (SELECT i, CASE ((i * 7919 + ?3) % 8) \(types) END AS t, ((i * 104729 + ?3) % 34) + 1 AS p,
                         date('2021-06-01', '+' || ((i * 31 + ?3) % 92) || ' days') AS d FROM n)
            """, [.integer(first), .integer(Int64(count)), .integer(Int64(seed))])
        try countEventDays(fromID: first)
        try run("""
            INSERT OR IGNORE INTO event_sources(source_id, event_id, sort_key)
            SELECT printf('source-%02d', (id * 7) % 20 + 1), id, sort_key FROM events WHERE id >= ?1
            UNION ALL SELECT printf('source-%02d', (id * 11) % 20 + 1), id, sort_key FROM events WHERE id >= ?1 AND id % 2 = 0
            """, [.integer(first)])
    }
}
