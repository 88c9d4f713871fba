import Foundation
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

@Suite struct MergeTests {
    private func ingest(_ database: Database, _ text: String, published: String?, source: String?,
                        _ reports: [NewReport]) throws -> IngestResult {
        try database.ingest(IngestItem(article: Fixtures.article(text, published: published, source: source), reports: reports))
    }

    @Test func captureReports_mergeHoweverFarApart_andDisputeDates() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let a = try ingest(database, "A says Tuesday.", published: "2021-08-11T00:00:00Z", source: "tolo-news",
                           [Fixtures.capture("mazar-i-sharif", province: "balkh", date: "2021-08-10")])
        let b = try ingest(database, "B says Saturday.", published: "2021-08-15T00:00:00Z", source: "anadolu-agency",
                           [Fixtures.capture("mazar-i-sharif", province: "balkh", date: "2021-08-14")])
        let c = try ingest(database, "C says Saturday too.", published: "2021-08-15T02:00:00Z", source: "afp",
                           [Fixtures.capture("mazar-i-sharif", province: "balkh", date: "2021-08-14")])
        #expect(a.eventIDs == b.eventIDs && b.eventIDs == c.eventIDs)
        let event = try #require(try database.read { try $0.event(id: a.eventIDs[0]) })
        #expect(event.date == "2021-08-14")
        #expect(event.dateRange?.from == "2021-08-10" && event.dateRange?.to == "2021-08-14")
        #expect(event.disputed && event.disputeReason == "dates_disagree")
        #expect(event.disputeJSON?.contains("\"tolo-news\"") == true)
        #expect(event.reportCount == 3 && event.sourceCount == 3)
        #expect(event.firstReportedAt == "2021-08-11T00:00:00Z")
        let disputed = try database.read { try $0.eventPage(filter: EventFilter(minSources: 3, disputed: true), limit: 5) }
        #expect(disputed.items.map(\.id) == [event.id])
        let bySource = try database.read { try $0.eventPage(filter: EventFilter(sourceID: "tolo-news"), limit: 5) }
        #expect(bySource.items.map(\.id) == [event.id])
    }

    @Test func deletingTheOnlySourcedArticle_unlinksItsSourceFromTheEvent() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let sourced = try ingest(database, "An outlet reports the fall.", published: "2021-08-09T00:00:00Z", source: "afp",
                                 [Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-08")])
        let unsourced = try ingest(database, "A blog reports it too.", published: "2021-08-09T06:00:00Z", source: nil,
                                   [Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-08")])
        #expect(sourced.eventIDs == unsourced.eventIDs)
        let links = { try database.read { try $0.all("SELECT source_id FROM event_sources WHERE event_id = ?",
                                                       [.integer(unsourced.eventIDs[0])]) { $0.string(0) } } }
        #expect(try links() == ["afp"])
        // The event survives on the unsourced report, so its links are recomputed, not cascaded away.
        #expect(try database.deleteArticle(id: sourced.articleID))
        #expect(try links() == [])
        #expect(try database.read { try $0.event(id: unsourced.eventIDs[0]) }?.reportCount == 1)
    }

    @Test func tiedConsensus_goesToMostRecentlyPublished() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        _ = try ingest(database, "Early.", published: "2021-08-09T00:00:00Z", source: "afp",
                       [Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-08")])
        let later = try ingest(database, "Later.", published: "2021-08-12T00:00:00Z", source: "tolo-news",
                               [Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-07")])
        #expect(try database.read { try $0.event(id: later.eventIDs[0]) }?.date == "2021-08-07")
    }

    @Test func recapture_splitsCaptureEvents_andFlipsControlBack() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let first = try ingest(database, "Fell.", published: "2021-08-08T00:00:00Z", source: "afp",
                               [Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-08")])
        let retaken = try ingest(database, "Retaken.", published: "2021-08-20T00:00:00Z", source: "afp",
                                 [Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-20", actor: "afghan-forces")])
        let again = try ingest(database, "Fell again.", published: "2021-08-30T00:00:00Z", source: "tolo-news",
                               [Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-30")])
        #expect(Set(first.eventIDs + retaken.eventIDs + again.eventIDs).count == 3)
        let timeline = try database.read { try $0.controlTimeline(provinceID: "kunduz") }
        #expect(timeline.map(\.status) == ["government", "taliban", "government", "taliban"])
        #expect(timeline.map(\.since) == ["2021-08-01", "2021-08-08", "2021-08-20", "2021-08-30"])
        #expect(timeline[1].until == "2021-08-20" && timeline[3].until == nil)
        #expect(try database.read { try $0.provinces(at: "2021-08-25") }.first { $0.place.id == "kunduz" }?.control?.status == "government")
    }

    @Test func assaults_mergeWithinWindowOnly_andUndatedJoinNearest() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        func assault(_ date: String?) -> NewReport {
            NewReport(type: "assault", provinceID: "herat", cityID: "herat", actorID: "taliban", date: date, status: "reported")
        }
        let a = try ingest(database, "Assault 1.", published: "2021-08-03T00:00:00Z", source: "afp", [assault("2021-08-02")])
        let b = try ingest(database, "Assault 2.", published: "2021-08-05T00:00:00Z", source: "afp", [assault("2021-08-05")])
        let c = try ingest(database, "Assault 3.", published: "2021-08-13T00:00:00Z", source: "afp", [assault("2021-08-13")])
        let d = try ingest(database, "Assault undated.", published: "2021-08-12T00:00:00Z", source: "tolo-news", [assault(nil)])
        #expect(a.eventIDs == b.eventIDs)
        #expect(c.eventIDs != a.eventIDs)
        #expect(d.eventIDs == c.eventIDs)
        let timeline = try database.read { try $0.controlTimeline(provinceID: "herat") }
        #expect(timeline.map(\.status) == ["government", "contested"])
        #expect(timeline.last?.since == "2021-08-02")
    }

    @Test func deniedClaim_isDisputed_andStatusFollowsReports() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let claim = try ingest(database, "Claimed.", published: "2021-08-13T00:00:00Z", source: "afp",
                               [Fixtures.capture("herat", province: "herat", date: "2021-08-12", status: "claimed")])
        var event = try #require(try database.read { try $0.event(id: claim.eventIDs[0]) })
        #expect(event.status == "claimed" && !event.disputed)
        _ = try ingest(database, "Denied.", published: "2021-08-13T05:00:00Z", source: "tolo-news",
                       [Fixtures.capture("herat", province: "herat", date: "2021-08-12", status: "denied")])
        event = try #require(try database.read { try $0.event(id: claim.eventIDs[0]) })
        #expect(event.disputed && event.disputeReason == "claim_denied" && event.status == "denied")
        // A claimed (unconfirmed) capture does not hand the province over.
        #expect(try database.read { try $0.controlTimeline(provinceID: "herat") }.map(\.status) == ["government"])
    }

    @Test func captureBeforeBaseline_setsStateAtBaseline() {
        let intervals = ControlDeriver.derive(
            events: [.init(id: 1, type: "capture", date: "2021-03-01", status: "confirmed", actorID: "taliban", placeKey: "city:x")],
            configuration: MergeConfiguration())
        #expect(intervals == [.init(status: "taliban", since: "2021-08-01", until: nil, eventID: 1)])
    }

    @Test func summary_isIndependentOfReportOrder() {
        let inputs = (0..<6).map { n in
            EventSummary.Input(reportID: Int64(n), articleID: Int64(n), sourceID: ["afp", "tolo-news", nil][n % 3],
                               independentSourceID: ["afp", "afp", nil][n % 3],
                               date: ["2021-08-14", "2021-08-10", nil][n % 3], datePrecision: "day",
                               status: ["reported", "claimed", "denied"][n % 3], publishedAt: "2021-08-1\(n)T00:00:00Z")
        }
        let reference = EventSummary(type: "capture", inputs)
        for _ in 0..<10 { #expect(EventSummary(type: "capture", inputs.shuffled()) == reference) }
    }

    @Test func deletingArticles_removesContribution_andEmptyEvents() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let a = try ingest(database, "Tuesday.", published: "2021-08-11T00:00:00Z", source: "tolo-news",
                           [Fixtures.capture("mazar-i-sharif", province: "balkh", date: "2021-08-10")])
        let b = try ingest(database, "Saturday.", published: "2021-08-15T00:00:00Z", source: "afp",
                           [Fixtures.capture("mazar-i-sharif", province: "balkh", date: "2021-08-14")])
        let eventID = a.eventIDs[0]
        let seqBefore = try database.read { try $0.latestChangeSeq() }
        #expect(try database.deleteArticle(id: a.articleID))
        let event = try #require(try database.read { try $0.event(id: eventID) })
        #expect(!event.disputed && event.reportCount == 1 && event.sourceIDs == ["afp"] && event.date == "2021-08-14")
        #expect(try database.read { try $0.source(id: "tolo-news") }?.articleCount == 0)
        #expect(try database.read { try $0.source(id: "tolo-news") }?.firstSeen == nil)
        #expect(try database.deleteArticle(id: b.articleID))
        #expect(try database.read { try $0.event(id: eventID) } == nil)
        #expect(try database.read { try $0.controlTimeline(provinceID: "balkh") }.map(\.status) == ["government"])
        let changes = try database.read { try $0.changes(afterSeq: seqBefore, limit: 100) }
        #expect(changes.map { "\($0.entity.rawValue) \($0.op.rawValue)" }
                == ["event updated", "article deleted", "event deleted", "article deleted"])
        #expect(try database.deleteArticle(id: b.articleID) == false)
        #expect(try database.integrityProblems() == [])
    }
}
