import Foundation
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

@Test func ingestThenReadBack_returnsArticleReportsAndEvent() throws {
    let temp = TempDatabase()
    let database = try Fixtures.open(temp)
    let result = try database.ingest(IngestItem(
        article: Fixtures.article("Fighters entered the northern city on Saturday.", url: "https://example.org/1",
                                  title: "City falls", published: "2021-08-15T06:00:00Z", source: "anadolu-agency"),
        reports: [Fixtures.capture("mazar-i-sharif", province: "balkh", date: "2021-08-14")],
        citedSourceIDs: ["afp"]))
    #expect(!result.duplicate)
    #expect(result.eventIDs.count == 1)
    #expect(result.provinceIDs == ["balkh"])
    let detail = try #require(try database.read { try $0.article(id: result.articleID) })
    #expect(detail.reports.count == 1)
    #expect(detail.article.sourceName == "Anadolu Agency")
    #expect(detail.citedSourceIDs == ["afp"])
    let event = try #require(try database.read { try $0.event(id: result.eventIDs[0]) })
    #expect(event.date == "2021-08-14")
    #expect(event.status == "confirmed")
    #expect(event.sourceIDs == ["anadolu-agency"])
    let balkh = try database.read { try $0.provinces(at: "2021-08-15") }.first { $0.place.id == "balkh" }
    #expect(balkh?.control?.status == "taliban")
    #expect(balkh?.capital?.id == "mazar-i-sharif")
    let before = try database.read { try $0.provinces(at: "2021-08-09") }.first { $0.place.id == "balkh" }
    #expect(before?.control?.status == "government")
    let afp = try database.read { try $0.source(id: "afp") }
    #expect(afp?.citedCount == 1)
    #expect(afp?.firstSeen == "2021-08-15T06:00:00Z")
}
