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

    /// A batch holds the events it changes in memory and writes them back once (`EventCache`):
    /// what lands must be exactly what one transaction per article writes, running totals and
    /// links included, and every event must equal its recomputation from its reports.
    @Test func batchWriteBack_storesWhatOneArticlePerTransactionStores() throws {
        let items = Self.items(300, seed: 23)
        let (batched, single) = (TempDatabase(), TempDatabase())
        let a = try Self.openSynthetic(batched)
        let b = try Self.openSynthetic(single)
        for result in try a.ingest(items, batchSize: 150) + b.ingest(items, batchSize: 1) {
            if case .failure(let error) = result { Issue.record("ingest failed: \(error)") }
        }
        #expect(try Self.snapshot(a) == Self.snapshot(b))
        let rows = { (database: Database) in try database.read { db in
            try db.all("SELECT event_id, date, source_key, reports, latest, precision_rank FROM event_votes ORDER BY 1, 2, 3") {
                row in (0..<6).map { "\(row.value(Int32($0)))" }.joined(separator: "|") }
            + db.all("SELECT event_id, source_id FROM event_sources ORDER BY 1, 2") { "\($0.int64(0)) \($0.string(1))" }
            + db.all("SELECT id, contradicted_before, witness_value, undated_published_from, undated_published_to FROM events ORDER BY id") {
                row in (0..<5).map { "\(row.value(Int32($0)))" }.joined(separator: "|") }
            // Source counters: a batch adds them up once per source (`SourceTally`).
            + db.all("SELECT id, kind, article_count, cited_count, first_seen, last_seen FROM sources ORDER BY id") {
                row in (0..<6).map { "\(row.value(Int32($0)))" }.joined(separator: "|") }
        } }
        #expect(try rows(a) == rows(b))
        #expect(a.retriedChunks == 0)
        for database in [a, b] {
            let problems = try database.integrityProblems()
            #expect(problems.isEmpty, "\(problems)")
            #expect(try database.read { try $0.eventsDifferingFromRecomputation() } == [])
        }
        // The recomputation check itself sees a drifted field.
        try a.write { try $0.run("UPDATE events SET source_count = source_count + 1 WHERE id = 3") }
        #expect(try a.read { try $0.eventsDifferingFromRecomputation() } == [3])
        // One change per event and batch, never fewer than the events that changed.
        let changed = try a.read { try $0.scalar("SELECT count(DISTINCT entity_id) FROM changes WHERE entity = 'event'") }
        let events = try a.read { try $0.scalar("SELECT count(*) FROM events") }
        #expect(changed != nil && changed! >= events!)
        let perBatch = try a.read { try $0.scalar("SELECT count(*) FROM changes WHERE entity = 'event'") } ?? 0
        let perArticle = try b.read { try $0.scalar("SELECT count(*) FROM changes WHERE entity = 'event'") } ?? 0
        #expect(perBatch < perArticle)
    }

    /// The events a batch leaves in memory serve the next batch only while nothing else wrote:
    /// a delete through the same database, or any write by another connection, must not leave
    /// the next batch working on stale events.
    @Test(arguments: [false, true])
    func writesBetweenBatches_invalidateTheRetainedEvents(byAnotherConnection: Bool) throws {
        let items = Self.items(240, seed: 31)
        let (batched, single) = (TempDatabase(), TempDatabase())
        let a = try Self.openSynthetic(batched)
        let b = try Self.openSynthetic(single)
        let other = byAnotherConnection ? try Database(path: batched.path, configuration: StorageConfiguration(readerCount: 1)) : a
        for (database, size) in [(a, 60), (b, 1)] {
            let first = try database.ingest(Array(items[0..<120]), batchSize: size).map { try $0.get().articleID }
            // Deletes every third article of the first half, touching events the first batch cached.
            for id in first.enumerated() where id.offset % 3 == 0 {
                #expect(try (database === a ? other : database).deleteArticle(id: id.element))
            }
            for result in try database.ingest(Array(items[120...]), batchSize: size) {
                if case .failure(let error) = result { Issue.record("ingest failed: \(error)") }
            }
        }
        #expect(try Self.snapshot(a) == Self.snapshot(b))
        let problems = try a.integrityProblems()
        #expect(problems.isEmpty, "\(problems)")
        #expect(try a.read { try $0.eventsDifferingFromRecomputation() } == [])
        // Stale events would fail items (a report linked to a deleted event, a debug check),
        // and the item-by-item retry would hide it in the results.
        #expect(a.retriedChunks == 0)
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
