import Foundation
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// A source's track record (`GET /api/sources/{id}`) counted from stored reports and events.
@Suite struct TrackRecordTests {
    @Test func trackRecord_countsAgreementFirstReportsAndMedianLag() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        // (source, city, province, date reported, published)
        let reports: [(String, String, String, String?, String?)] = [
            // Kunduz: three outlets give the 8th; TOLO publishes first. AFP agrees, one day late.
            ("afp", "kunduz", "kunduz", "2021-08-08", "2021-08-09T10:00:00Z"),
            ("tolo-news", "kunduz", "kunduz", "2021-08-08", "2021-08-08T18:00:00Z"),
            ("anadolu-agency", "kunduz", "kunduz", "2021-08-08", "2021-08-10T08:00:00Z"),
            // Herat: AFP first, with the 12th; the two others give the 13th, which wins. AFP's lag
            // to the consensus date is zero days.
            ("afp", "herat", "herat", "2021-08-12", "2021-08-13T06:00:00Z"),
            ("tolo-news", "herat", "herat", "2021-08-13", "2021-08-14T06:00:00Z"),
            ("anadolu-agency", "herat", "herat", "2021-08-13", "2021-08-14T07:00:00Z"),
            // Kholm: AFP alone, without a date: its event has no date, so it counts in neither.
            ("afp", "kholm", "balkh", nil, "2021-08-11T06:00:00Z"),
            // Kunduz again, from an article without a publication date: it agrees with the
            // consensus, but its lag is unknown (its report's published_at is the ingest time).
            ("anadolu-agency", "kunduz", "kunduz", "2021-08-08", nil),
        ]
        for (source, city, province, date, published) in reports {
            let text = "\(city.capitalized) fell on \(date ?? "an unknown day"), \(source) says on \(published ?? "an unknown day")."
            _ = try database.ingest(IngestItem(article: Fixtures.article(text, published: published, source: source),
                                               reports: [Fixtures.capture(city, province: province, date: date)]))
        }

        let afp = try database.read { try $0.trackRecord(sourceID: "afp") }
        #expect(afp == TrackRecord(reports: 3, agreeWithConsensus: 1, firstToReport: 2, medianLagDays: 0.5))
        let tolo = try database.read { try $0.trackRecord(sourceID: "tolo-news") }
        #expect(tolo == TrackRecord(reports: 2, agreeWithConsensus: 2, firstToReport: 1, medianLagDays: 0.5))
        let anadolu = try database.read { try $0.trackRecord(sourceID: "anadolu-agency") }
        #expect(anadolu == TrackRecord(reports: 3, agreeWithConsensus: 3, firstToReport: 0, medianLagDays: 1.5))
        let unknown = try database.read { try $0.trackRecord(sourceID: "nobody") }
        #expect(unknown == TrackRecord(reports: 0, agreeWithConsensus: 0, firstToReport: 0, medianLagDays: nil))
    }
}
