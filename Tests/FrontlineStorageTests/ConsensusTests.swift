import Foundation
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// The consensus date (issue 6): most independent sources, ties to the most recently published,
/// and dated captures that a later article contradicts do not count.
@Suite struct ConsensusTests {
    private func capture(_ database: Database, _ text: String, published: String, source: String?,
                         date: String?) throws -> IngestResult {
        try database.ingest(IngestItem(article: Fixtures.article(text, published: published, source: source),
                                       reports: [Fixtures.capture("mazar-i-sharif", province: "balkh", date: date)]))
    }

    /// Ghani's visit to Mazar-i-Sharif, reported in an article published on the 11th.
    private func visit(_ database: Database, published: String? = "2021-08-11T09:00:00Z", actor: String = "ashraf-ghani",
                       date: String? = "2021-08-11") throws -> IngestResult {
        try database.ingest(IngestItem(
            article: Fixtures.article("The president flew to the northern city \(actor) \(published ?? "-").",
                                      published: published, source: "tolo-news"),
            reports: [NewReport(type: "visit", provinceID: "balkh", cityID: "mazar-i-sharif", actorID: actor, date: date)]))
    }

    private func captureEvent(_ database: Database) throws -> EventRecord {
        let page = try database.read { try $0.eventPage(filter: EventFilter(type: "capture", cityID: "mazar-i-sharif"), limit: 5) }
        #expect(page.items.count == 1)
        return try #require(page.items.first)
    }

