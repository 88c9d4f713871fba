import Foundation
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// Event status per issue 6: confirmed / claimed / denied / expected, and claim_denied disputes.
@Suite struct EventStatusTests {
    private func capture(_ database: Database, _ text: String, source: String, status: String,
                         date: String? = "2021-08-12") throws -> IngestResult {
        try database.ingest(IngestItem(article: Fixtures.article(text, published: "2021-08-13T00:00:00Z", source: source),
                                       reports: [Fixtures.capture("herat", province: "herat", date: date, status: status)]))
    }

    private func event(_ database: Database, _ result: IngestResult) throws -> EventRecord {
        try #require(try database.read { try $0.event(id: result.eventIDs[0]) })
    }

    @Test func partySourceReport_isOnlyAClaim_untilAnOutletConfirms() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let party = try capture(database, "Spokesman: Herat is ours.", source: "taliban-spokesman", status: "reported")
        #expect(try event(database, party).status == "claimed")
        #expect(try database.read { try $0.controlTimeline(provinceID: "herat") }.map(\.status) == ["government"])
        // An outlet reporting it as fact (a new, non-party source) confirms it.
        let outlet = try capture(database, "Reporters confirm it.", source: "kabul-daily", status: "reported")
        #expect(try event(database, outlet).status == "confirmed")
        #expect(try database.read { try $0.controlTimeline(provinceID: "herat") }.map(\.status) == ["government", "taliban"])
    }

    @Test func partyCopy_doesNotConfirm() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let result = try database.ingest(IngestItem(
            article: Fixtures.article("Publisher runs the spokesman's text.", published: "2021-08-13T00:00:00Z",
                                      source: "washington-newsday", copyOf: "taliban-spokesman"),
            reports: [Fixtures.capture("herat", province: "herat", date: "2021-08-12", status: "reported")]))
        #expect(try event(database, result).status == "claimed")
    }

    @Test func claimThenDenial_isDenied_andDisputed() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let claim = try capture(database, "They claim Herat.", source: "afp", status: "claimed")
        #expect(try event(database, claim).status == "claimed")
        _ = try capture(database, "Officials deny it.", source: "tolo-news", status: "denied")
        let disputed = try event(database, claim)
        #expect(disputed.status == "denied" && disputed.disputed && disputed.disputeReason == "claim_denied")
        #expect(disputed.disputeJSON == """
            {"reason":"claim_denied","sides":[{"sources":["afp"],"status":"claimed"},{"sources":["tolo-news"],"status":"denied"}]}
            """)
        // A confirmation outranks the denial; the event stays disputed.
        _ = try capture(database, "Reporters saw it.", source: "anadolu-agency", status: "reported")
        let confirmed = try event(database, claim)
        #expect(confirmed.status == "confirmed" && confirmed.disputeReason == "claim_denied")
    }

    @Test func denialAlone_isDenied_andExpectedAlone_isExpected() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let denied = try capture(database, "Nothing fell.", source: "tolo-news", status: "denied")
        #expect(try event(database, denied).status == "denied" && !(try event(database, denied).disputed))
        let expected = try database.ingest(IngestItem(
            article: Fixtures.article("Kunduz may fall.", published: "2021-08-05T00:00:00Z", source: "afp"),
            reports: [Fixtures.capture("kunduz", province: "kunduz", date: nil, status: "expected")]))
        #expect(try event(database, expected).status == "expected")
        #expect(try database.read { try $0.controlTimeline(provinceID: "kunduz") }.map(\.status) == ["government"])
    }

    @Test func statusRule_pure() {
        func input(_ status: String, party: Bool = false) -> EventSummary.Input {
            EventSummary.Input(reportID: 1, articleID: 1, sourceID: "x", independentSourceID: "x", date: nil,
                               datePrecision: "unknown", status: status, publishedAt: nil, partySource: party)
        }
        #expect(EventSummary.status([input("reported", party: true)]) == "claimed")
        #expect(EventSummary.status([input("reported", party: true), input("denied")]) == "denied")
        #expect(EventSummary.status([input("claimed"), input("denied"), input("reported")]) == "confirmed")
        #expect(EventSummary.status([input("expected"), input("claimed")]) == "claimed")
        #expect(EventSummary.status([input("expected")]) == "expected")
    }
}
