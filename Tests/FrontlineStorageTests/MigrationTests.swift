import CSQLite
import Foundation
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

@Suite struct MigrationTests {
    @Test func emptyFile_migratesToLatestVersion() throws {
        let temp = TempDatabase()
        let database = try Database(path: temp.path)
        #expect(try database.read { try $0.schemaVersion() } == Migrations.latestVersion)
        let tables = try database.read { db in
            try db.all("SELECT name FROM sqlite_master WHERE type = 'table'") { $0.string(0) }
        }
        for table in ["sources", "provinces", "cities", "actors", "articles", "articles_fts", "reports", "events", "event_sources",
                      "tallies", "control", "changes", "article_citations"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        #expect(database.sqliteVersion.hasPrefix("3."))
    }

    @Test func reopening_isIdempotentAndKeepsData() throws {
        let temp = TempDatabase()
        do {
            let database = try Fixtures.open(temp)
            _ = try database.ingest(IngestItem(article: Fixtures.article("Kept across reopen.")))
        }
        let reopened = try Database(path: temp.path)
        #expect(try reopened.read { try $0.schemaVersion() } == Migrations.latestVersion)
        #expect(try reopened.read { try $0.scalar("SELECT count(*) FROM articles") } == 1)
        #expect(try reopened.write { try $0.integrityProblems() } == [])
    }

    @Test func newerDatabase_isRefusedClearly() throws {
        let temp = TempDatabase()
        do { _ = try Database(path: temp.path) }
        var handle: OpaquePointer?
        #expect(sqlite3_open(temp.path, &handle) == SQLITE_OK)
        #expect(sqlite3_exec(handle, "PRAGMA user_version = 99", nil, nil, nil) == SQLITE_OK)
        sqlite3_close(handle)
        #expect(throws: StorageError.databaseTooNew(found: 99, supported: Migrations.latestVersion)) {
            _ = try Database(path: temp.path)
        }
        let message = StorageError.databaseTooNew(found: 99, supported: 1).description
        #expect(message.contains("newer"))
    }

    @Test func pragmas_areAppliedToWriterAndReaders() throws {
        let temp = TempDatabase()
        let database = try Database(path: temp.path, configuration: StorageConfiguration(synchronous: .full, readerCount: 1))
        #expect(try database.write { try $0.one("PRAGMA journal_mode") { $0.string(0) } } == "wal")
        #expect(try database.write { try $0.scalar("PRAGMA synchronous") } == 2)
        #expect(try database.read { try $0.scalar("PRAGMA foreign_keys") } == 1)
        #expect(try database.read { try $0.scalar("PRAGMA busy_timeout") } == 5000)
        #expect(try database.read { try $0.scalar("PRAGMA mmap_size") } == 1 << 30)
    }
}
