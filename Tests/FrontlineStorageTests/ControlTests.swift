import Foundation
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// Province control per issue 6: baseline, contested, taliban, recapture.
@Suite struct ControlTests {
    private func ingest(_ database: Database, _ text: String, published: String?, source: String = "afp",
                        _ reports: [NewReport]) throws -> IngestResult {
        try database.ingest(IngestItem(article: Fixtures.article(text, published: published, source: source), reports: reports))
    }

    private func timeline(_ database: Database, _ province: String) throws -> [String] {
        try database.read { try $0.controlTimeline(provinceID: province) }.map { "\($0.status)@\($0.since)" }
    }

    private func assault(_ city: String?, province: String, date: String?, status: String = "reported") -> NewReport {
        NewReport(type: "assault", provinceID: province, cityID: city, actorID: "taliban", date: date, status: status)
    }

    /// Taking a prison or an airport is not the fall of the province around it.
    @Test func facilityCapture_isItsOwnEvent_andMovesNoControl() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        var prison = NewReport(type: "capture", provinceID: "kunduz", cityID: nil, actorID: "taliban", date: "2021-08-06",
                               status: "reported", placePrecision: "facility")
        prison.evidence = Evidence(sentence: "Fighters took the provincial prison.", start: 0, end: 36)
        _ = try ingest(database, "The prison fell.", published: "2021-08-07T00:00:00Z", [prison])
        #expect(try timeline(database, "kunduz") == ["government@2021-08-01"])
        _ = try ingest(database, "The city fell.", published: "2021-08-09T00:00:00Z",
                       [Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-08")])
        #expect(try timeline(database, "kunduz") == ["government@2021-08-01", "taliban@2021-08-08"])
        let keys = try database.read { try $0.all("SELECT place_key FROM events WHERE type = 'capture' ORDER BY id") { $0.string(0) } }
        #expect(keys == ["facility:kunduz", "city:kunduz"])
    }

    @Test func baseline_isConfigurable_andDefaultsToAugustFirst() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        #expect(try timeline(database, "kabul") == ["government@2021-08-01"])
        let other = TempDatabase()
        let july = try Fixtures.open(other, configuration: StorageConfiguration(readerCount: 1).with {
            $0.merge.baselineDate = "2021-07-01"
        })
        _ = try ingest(july, "Fell in July.", published: "2021-07-20T00:00:00Z",
                       [Fixtures.capture("kunduz", province: "kunduz", date: "2021-07-19")])
        #expect(try timeline(july, "kunduz") == ["government@2021-07-01", "taliban@2021-07-19"])
        #expect(try timeline(july, "kabul") == ["government@2021-07-01"])
    }

    @Test func eventsBeforeTheBaseline_foldIntoTheBaselineState() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        _ = try ingest(database, "Fell in June.", published: "2021-06-11T00:00:00Z",
                       [Fixtures.capture("kunduz", province: "kunduz", date: "2021-06-10")])
        #expect(try timeline(database, "kunduz") == ["taliban@2021-08-01"])
        _ = try ingest(database, "Retaken in July.", published: "2021-07-03T00:00:00Z",
                       [Fixtures.capture("kunduz", province: "kunduz", date: "2021-07-02", actor: "afghan-forces")])
        let folded = try database.read { try $0.controlTimeline(provinceID: "kunduz") }
        #expect(folded.map(\.status) == ["government"] && folded[0].since == "2021-08-01" && folded[0].eventID == nil)
        // The insurgents take it again after the baseline.
        _ = try ingest(database, "Fell in August.", published: "2021-08-09T00:00:00Z",
                       [Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-08")])
        #expect(try timeline(database, "kunduz") == ["government@2021-08-01", "taliban@2021-08-08"])
    }

    @Test func contested_fromFirstAssaultOnProvinceOrCapital_only() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        // A town that is not the capital: no change.
        _ = try ingest(database, "Kholm attacked.", published: "2021-08-04T00:00:00Z", [assault("kholm", province: "balkh", date: "2021-08-03")])
        _ = try ingest(database, "Only expected.", published: "2021-08-04T00:00:00Z",
                       [assault("mazar-i-sharif", province: "balkh", date: "2021-08-04", status: "expected")])
        #expect(try timeline(database, "balkh") == ["government@2021-08-01"])
        // The province itself, then the capital: contested from the first (earliest report date).
        _ = try ingest(database, "Province attacked.", published: "2021-08-07T00:00:00Z", [assault(nil, province: "balkh", date: "2021-08-06")])
        _ = try ingest(database, "Capital attacked.", published: "2021-08-10T00:00:00Z",
                       [assault("mazar-i-sharif", province: "balkh", date: "2021-08-09"),
                        assault("mazar-i-sharif", province: "balkh", date: "2021-08-05")])
        #expect(try timeline(database, "balkh") == ["government@2021-08-01", "contested@2021-08-05"])
        _ = try ingest(database, "Capital fell.", published: "2021-08-15T00:00:00Z",
                       [Fixtures.capture("mazar-i-sharif", province: "balkh", date: "2021-08-14")])
        #expect(try timeline(database, "balkh") == ["government@2021-08-01", "contested@2021-08-05", "taliban@2021-08-14"])
        #expect(try database.read { try $0.provinces(at: "2021-08-10") }.first { $0.place.id == "balkh" }?.control?.status == "contested")
        #expect(try database.read { try $0.provinces(at: "2021-07-10") }.first { $0.place.id == "balkh" }?.control == nil)
    }

