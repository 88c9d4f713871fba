import Foundation
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// Publishers running the same agency story ("Source: AFP") are one independent source.
@Suite struct AgencyCopyTests {
    private func ingest(_ database: Database, _ text: String, published: String, source: String, copyOf: String? = nil,
                        date: String) throws -> IngestResult {
        try database.ingest(IngestItem(article: Fixtures.article(text, published: published, source: source, copyOf: copyOf),
                                       reports: [Fixtures.capture("mazar-i-sharif", province: "balkh", date: date)]))
    }

    @Test func agencyCopies_countOnce_forSourcesAndConsensus() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        // Three publishers run AFP's story dating the fall to the 10th; two outlets of their own say the 14th.
        let first = try ingest(database, "Copy one.", published: "2021-08-11T00:00:00Z", source: "washington-newsday",
                               copyOf: "afp", date: "2021-08-10")
        _ = try ingest(database, "Copy two.", published: "2021-08-11T01:00:00Z", source: "daily-example", copyOf: "afp",
                       date: "2021-08-10")
        _ = try ingest(database, "AFP itself.", published: "2021-08-11T02:00:00Z", source: "afp", date: "2021-08-10")
        _ = try ingest(database, "Own report.", published: "2021-08-15T00:00:00Z", source: "anadolu-agency", date: "2021-08-14")
        let last = try ingest(database, "Own report too.", published: "2021-08-15T01:00:00Z", source: "tolo-news",
                              date: "2021-08-14")
        #expect(first.eventIDs == last.eventIDs)
        let event = try #require(try database.read { try $0.event(id: first.eventIDs[0]) })
        #expect(event.reportCount == 5)
        #expect(event.sourceCount == 3)
        #expect(event.sourceIDs == ["afp", "anadolu-agency", "tolo-news"])
        // 2 independent sources against 1 (three articles, but one story).
        #expect(event.date == "2021-08-14")
        #expect(event.disputeJSON?.contains("{\"date\":\"2021-08-10\",\"sources\":[\"afp\"]}") == true)
        // A publisher of the copy still finds the event through the source filter.
        let byPublisher = try database.read { try $0.eventPage(filter: EventFilter(sourceID: "washington-newsday"), limit: 5) }
        #expect(byPublisher.items.map(\.id) == [event.id])
        let article = try #require(try database.read { try $0.article(id: first.articleID) })
        #expect(article.article.copyOfSourceID == "afp" && article.citedSourceIDs == ["afp"])
        #expect(article.reports.first?.sourceID == "washington-newsday" && article.reports.first?.independentSourceID == "afp")
        #expect(try database.read { try $0.source(id: "afp") }?.citedCount == 2)
    }

    @Test func withoutCopyRecognition_publishersCountSeparately() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let a = try ingest(database, "Copy one.", published: "2021-08-11T00:00:00Z", source: "washington-newsday", date: "2021-08-10")
        _ = try ingest(database, "Copy two.", published: "2021-08-11T01:00:00Z", source: "daily-example", date: "2021-08-10")
        _ = try ingest(database, "Own report.", published: "2021-08-15T00:00:00Z", source: "anadolu-agency", date: "2021-08-14")
        let event = try #require(try database.read { try $0.event(id: a.eventIDs[0]) })
        #expect(event.sourceCount == 3 && event.date == "2021-08-10")
    }

    @Test func deletingTheLastCopy_dropsTheAgencyFromTheEvent() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let copy = try ingest(database, "Copy.", published: "2021-08-15T00:00:00Z", source: "washington-newsday", copyOf: "afp",
                              date: "2021-08-14")
        _ = try ingest(database, "Own.", published: "2021-08-15T01:00:00Z", source: "tolo-news", date: "2021-08-14")
        #expect(try database.deleteArticle(id: copy.articleID))
        let event = try #require(try database.read { try $0.event(id: copy.eventIDs[0]) })
        #expect(event.sourceIDs == ["tolo-news"] && event.sourceCount == 1)
        #expect(try database.read { try $0.eventPage(filter: EventFilter(sourceID: "washington-newsday"), limit: 5) }.items.isEmpty)
        #expect(try database.read { try $0.source(id: "afp") }?.citedCount == 0)
    }
}
