import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// A source's track record (`GET /api/sources/{id}`) counted from stored reports and events.
@Suite struct TrackRecordTests {
    private func capture(_ database: Database, _ text: String, city: String, province: String, date: String?,
                         published: String, source: String) throws {
        _ = try database.ingest(IngestItem(article: Fixtures.article(text, published: published, source: source),
                                           reports: [Fixtures.capture(city, province: province, date: date)]))
    }

    @Test func trackRecord_countsAgreementFirstReportsAndMedianLag() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        // Kunduz: three outlets give the 8th; TOLO publishes first. AFP agrees, one day late.
        try capture(database, "Kunduz fell, AFP says.", city: "kunduz", province: "kunduz", date: "2021-08-08",
                    published: "2021-08-09T10:00:00Z", source: "afp")
        try capture(database, "Kunduz fell, TOLO says.", city: "kunduz", province: "kunduz", date: "2021-08-08",
                    published: "2021-08-08T18:00:00Z", source: "tolo-news")
        try capture(database, "Kunduz fell, Anadolu says.", city: "kunduz", province: "kunduz", date: "2021-08-08",
                    published: "2021-08-10T08:00:00Z", source: "anadolu-agency")
        // Herat: AFP first, with the 12th; the two others give the 13th, which wins. AFP's lag to
        // the consensus date is zero days.
        try capture(database, "Herat fell on Thursday, AFP says.", city: "herat", province: "herat", date: "2021-08-12",
                    published: "2021-08-13T06:00:00Z", source: "afp")
        try capture(database, "Herat fell, TOLO says.", city: "herat", province: "herat", date: "2021-08-13",
                    published: "2021-08-14T06:00:00Z", source: "tolo-news")
        try capture(database, "Herat fell, Anadolu says.", city: "herat", province: "herat", date: "2021-08-13",
                    published: "2021-08-14T07:00:00Z", source: "anadolu-agency")
        // Kholm: AFP alone, without a date: its event has no date, so it counts in neither.
        try capture(database, "Kholm has fallen, AFP says.", city: "kholm", province: "balkh", date: nil,
                    published: "2021-08-11T06:00:00Z", source: "afp")

        let afp = try database.read { try $0.trackRecord(sourceID: "afp") }
        #expect(afp == TrackRecord(reports: 3, agreeWithConsensus: 1, firstToReport: 2, medianLagDays: 0.5))
        let tolo = try database.read { try $0.trackRecord(sourceID: "tolo-news") }
        #expect(tolo == TrackRecord(reports: 2, agreeWithConsensus: 2, firstToReport: 1, medianLagDays: 0.5))
        let anadolu = try database.read { try $0.trackRecord(sourceID: "anadolu-agency") }
        #expect(anadolu == TrackRecord(reports: 2, agreeWithConsensus: 2, firstToReport: 0, medianLagDays: 1.5))
        let unknown = try database.read { try $0.trackRecord(sourceID: "nobody") }
        #expect(unknown == TrackRecord(reports: 0, agreeWithConsensus: 0, firstToReport: 0, medianLagDays: nil))
    }
}
