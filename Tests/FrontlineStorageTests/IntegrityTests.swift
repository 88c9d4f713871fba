import CSQLite
import Foundation
import Synchronization
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

@Suite struct IntegrityTests {
    /// Damage made behind the storage layer's back (foreign keys off, a search index row of an
    /// article the database does not hold) is reported by `integrityProblems`, which `frontline
    /// check` turns into a failing exit.
    @Test func damage_isReported() throws {
        let temp = TempDatabase()
        do {
            let database = try Fixtures.open(temp)
            _ = try database.ingest(IngestItem(article: Fixtures.article("Sound article.")))
            #expect(try database.integrityProblems() == [])
        }
        Fixtures.execute(temp.path, """
            PRAGMA foreign_keys = OFF;
            INSERT INTO reports(article_id, type, status) VALUES (999, 'capture', 'reported');
            """)
        Fixtures.execute(SearchIndex.path(forDatabase: temp.path), """
            INSERT INTO articles_fts(rowid, title, text, keywords) VALUES (777, 'ghost', 'ghost', '');
            """)
        let reopened = try Database(path: temp.path)
        let problems = try reopened.integrityProblems()
        #expect(problems.contains("reports: 1 name no row of articles in article_id"))
        #expect(problems.contains { $0 == "search index: 1 indexed articles no longer stored" })
    }

    /// Running totals edited behind the storage layer's back no longer match a recount.
    @Test func driftedRunningTotals_areReported() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        _ = try database.ingest(IngestItem(article: Fixtures.article("Kunduz fell.", published: "2021-08-09T00:00:00Z", source: "afp"),
                                           reports: [Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-08")]))
        #expect(try database.integrityProblems() == [])
        try database.write { db in
            try db.run("UPDATE event_votes SET reports = reports + 1")
            try db.run("UPDATE event_day_counts SET events = 5")
        }
        let problems = try database.integrityProblems()
        #expect(problems.contains { $0.hasPrefix("event_votes:") })
        #expect(problems.contains { $0.hasPrefix("event_day_counts:") })
    }

    /// Backup during a stream of writes: the copy is sound and holds every article acknowledged
    /// before the backup began (RELIABILITY.md case 29).
    @Test func backupWhileIngesting_holdsEveryEarlierRow() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        for n in 0..<50 { _ = try database.ingest(IngestItem(article: Fixtures.article("Before backup \(n)."))) }
        let stop = Atomic<Bool>(false)
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            var n = 0
            while !stop.load(ordering: .acquiring) {
                _ = try? database.ingest(IngestItem(article: Fixtures.article("During backup \(n).")))
                n += 1
            }
        }
        let acknowledged = Set(try database.read { db in try db.all("SELECT id FROM articles") { $0.int64(0) } })
        let copy = temp.file("live-backup.sqlite")
        try database.backup(to: copy)
        stop.store(true, ordering: .releasing)
        group.wait()
        let restored = try Database(path: copy, configuration: StorageConfiguration(readerCount: 1))
        #expect(try restored.integrityProblems() == [])
        let stored = Set(try restored.read { db in try db.all("SELECT id FROM articles") { $0.int64(0) } })
        #expect(acknowledged.isSubset(of: stored))
    }

    @Test func timeline_countsEventsAndHeldProvinces() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        _ = try database.ingest(IngestItem(article: Fixtures.article("Kunduz fell.", published: "2021-08-08T10:00:00Z"),
                                           reports: [Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-08")]))
        _ = try database.ingest(IngestItem(article: Fixtures.article("Herat attacked.", published: "2021-08-07T10:00:00Z"),
                                           reports: [NewReport(type: "assault", provinceID: "herat", actorID: "taliban", date: "2021-08-07")]))
        let days = try database.read { try $0.timeline(from: "2021-08-06", to: "2021-08-09") }
        #expect(days.map(\.date) == ["2021-08-06", "2021-08-07", "2021-08-08", "2021-08-09"])
        #expect(days[1].eventsByType == ["assault": 1])
        #expect(days[2].eventsByType == ["capture": 1] && days[2].changedHands == ["kunduz"])
        #expect(days[0].held["government"] == 4)
        #expect(days[3].held == ["government": 2, "contested": 1, "taliban": 1, "unknown": 0])
        #expect(throws: StorageError.self) { _ = try database.read { try $0.timeline(from: "2021-08-09", to: "2021-08-01") } }
    }

    @Test func changesFeed_andDataVersion_growMonotonically() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let v0 = try database.dataVersion()
        _ = try database.ingest(IngestItem(article: Fixtures.article("Feed one."),
                                           reports: [Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-08")]))
        let v1 = try database.dataVersion()
        try database.write { try $0.upsertActors([ActorRecord(id: "militia", name: "Militia", kind: "armed_group")]) }
        let v2 = try database.dataVersion()
        #expect(v0 < v1 && v1 < v2)
        let first = try database.read { try $0.changePage(after: nil, limit: 1) }
        #expect(first.items.map { "\($0.entity.rawValue) \($0.op.rawValue)" } == ["article created"])
        let rest = try database.read { try $0.changePage(after: first.next, limit: 10) }
        #expect(rest.items.map { "\($0.entity.rawValue) \($0.op.rawValue)" } == ["event created"])
        #expect(rest.items[0].seq > first.items[0].seq)
        let empty = try database.read { try $0.changePage(after: rest.next, limit: 10) }
        #expect(empty.items.isEmpty && empty.next == rest.next)
    }
}
