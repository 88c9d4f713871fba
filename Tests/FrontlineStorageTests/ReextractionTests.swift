import Foundation
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

@Suite struct ReextractionTests {
    @Test func replaceFacts_movesReportsToNewEvents_andRederivesControl() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let first = try database.ingest(IngestItem(
            article: Fixtures.article("Old extraction.", published: "2021-08-09T00:00:00Z", source: "afp"),
            reports: [Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-08")], citedSourceIDs: ["tolo-news"]))
        #expect(try database.read { try $0.articlesToReextract(currentVersion: "test-2") }.map(\.id) == [first.articleID])
        #expect(try database.read { try $0.articlesToReextract(currentVersion: "test-1") }.isEmpty)
        let replaced = try database.write { db in
            try db.replaceFacts(articleID: first.articleID, extractorVersion: "test-2",
                                reports: [NewReport(type: "assault", provinceID: "kunduz", cityID: "kunduz", actorID: "taliban",
                                                    date: "2021-08-07", status: "reported")],
                                tallies: [NewTally(actorID: "taliban", count: 9, total: 34, unit: "provincial capitals")],
                                citedSourceIDs: [])
        }
        #expect(replaced)
        #expect(try database.read { try $0.event(id: first.eventIDs[0]) } == nil)
        let detail = try #require(try database.read { try $0.article(id: first.articleID) })
        #expect(detail.reports.map(\.type) == ["assault"] && detail.tallies.map(\.count) == [9])
        #expect(detail.article.extractorVersion == "test-2" && detail.citedSourceIDs.isEmpty)
        #expect(try database.read { try $0.source(id: "tolo-news") }?.citedCount == 0)
        #expect(try database.read { try $0.controlTimeline(provinceID: "kunduz") }.map(\.status) == ["government", "contested"])
        #expect(try database.integrityProblems() == [])
    }
}
