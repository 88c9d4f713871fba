import Foundation
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// The same articles in any order give the same events and control; deleting an article gives
/// what ingesting everything but that article gives.
@Suite struct OrderIndependenceTests {
    /// A deterministic generator, so a failing order can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func report(_ type: String, _ city: String?, _ province: String, _ date: String?, actor: String = "taliban",
                       status: String = "reported") -> NewReport {
        NewReport(type: type, provinceID: province, cityID: city, actorID: actor, date: date,
                  datePrecision: date == nil ? "unknown" : "day", status: status)
    }

    static func item(_ n: Int, _ published: String?, _ source: String, copyOf: String? = nil, _ reports: [NewReport]) -> IngestItem {
        IngestItem(article: Fixtures.article("Synthetic article \(n).", published: published.map { $0 + "T08:00:00Z" },
                                             source: source, copyOf: copyOf),
                   reports: reports)
    }

    static let items: [IngestItem] = [
        // Mazar-i-Sharif: the fall dated three ways, a visit and assaults that contradict the earliest.
        item(0, "2021-08-14", "anadolu-agency", [Self.report("capture", "mazar-i-sharif", "balkh", "2021-08-14")]),
        item(1, "2021-08-15", "afp", [Self.report("capture", "mazar-i-sharif", "balkh", "2021-08-14")]),
        item(2, "2021-08-15", "kabul-daily", [Self.report("capture", "mazar-i-sharif", "balkh", "2021-08-10")]),
        item(3, "2021-08-11", "tolo-news", [report("visit", "mazar-i-sharif", "balkh", "2021-08-11", actor: "ashraf-ghani")]),
        item(4, "2021-08-10", "tolo-news", [report("assault", "mazar-i-sharif", "balkh", "2021-08-09")]),
        item(5, "2021-08-12", "afp", [report("assault", "mazar-i-sharif", "balkh", nil)]),
        item(6, "2021-08-15", "washington-newsday", copyOf: "afp", [Self.report("capture", "mazar-i-sharif", "balkh", "2021-08-13")]),
        // Kunduz: fall, undated fall, recapture, second fall.
        item(7, "2021-08-08", "afp", [Self.report("capture", "kunduz", "kunduz", "2021-08-08")]),
        item(8, "2021-08-09", "tolo-news", [Self.report("capture", "kunduz", "kunduz", nil)]),
        item(9, "2021-08-21", "afp", [Self.report("capture", "kunduz", "kunduz", "2021-08-20", actor: "afghan-forces"),
                                      report("assault", "herat", "herat", "2021-08-20")]),
        item(10, "2021-08-30", "tolo-news", [Self.report("capture", "kunduz", "kunduz", "2021-08-30")]),
        item(11, "2021-08-31", "washington-newsday", copyOf: "afp", [Self.report("capture", "kunduz", "kunduz", "2021-08-31")]),
        item(12, "2021-08-22", "daily-example", [Self.report("capture", "kunduz", "kunduz", nil, actor: "afghan-forces")]),
        // Herat: a chain of assaults within the window, an undated one, a claim, a denial, a confirmation.
        item(13, "2021-08-03", "afp", [report("assault", "herat", "herat", "2021-08-02")]),
        item(14, "2021-08-09", "tolo-news", [report("assault", "herat", "herat", "2021-08-08")]),
        item(15, "2021-08-06", "anadolu-agency", [report("assault", "herat", "herat", "2021-08-05"),
                                                  report("casualties", "herat", "herat", "2021-08-05")]),
        item(16, "2021-08-18", "kabul-daily", [report("assault", "herat", "herat", nil)]),
        item(17, "2021-08-12", "taliban-spokesman", [Self.report("capture", "herat", "herat", "2021-08-12")]),
        item(18, "2021-08-12", "tolo-news", [Self.report("capture", "herat", "herat", "2021-08-12", status: "denied")]),
        item(19, "2021-08-14", "anadolu-agency", [Self.report("capture", "herat", "herat", "2021-08-13")]),
        // Kabul province: taken and retaken before the baseline; Kholm, a town, falls.
        item(20, "2021-07-11", "afp", [Self.report("capture", nil, "kabul", "2021-07-10")]),
        item(21, "2021-07-21", "afp", [Self.report("capture", nil, "kabul", "2021-07-20", actor: "afghan-forces")]),
        item(22, "2021-08-10", "tolo-news", [Self.report("capture", "kholm", "balkh", "2021-08-09")]),
        item(23, nil, "daily-example", [report("assault", "kholm", "balkh", nil), report("capture", "kunduz", "kunduz", "2021-08-07")]),
    ]

    /// Events and control as content (no ids, which depend on the order).
    static func snapshot(_ database: Database) throws -> [String] {
        var lines: [String] = []
        var cursor: Cursor?
        repeat {
            let page = try database.read { try $0.eventPage(filter: EventFilter(), limit: 7, after: cursor) }
            lines += page.items.map { e in
                [e.type, e.provinceID ?? "-", e.cityID ?? "-", e.actorID ?? "-", e.date ?? "-",
                 e.dateRange.map { "\($0.from)..\($0.to)" } ?? "-", e.status, e.disputeJSON ?? "undisputed",
                 "\(e.reportCount)r", "\(e.sourceCount)s", e.sourceIDs.joined(separator: ","), e.firstReportedAt ?? "-"]
                    .joined(separator: " ")
            }
            cursor = page.next
        } while cursor != nil
        lines.sort()
        for province in ["balkh", "herat", "kabul", "kunduz"] {
            let intervals = try database.read { try $0.controlTimeline(provinceID: province) }
            lines.append(province + ": " + intervals.map { "\($0.status)@\($0.since)..\($0.until ?? "")" }.joined(separator: " "))
        }
        return lines
    }

    static func load(_ items: [IngestItem]) throws -> (TempDatabase, Database) {
        let temp = TempDatabase()
        // A fixed clock: articles without a publication date are stamped with the ingest time.
        let database = try Fixtures.open(temp, configuration: StorageConfiguration(readerCount: 1).with {
            $0.clock = { Date(timeIntervalSince1970: 1_700_000_000) }
        })
        for item in items { #expect(try database.ingest(item).duplicate == false) }
        return (temp, database)
    }

    @Test func shuffledOrders_giveIdenticalEventsAndControl() throws {
        let (_, reference) = try Self.load(Self.items)
        let expected = try Self.snapshot(reference)
        // The scenario's facts hold in the reference order.
        #expect(expected.contains { $0.hasPrefix("capture balkh mazar-i-sharif taliban 2021-08-14 2021-08-10..2021-08-14 confirmed") })
        #expect(expected.contains("kunduz: government@2021-08-01..2021-08-07 taliban@2021-08-07..2021-08-20 "
                                  + "government@2021-08-20..2021-08-31 taliban@2021-08-31.."))
        #expect(expected.contains("kabul: government@2021-08-01.."))
        #expect(expected.contains("herat: government@2021-08-01..2021-08-02 contested@2021-08-02..2021-08-13 taliban@2021-08-13.."))
        #expect(expected.filter { $0.hasPrefix("assault herat herat taliban") }.count == 2)
        var generator = SplitMix(state: 2021)
        for round in 0..<6 {
            var order = Self.items
            if round == 0 { order.reverse() } else { order.shuffle(using: &generator) }
            let (_, database) = try Self.load(order)
            let actual = try Self.snapshot(database)
            #expect(actual == expected, "round \(round): \(Set(actual).symmetricDifference(expected).sorted())")
        }
    }

    /// Dense random reports on few places (so ingest mixes its fast path and full re-partitions).
    @Test func randomDenseSet_isOrderIndependent() throws {
        var random = SplitMix(state: 77)
        func pick<T>(_ list: [T]) -> T { list[Int(random.next() % UInt64(list.count))] }
        let places: [(String?, String)] = [("kunduz", "kunduz"), ("kunduz", "kunduz"), (nil, "kabul")]
        let items = (0..<200).map { n -> IngestItem in
            let published = 1 + Int(random.next() % 28)
            let reports = (0...Int(random.next() % 2)).map { _ -> NewReport in
                let (city, province) = pick(places)
                let day = Int(random.next() % 28) + 1
                let date: String? = random.next() % 5 == 0 ? nil : String(format: "2021-08-%02d", min(day, published))
                return Self.report(pick(["capture", "capture", "capture", "assault", "visit", "casualties"]), city, province, date,
                                   actor: pick(["taliban", "taliban", "afghan-forces", "ashraf-ghani"]),
                                   status: pick(["reported", "reported", "claimed", "denied", "expected"]))
            }
            return Self.item(1000 + n, String(format: "2021-08-%02d", published),
                             pick(["afp", "tolo-news", "anadolu-agency", "kabul-daily", "taliban-spokesman"]), reports)
        }
        let (_, reference) = try Self.load(items)
        let expected = try Self.snapshot(reference)
        for round in 0..<4 {
            var order = items
            order.shuffle(using: &random)
            let (_, database) = try Self.load(order)
            let actual = try Self.snapshot(database)
            #expect(actual == expected, "round \(round): \(Set(actual).symmetricDifference(expected).sorted())")
        }
    }

    /// A capture landing inside its actor's event still splits another actor's event around it.
    @Test func captureInsideOwnSpan_splitsTheRivalsEvent() throws {
        let items = [
            Self.item(2000, "2021-08-04", "afp", [Self.report("capture", "kunduz", "kunduz", "2021-08-03")]),
            Self.item(2001, "2021-08-18", "afp", [Self.report("capture", "kunduz", "kunduz", "2021-08-17")]),
            // Expected and denied recaptures do not split the fall, but are one event of their own.
            Self.item(2002, "2021-08-06", "tolo-news",
                      [Self.report("capture", "kunduz", "kunduz", "2021-08-05", actor: "afghan-forces", status: "expected")]),
            Self.item(2003, "2021-08-16", "tolo-news",
                      [Self.report("capture", "kunduz", "kunduz", "2021-08-15", actor: "afghan-forces", status: "denied")]),
            Self.item(2004, "2021-08-11", "anadolu-agency", [Self.report("capture", "kunduz", "kunduz", "2021-08-10")]),
        ]
        for order in [items, items.reversed()] {
            let (_, database) = try Self.load(order)
            let rival = try database.read {
                try $0.eventPage(filter: EventFilter(type: "capture", actorID: "afghan-forces"), limit: 10)
            }.items
            #expect(rival.map(\.date) == [nil, nil] && rival.map(\.reportCount) == [1, 1])
            #expect(try database.read { try $0.eventPage(filter: EventFilter(actorID: "taliban"), limit: 10) }.items.count == 1)
        }
    }

    /// A recapture on a day the other actor's event already reports splits nothing there (the
    /// merge tells from the event's date votes, or, for a denied report that casts none, from
    /// its reports); on a day it does not report, it splits the event.
    @Test func recaptureOnADayTheEventReports_splitsNothing() throws {
        let items = [
            Self.item(3000, "2021-08-04", "afp", [Self.report("capture", "kunduz", "kunduz", "2021-08-03")]),
            Self.item(3001, "2021-08-09", "tolo-news", [Self.report("capture", "kunduz", "kunduz", "2021-08-08")]),
            Self.item(3002, "2021-08-14", "anadolu-agency", [Self.report("capture", "kunduz", "kunduz", "2021-08-13")]),
            Self.item(3003, "2021-08-09", "bbc",
                      [Self.report("capture", "kunduz", "kunduz", "2021-08-08", actor: "afghan-forces")]),
            // Herat: the middle report is a denial, which gives the day but casts no date vote.
            Self.item(3004, "2021-08-04", "afp", [Self.report("capture", "herat", "herat", "2021-08-03")]),
            Self.item(3005, "2021-08-09", "tolo-news", [Self.report("capture", "herat", "herat", "2021-08-08", status: "denied")]),
            Self.item(3006, "2021-08-14", "anadolu-agency", [Self.report("capture", "herat", "herat", "2021-08-13")]),
            Self.item(3007, "2021-08-09", "bbc",
                      [Self.report("capture", "herat", "herat", "2021-08-08", actor: "afghan-forces")]),
        ]
        let splitter = Self.item(3008, "2021-08-12", "bbc",
                                 [Self.report("capture", "kunduz", "kunduz", "2021-08-11", actor: "afghan-forces")])
        var random = SplitMix(state: 3)
        for order in [items, items.reversed(), items.shuffled(using: &random), items.shuffled(using: &random)] {
            let (_, database) = try Self.load(order)
            func talibanReports(_ city: String) throws -> [Int] {
                try database.read {
                    try $0.eventPage(filter: EventFilter(type: "capture", cityID: city, actorID: "taliban"), limit: 10)
                }.items.map(\.reportCount).sorted()
            }
            #expect(try talibanReports("kunduz") == [3])
            #expect(try talibanReports("herat") == [3])
            // A recapture on a day between the reports splits the fall.
            _ = try database.ingest(splitter)
            #expect(try talibanReports("kunduz") == [1, 2])
        }
    }

    @Test func deletingArticles_equalsNeverIngestingThem() throws {
        for removed in [[9], [3, 5], [2, 17, 13], [7, 8, 23]] {
            let (_, everything) = try Self.load(Self.items)
            let ids = try everything.read { db in try db.all("SELECT id FROM articles ORDER BY id") { $0.int64(0) } }
            for index in removed { #expect(try everything.deleteArticle(id: ids[index])) }
            let (_, without) = try Self.load(Self.items.enumerated().filter { !removed.contains($0.offset) }.map(\.element))
            let (a, b) = (try Self.snapshot(everything), try Self.snapshot(without))
            #expect(a == b, "removed \(removed): \(Set(a).symmetricDifference(b).sorted())")
            #expect(try everything.integrityProblems() == [])
        }
    }
}
