import Foundation
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// Ingest updates an event from the one report it gains (`MergeRun.refreshAdded`); debug builds
/// check each such update against the full recomputation and throw `StorageError.inconsistent`
/// when they differ. These tests drive many updates through crowded events with disputes,
/// denials, undated reports and recaptures, so a divergence shows up as a failed ingest.
@Suite struct IncrementalMergeTests {
    /// A few true events, so each gathers dozens of reports with wrong dates, denials and claims.
    static func items(_ count: Int, seed: UInt64) -> [IngestItem] {
        var generator = SyntheticData(seed: seed, spread: .events, catalogueSize: 12)
        return (0..<count).map { generator.article($0) }
    }

    static func openSynthetic(_ temp: TempDatabase) throws -> Database {
        let database = try Database(path: temp.path, configuration: StorageConfiguration(readerCount: 1))
        try database.write { db in
            try db.upsertPlaces(SyntheticData.places())
            try db.upsertActors(SyntheticData.actorsRecords())
            try db.upsertSources(SyntheticData.sources())
        }
        return database
    }

    /// Every derived field of every event, and every province's control, as comparable text.
    static func snapshot(_ database: Database) throws -> [String] {
        try database.read { db in
            try db.all("""
                SELECT type, place_key, actor_id, date, date_precision, date_from, date_to, status, dispute, report_count,
                    source_count, sources, first_reported_at, span_from, span_to, undated_count, status_mask, first_source_id
                FROM events ORDER BY place_key, type, actor_id, date, report_count
                """) { row in (0..<18).map { "\(row.value(Int32($0)))" }.joined(separator: "|") }
            + db.all("SELECT province_id, status, since, until FROM control ORDER BY province_id, since") { row in
                (0..<4).map { "\(row.value(Int32($0)))" }.joined(separator: "|")
            }
        }
    }

    @Test func crowdedEvents_matchTheFullRecomputation_inEitherOrder() throws {
        let items = Self.items(400, seed: 11)
        let (forward, backward) = (TempDatabase(), TempDatabase())
        let a = try Self.openSynthetic(forward)
        let b = try Self.openSynthetic(backward)
        let resultsA = try a.ingest(items, batchSize: 50)
        let resultsB = try b.ingest(items.reversed(), batchSize: 1000)
        for result in resultsA + resultsB {
            if case .failure(let error) = result { Issue.record("ingest failed: \(error)") }
        }
        let events = try a.read { try $0.scalar("SELECT count(*) FROM events") } ?? 0
        let reports = try a.read { try $0.scalar("SELECT count(*) FROM reports") } ?? 0
        #expect(events > 0 && reports > 4 * events, "events should be crowded: \(reports) reports in \(events) events")
        #expect(try a.read { try $0.scalar("SELECT count(*) FROM events WHERE disputed = 1") } ?? 0 > 0)
        #expect(try Self.snapshot(a) == Self.snapshot(b))
    }

    @Test func deletingHalf_equalsIngestingTheOtherHalf() throws {
        let items = Self.items(200, seed: 5)
        let (full, half) = (TempDatabase(), TempDatabase())
        let a = try Self.openSynthetic(full)
        let b = try Self.openSynthetic(half)
        let ids = try a.ingest(items).map { try $0.get().articleID }
        for id in ids.enumerated() where id.offset % 2 == 0 { #expect(try a.deleteArticle(id: id.element)) }
        _ = try b.ingest(items.enumerated().filter { $0.offset % 2 == 1 }.map(\.element))
        #expect(try Self.snapshot(a) == Self.snapshot(b))
        // The votes behind the consensus are rebuilt with the events that lost reports.
        let stale = try a.read { db in
            try db.scalar("""
                SELECT count(*) FROM event_votes v WHERE NOT EXISTS (
                    SELECT 1 FROM reports r WHERE r.event_id = v.event_id AND r.date = v.date)
                """)
        }
        #expect(stale == 0)
        // The per-day counts behind the timeline follow every insert, update and delete of events.
        for db in [a, b] {
            let counted = try db.read { try $0.all("SELECT date, type, events FROM event_day_counts WHERE events > 0 ORDER BY 1, 2") {
                "\($0.string(0)) \($0.string(1)) \($0.int(2))" } }
            let grouped = try db.read { try $0.all("SELECT date, type, count(*) FROM events WHERE date IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2") {
                "\($0.string(0)) \($0.string(1)) \($0.int(2))" } }
            #expect(!counted.isEmpty && counted == grouped)
        }
    }
}
