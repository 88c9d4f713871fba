import Foundation
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

@Suite struct PaginationTests {
    private func day(_ n: Int) -> String { "2021-08-" + (n < 10 ? "0\(n)" : "\(n)") }

    /// Pages of 7 while new rows (newer and older) arrive between pages: every row that existed
    /// at the start is returned exactly once.
    @Test func articlesAndEvents_everyRowExactlyOnceWhileInserting() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let places = [("kunduz", "kunduz"), ("herat", "herat"), ("mazar-i-sharif", "balkh")]
        func add(_ n: Int) throws {
            let (city, province) = places[n % 3]
            _ = try database.ingest(IngestItem(
                article: Fixtures.article("Paged article \(n).", published: n % 5 == 0 ? nil : day(n % 28 + 1) + "T08:00:00Z"),
                reports: [NewReport(type: "assault", provinceID: province, cityID: city, actorID: "taliban",
                                    date: n % 4 == 0 ? nil : day(n % 28 + 1))]))
        }
        for n in 0..<60 { try add(n) }
        let initialArticles = Set(try database.read { db in try db.all("SELECT id FROM articles") { $0.int64(0) } })
        let initialEvents = Set(try database.read { db in try db.all("SELECT id FROM events") { $0.int64(0) } })

        var seenArticles: [Int64] = []
        var cursor: Cursor?
        var extra = 1000
        repeat {
            let page = try database.read { try $0.articlePage(filter: ArticleFilter(), limit: 7, after: cursor) }
            seenArticles += page.items.map(\.id)
            cursor = try page.next.map { try Cursor(token: $0.token) }
            try add(extra)
            extra += 1
        } while cursor != nil
        #expect(Set(seenArticles).count == seenArticles.count)
        #expect(initialArticles.isSubset(of: Set(seenArticles)))

        // New events between pages are dated 5+ days apart (never merging) in 2020 and 2022, so
        // they land both before and after the cursor without moving existing events.
        var seenEvents: [Int64] = []
        cursor = nil
        let base2020 = try #require(Timestamp.dayNumber("2020-01-01"))
        let base2022 = try #require(Timestamp.dayNumber("2022-01-01"))
        repeat {
            let page = try database.read { try $0.eventPage(filter: EventFilter(), limit: 7, after: cursor) }
            seenEvents += page.items.map(\.id)
            cursor = page.next
            let date = Timestamp.date(dayNumber: (extra % 2 == 0 ? base2020 : base2022) + (extra % 100) * 5)
            _ = try database.ingest(IngestItem(article: Fixtures.article("Extra event \(extra)."),
                                               reports: [NewReport(type: "assault", provinceID: "kabul", actorID: "taliban", date: date)]))
            extra += 1
        } while cursor != nil
        #expect(Set(seenEvents).count == seenEvents.count)
        // Events merge, so an existing event may be updated but never disappears or repeats.
        let surviving = Set(try database.read { db in try db.all("SELECT id FROM events") { $0.int64(0) } })
        #expect(initialEvents.intersection(surviving).isSubset(of: Set(seenEvents)))
    }

    @Test func eventsAreOrderedNewestDateFirst_undatedLast() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        _ = try database.ingest(IngestItem(article: Fixtures.article("One."), reports: [Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-08")]))
        _ = try database.ingest(IngestItem(article: Fixtures.article("Two."), reports: [Fixtures.capture("herat", province: "herat", date: "2021-08-12")]))
        _ = try database.ingest(IngestItem(article: Fixtures.article("Three."), reports: [Fixtures.capture("mazar-i-sharif", province: "balkh", date: nil)]))
        let page = try database.read { try $0.eventPage(filter: EventFilter(), limit: 10) }
        #expect(page.items.map(\.date) == ["2021-08-12", "2021-08-08", nil])
        let ranged = try database.read { try $0.eventPage(filter: EventFilter(to: "2021-08-10"), limit: 10) }
        #expect(ranged.items.map(\.date) == ["2021-08-08"])
    }

    @Test(arguments: ["", "garbage", "%%%", String(repeating: "A", count: 600),
                      Data("x\u{1F}1\u{1F}k".utf8).base64EncodedString()])
    func badCursor_isRejected(token: String) throws {
        #expect(throws: StorageError.badCursor) { _ = try Cursor(token: token) }
    }

    @Test func cursorOfAnotherListing_isRejected() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        for n in 0..<3 { _ = try database.ingest(IngestItem(article: Fixtures.article("Listing \(n)."))) }
        let next = try #require(try database.read { try $0.articlePage(filter: ArticleFilter(), limit: 1) }.next)
        #expect(throws: StorageError.badCursor) {
            _ = try database.read { try $0.eventPage(filter: EventFilter(), limit: 1, after: next) }
        }
    }

    /// Every filter takes hostile text as a plain value: no SQL error, no effect on data.
    @Test(arguments: ["' OR 1=1 --", "\"; DROP TABLE events; --", "%", "_", "\\", "balkh' --", "\u{0}x", "';ATTACH 'x' AS y;--"])
    func sqlMetacharacters_inEveryFilter_areHarmless(value: String) throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        _ = try database.ingest(IngestItem(article: Fixtures.article("Meta article.", source: "afp"),
                                           reports: [Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-08")]))
        let events = try database.read { db in
            try db.eventPage(filter: EventFilter(type: value, provinceID: value, cityID: value, actorID: value, status: value,
                                                 from: value, to: value, sourceID: value), limit: 10)
        }
        #expect(events.items.isEmpty)
        for filter in [EventFilter(type: value), EventFilter(provinceID: value), EventFilter(sourceID: value), EventFilter(status: value)] {
            #expect(try database.read { try $0.eventPage(filter: filter, limit: 10) }.items.isEmpty)
        }
        let articles = try database.read { db in
            try db.articlePage(filter: ArticleFilter(sourceID: value, provinceID: value, from: value, to: value), limit: 10)
        }
        #expect(articles.items.isEmpty)
        #expect(try database.read { try $0.source(id: value) } == nil)
        #expect(try database.read { try $0.provinceDetail(id: value) } == nil)
        #expect(try database.read { try $0.scalar("SELECT count(*) FROM events") } == 1)
    }
}