    @Test func recapture_byGovernmentActorOnly_andSplitsCaptures_whateverTheOrder() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let first = try ingest(database, "Fell.", published: "2021-08-09T00:00:00Z",
                               [Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-08")])
        let again = try ingest(database, "Fell again.", published: "2021-08-31T00:00:00Z", source: "tolo-news",
                               [Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-30")])
        // Before any recapture is known, the two dates are one (disputed) fall.
        #expect(first.eventIDs == again.eventIDs)
        // A capture by an actor that is neither the insurgents nor a government force moves nothing.
        let militia = try ingest(database, "Militia.", published: "2021-08-16T00:00:00Z",
                       [Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-15", actor: "ansf")])
        #expect(try timeline(database, "kunduz") == ["government@2021-08-01", "taliban@2021-08-08"])
        // The recapture in between, ingested last, splits the fall into two events.
        let retaken = try ingest(database, "Retaken.", published: "2021-08-21T00:00:00Z",
                                 [Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-20", actor: "afghan-forces")])
        let captures = try database.read { try $0.eventPage(filter: EventFilter(type: "capture", cityID: "kunduz"), limit: 10) }.items
        #expect(captures.map { "\($0.actorID ?? "-")@\($0.date ?? "-")" }
                == ["taliban@2021-08-30", "afghan-forces@2021-08-20", "ansf@2021-08-15", "taliban@2021-08-08"])
        #expect(captures.allSatisfy { !$0.disputed && $0.reportCount == 1 })
        #expect(try timeline(database, "kunduz")
                == ["government@2021-08-01", "taliban@2021-08-08", "government@2021-08-20", "taliban@2021-08-30"])
        // Deleting the recapture and the militia's capture joins the falls again.
        #expect(try database.deleteArticle(id: retaken.articleID))
        #expect(try database.deleteArticle(id: militia.articleID))
        let joined = try database.read { try $0.eventPage(filter: EventFilter(type: "capture", actorID: "taliban"), limit: 10) }.items
        #expect(joined.count == 1 && joined[0].reportCount == 2 && joined[0].disputed)
        // One report each: the tie goes to the later-published date.
        #expect(joined.first?.date == "2021-08-30")
        #expect(try timeline(database, "kunduz") == ["government@2021-08-01", "taliban@2021-08-30"])
    }

    @Test func claimedOrDeniedCapture_doesNotHandOver() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        _ = try ingest(database, "Claimed.", published: "2021-08-13T00:00:00Z", source: "taliban-spokesman",
                       [Fixtures.capture("herat", province: "herat", date: "2021-08-12")])
        _ = try ingest(database, "Denied.", published: "2021-08-13T05:00:00Z", source: "tolo-news",
                       [Fixtures.capture("herat", province: "herat", date: "2021-08-12", status: "denied")])
        #expect(try timeline(database, "herat") == ["government@2021-08-01"])
    }
}