    /// The storage-level version of the issue's seed scenario.
    @Test func mazarScenario_oneDisputedEventOnThe14th() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        _ = try capture(database, "Fell Saturday (1).", published: "2021-08-14T20:00:00Z", source: "anadolu-agency", date: "2021-08-14")
        _ = try capture(database, "Fell Saturday (2).", published: "2021-08-15T06:00:00Z", source: "afp", date: "2021-08-14")
        _ = try capture(database, "Fell Saturday (3).", published: "2021-08-15T08:00:00Z", source: "washington-newsday",
                        date: "2021-08-14")
        _ = try capture(database, "Fell Tuesday.", published: "2021-08-15T10:00:00Z", source: "kabul-daily", date: "2021-08-10")
        _ = try visit(database)
        let event = try captureEvent(database)
        #expect(event.date == "2021-08-14" && event.status == "confirmed")
        #expect(event.reportCount == 4 && event.sourceCount == 4)
        #expect(event.dateRange?.from == "2021-08-10" && event.dateRange?.to == "2021-08-14")
        #expect(event.disputed && event.disputeReason == "dates_disagree")
        #expect(event.disputeJSON == """
            {"reason":"dates_disagree","sides":[{"date":"2021-08-14","sources":["afp","anadolu-agency","washington-newsday"]},\
            {"date":"2021-08-10","sources":["kabul-daily"]}]}
            """)
        let balkh = try database.read { try $0.controlTimeline(provinceID: "balkh") }
        #expect(balkh.map(\.status) == ["government", "taliban"] && balkh.last?.since == "2021-08-14")
    }

    @Test func tie_goesToLatestPublished_unlessALaterArticleContradictsIt() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        _ = try capture(database, "Saturday.", published: "2021-08-14T20:00:00Z", source: "anadolu-agency", date: "2021-08-14")
        _ = try capture(database, "Tuesday.", published: "2021-08-15T10:00:00Z", source: "kabul-daily", date: "2021-08-10")
        #expect(try captureEvent(database).date == "2021-08-10")
        // Published on the 11th, the visit shows the city was not taken on the 10th.
        let seen = try visit(database)
        #expect(try captureEvent(database).date == "2021-08-14")
        #expect(seen.eventIDs.contains(try captureEvent(database).id))
        #expect(try database.read { try $0.controlTimeline(provinceID: "balkh") }.last?.since == "2021-08-14")
        // Deleting the visit removes the contradiction.
        #expect(try database.deleteArticle(id: seen.articleID))
        #expect(try captureEvent(database).date == "2021-08-10")
        #expect(try database.read { try $0.controlTimeline(provinceID: "balkh") }.last?.since == "2021-08-10")
    }

    @Test func contradiction_isTheSameWhateverTheOrder() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        _ = try visit(database)
        _ = try capture(database, "Tuesday.", published: "2021-08-15T10:00:00Z", source: "kabul-daily", date: "2021-08-10")
        _ = try capture(database, "Saturday.", published: "2021-08-14T20:00:00Z", source: "anadolu-agency", date: "2021-08-14")
        #expect(try captureEvent(database).date == "2021-08-14")
    }

    @Test func undatedAssaultByTheCapturer_inALaterArticle_contradicts() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        _ = try capture(database, "Saturday.", published: "2021-08-14T20:00:00Z", source: "anadolu-agency", date: "2021-08-14")
        _ = try capture(database, "Tuesday.", published: "2021-08-15T10:00:00Z", source: "kabul-daily", date: "2021-08-10")
        // An assault dated before the claimed fall says nothing about it.
        _ = try database.ingest(IngestItem(
            article: Fixtures.article("Fighting on the 9th.", published: "2021-08-12T00:00:00Z", source: "afp"),
            reports: [NewReport(type: "assault", provinceID: "balkh", cityID: "mazar-i-sharif", actorID: "taliban",
                                date: "2021-08-09")]))
        #expect(try captureEvent(database).date == "2021-08-10")
        // Still pressing in on the city, in an article of the 12th: it had not fallen on the 10th.
        _ = try database.ingest(IngestItem(
            article: Fixtures.article("Pressing in.", published: "2021-08-12T00:00:00Z", source: "tolo-news"),
            reports: [NewReport(type: "assault", provinceID: "balkh", cityID: "mazar-i-sharif", actorID: "taliban")]))
        #expect(try captureEvent(database).date == "2021-08-14")
    }

    @Test func visitsThatContradictNothing() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        _ = try capture(database, "Saturday.", published: "2021-08-14T20:00:00Z", source: "anadolu-agency", date: "2021-08-14")
        _ = try capture(database, "Tuesday.", published: "2021-08-15T10:00:00Z", source: "kabul-daily", date: "2021-08-10")
        // The capturer's own leaders visiting, an undated article, and a visit dated before the claimed fall.
        _ = try visit(database, actor: "taliban")
        _ = try visit(database, published: nil)
        _ = try visit(database, published: "2021-08-16T00:00:00Z", date: "2021-08-09")
        #expect(try captureEvent(database).date == "2021-08-10")
    }

    @Test func everyDateContradicted_keepsTheDatesThereAre() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        _ = try capture(database, "Tuesday.", published: "2021-08-15T10:00:00Z", source: "kabul-daily", date: "2021-08-10")
        _ = try visit(database)
        #expect(try captureEvent(database).date == "2021-08-10")
    }

    /// An ingest batch memoises each place's threshold for the whole batch, and for the next one
    /// while nothing else writes: a witness that arrives after the captures, then a capture that
    /// arrives after the witness, must leave the date a transaction per article leaves.
    @Test(arguments: ["visit", "assault"])
    func lateWitness_inOneBatchOrTheNext_contradictsAsAlone(_ witness: String) throws {
        func capture(_ text: String, published: String, source: String, date: String) -> IngestItem {
            IngestItem(article: Fixtures.article(text, published: published, source: source),
                       reports: [Fixtures.capture("mazar-i-sharif", province: "balkh", date: date)])
        }
        // A visit by someone else dated the 11th, or an undated assault by the capturer published the 12th.
        let report = witness == "visit"
            ? NewReport(type: "visit", provinceID: "balkh", cityID: "mazar-i-sharif", actorID: "ashraf-ghani", date: "2021-08-11")
            : NewReport(type: "assault", provinceID: "balkh", cityID: "mazar-i-sharif", actorID: "taliban")
        let items = [
            capture("Saturday.", published: "2021-08-14T20:00:00Z", source: "anadolu-agency", date: "2021-08-14"),
            capture("Tuesday.", published: "2021-08-15T10:00:00Z", source: "kabul-daily", date: "2021-08-10"),
            IngestItem(article: Fixtures.article("Still there.", published: "2021-08-12T09:00:00Z", source: "tolo-news"),
                       reports: [report]),
            capture("Tuesday again.", published: "2021-08-16T10:00:00Z", source: "afp", date: "2021-08-10"),
        ]
        for batches in [[items], [Array(items[..<2]), Array(items[2...])], items.map { [$0] }] {
            let temp = TempDatabase()
            let database = try Fixtures.open(temp)
            for batch in batches {
                for result in try database.ingest(batch) { _ = try result.get() }
            }
            // Two sources give the 10th, but an article published after it shows the city untaken.
            #expect(try captureEvent(database).date == "2021-08-14", "batches of \(batches.map(\.count))")
            #expect(try database.write { try $0.eventsDifferingFromRecomputation() } == [])
        }
    }
}
