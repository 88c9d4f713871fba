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
        for table in ["sources", "provinces", "cities", "actors", "articles", "reports", "events", "event_sources",
                      "tallies", "control", "changes", "article_citations", "search_outbox"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        // The full-text index lives in its own file, attached to every reader as `search`.
        let searchTables = try database.read { db in
            try db.all("SELECT name FROM search.sqlite_master WHERE type = 'table'") { $0.string(0) }
        }
        #expect(searchTables.contains("articles_fts") && !tables.contains("articles_fts"))
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
        #expect(try reopened.integrityProblems() == [])
    }

    @Test func newerDatabase_isRefusedClearly() throws {
        let temp = TempDatabase()
        do { _ = try Database(path: temp.path) }
        Fixtures.execute(temp.path, "PRAGMA user_version = 99")
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
        // The writer's page cache holds a bulk batch's dirty pages; readers keep the smaller one.
        #expect(try database.write { try $0.scalar("PRAGMA cache_size") } == -65_536)
        #expect(try database.read { try $0.scalar("PRAGMA cache_size") } == -16_384)
    }
}

@Suite struct MigrationUpgradeTests {
    /// A file written by a version-1 binary gains the running totals of migration 2 for the
    /// events it already holds.
    @Test func version1File_isBackfilledByMigration2() throws {
        let temp = TempDatabase()
        let setup = Migrations.all[0] + """
            ;
            INSERT INTO articles(id, content_hash, text, extractor_version, ingested_at, sort_key)
                VALUES (1, 'h1', 'one', 'v', '2021-08-10T00:00:00Z', '2021-08-10'),
                       (2, 'h2', 'two', 'v', '2021-08-11T00:00:00Z', '2021-08-11');
            INSERT INTO events(id, type, place_key, status, created_at, updated_at)
                VALUES (1, 'capture', 'city:x', 'confirmed', 'now', 'now');
            INSERT INTO reports(article_id, event_id, type, date, date_precision, status, source_id, origin_source_id, published_at)
                VALUES (2, 1, 'capture', '2021-08-09', 'week', 'claimed', NULL, NULL, '2021-08-11T00:00:00Z'),
                       (1, 1, 'capture', '2021-08-09', 'day', 'reported', 'afp', 'afp', '2021-08-10T00:00:00Z'),
                       (2, 1, 'capture', '2021-08-08', 'day', 'denied', NULL, NULL, '2021-08-11T00:00:00Z');
            PRAGMA user_version = 1;
            """
        let database = try Fixtures.migrated(temp, from: setup)
        let votes = try Fixtures.rows(database, "SELECT date, source_key, reports, latest, precision_rank FROM event_votes ORDER BY source_key",
                                      columns: 5)
        // The denial does not vote for a date.
        #expect(votes == ["2021-08-09 afp 1 2021-08-10T00:00:00Z 0", "2021-08-09 article:2 1 2021-08-11T00:00:00Z 1week"])
        #expect(try database.read { try $0.scalar("SELECT status_mask FROM events WHERE id = 1") } == 1 | 2 | 4)
        // The earliest report (published first, though stored second) names the first publisher.
        #expect(try database.read { try $0.one("SELECT first_source_id FROM events WHERE id = 1") { $0.optionalString(0) } } == "afp")
        #expect(try database.read { try $0.scalar("SELECT events FROM event_day_counts") } == nil)
        #expect(try database.integrityProblems() == [])
    }
}

extension MigrationUpgradeTests {
    /// Migration 6 rebuilds the source links keyed by event and re-keys the reports' source
    /// index: a version-5 file keeps every link, and the sort-key trigger still carries a moved
    /// date to them.
    @Test func version5File_keepsLinksThroughMigration6() throws {
        let temp = TempDatabase()
        let setup = Migrations.all.prefix(5).joined(separator: ";\n") + """
            ;
            INSERT INTO sources(id, name) VALUES ('afp', 'AFP'), ('bbc', 'BBC');
            INSERT INTO articles(id, content_hash, text, extractor_version, ingested_at, sort_key, source_id)
                VALUES (1, 'h1', 'one', 'v', '2021-08-10T00:00:00Z', '2021-08-10', 'afp');
            INSERT INTO articles_fts(rowid, title, text, keywords) SELECT id, title, text, keywords FROM articles;
            INSERT INTO events(id, type, place_key, date, sort_key, status, created_at, updated_at)
                VALUES (1, 'capture', 'city:x', '2021-08-09', '2021-08-09', 'reported', 'now', 'now'),
                       (2, 'capture', 'city:y', '2021-08-07', '2021-08-07', 'reported', 'now', 'now');
            INSERT INTO reports(article_id, event_id, type, date, date_precision, status, source_id, origin_source_id, published_at)
                VALUES (1, 1, 'capture', '2021-08-09', 'day', 'reported', 'afp', 'afp', '2021-08-10T00:00:00Z'),
                       (1, 2, 'capture', '2021-08-07', 'day', 'reported', 'afp', 'afp', '2021-08-10T00:00:00Z');
            INSERT INTO event_sources(source_id, event_id, sort_key)
                VALUES ('afp', 1, '2021-08-09'), ('bbc', 1, '2021-08-09'), ('afp', 2, '2021-08-07');
            INSERT INTO event_votes(event_id, date, source_key, reports, latest, precision_rank)
                VALUES (1, '2021-08-09', 'afp', 1, '2021-08-10T00:00:00Z', '0'), (2, '2021-08-07', 'afp', 1, '2021-08-10T00:00:00Z', '0');
            PRAGMA user_version = 5;
            """
        let database = try Fixtures.migrated(temp, from: setup)
        let links = { try Fixtures.rows(database, "SELECT event_id, source_id, sort_key FROM event_sources ORDER BY event_id, source_id",
                                        columns: 3) }
        #expect(try links() == ["1 afp 2021-08-09", "1 bbc 2021-08-09", "2 afp 2021-08-07"])
        // Migration 7 dropped the index kept inside the file; the search file was built at open.
        #expect(try database.read { try $0.articlePage(filter: ArticleFilter(query: "one"), limit: 10) }.items.map(\.id) == [1])
        #expect(try database.read { try $0.scalar("SELECT count(*) FROM sqlite_master WHERE name LIKE 'articles_fts%'") } == 0)
        let indexes = try database.read { db in
            try db.all("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'event_sources' AND sql IS NOT NULL") {
                $0.string(0)
            }
        }
        #expect(indexes == ["event_sources_sorted"])
        let problems = try database.integrityProblems()
        #expect(problems == [])
        try database.write { try $0.run("UPDATE events SET sort_key = '2021-08-08' WHERE id = 1") }
        #expect(try links() == ["1 afp 2021-08-08", "1 bbc 2021-08-08", "2 afp 2021-08-07"])
        #expect(try database.read { try $0.trackRecord(sourceID: "afp") }.reports == 2)
    }

    /// Migration 15 drops `reports_source`, `reports_province` and `articles_extractor`: a source's
    /// track record still finds its reports, through its articles, the article list's province
    /// filter its articles, and re-extraction the articles of another extractor version.
    @Test func version14File_losesThreeIndexes_andKeepsTheirQueries() throws {
        let temp = TempDatabase()
        let setup = Migrations.all.prefix(14).joined(separator: ";\n") + """
            ;
            INSERT INTO sources(id, name) VALUES ('afp', 'AFP');
            INSERT INTO articles(id, content_hash, text, extractor_version, ingested_at, sort_key, source_id, published_at)
                VALUES (1, 'h1', 'one', 'v', '2021-08-10T00:00:00Z', '2021-08-10', 'afp', '2021-08-10T00:00:00Z');
            INSERT INTO events(id, type, place_key, date, sort_key, status, created_at, updated_at)
                VALUES (1, 'capture', 'city:x', '2021-08-09', '2021-08-09', 'reported', 'now', 'now');
            INSERT INTO provinces(id, name) VALUES ('x', 'X'), ('y', 'Y');
            INSERT INTO reports(id, article_id, event_id, type, province_id, date, date_precision, status, source_id,
                                origin_source_id, published_at)
                VALUES (1, 1, 1, 'capture', 'x', '2021-08-09', 'day', 'reported', 'afp', 'afp', '2021-08-10T00:00:00Z'),
                       (2, 1, 1, 'capture', 'x', '2021-08-08', 'day', 'reported', 'afp', 'afp', '2021-08-10T00:00:00Z');
            PRAGMA user_version = 14;
            """
        let database = try Fixtures.migrated(temp, from: setup)
        let indexes = try Fixtures.rows(database, """
            SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'reports' AND sql IS NOT NULL ORDER BY name
            """, columns: 1)
        #expect(indexes == ["reports_article", "reports_event"])
        #expect(try database.read { try $0.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'articles_extractor'") } == 0)
        let stale = try database.read { try $0.articlesToReextract(currentVersion: "w") }
        #expect(stale.map(\.id) == [1])
        #expect(try database.read { try $0.trackRecord(sourceID: "afp") }
            == TrackRecord(reports: 2, agreeWithConsensus: 1, firstToReport: 0, medianLagDays: 1))
        #expect(try database.read { try $0.scalar("SELECT count(*) FROM reports") } == 2)
        let inCity = try database.read { try $0.articlePage(filter: ArticleFilter(provinceID: "x"), limit: 10) }
        let elsewhere = try database.read { try $0.articlePage(filter: ArticleFilter(provinceID: "y"), limit: 10) }
        #expect((inCity.items.map(\.id), elsewhere.items.map(\.id)) == ([1], []))
    }
}

@Suite struct SchemaDriftTests {
    /// A file stamped version 1 by a development build whose first migration lacked columns is
    /// refused with the columns named, and left untouched.
    @Test func fileWithoutColumnsOfItsVersion_isRefusedWithTheColumnsNamed() throws {
        let temp = TempDatabase()
        let older = SchemaV1.sql.replacingOccurrences(of: "undated_count INTEGER NOT NULL DEFAULT 0,", with: "")
        #expect(older != SchemaV1.sql)
        Fixtures.execute(temp.path, older + "; PRAGMA user_version = 1;")
        #expect(throws: StorageError.schemaMismatch(version: 1, missing: ["events.undated_count"])) {
            _ = try Database(path: temp.path)
        }
        var handle: OpaquePointer?
        #expect(sqlite3_open(temp.path, &handle) == SQLITE_OK)
        var statement: OpaquePointer?
        #expect(sqlite3_prepare_v2(handle, "PRAGMA user_version", -1, &statement, nil) == SQLITE_OK)
        #expect(sqlite3_step(statement) == SQLITE_ROW)
        #expect(sqlite3_column_int(statement, 0) == 1)
        sqlite3_finalize(statement)
        sqlite3_close(handle)
    }
}

extension MigrationUpgradeTests {
    /// Migration 8 rebuilds `changes` and `control` with `=` checks: a version-7 file keeps
    /// every row and each table's AUTOINCREMENT mark (here above the last row, whose top rows
    /// were deleted), the checks still refuse unknown values, and inserting runs without the
    /// ephemeral table an IN list made SQLite build every time.
    @Test func version7File_keepsChangesAndControlThroughMigration8() throws {
        let temp = TempDatabase()
        let setup = Migrations.all.prefix(7).joined(separator: ";\n") + """
            ;
            INSERT INTO provinces(id, name, iso_code) VALUES ('kunduz', 'Kunduz', 'AF-KDZ');
            INSERT INTO changes(entity, entity_id, op, at) VALUES
                ('article', 1, 'created', 't1'), ('event', 1, 'created', 't1'), ('event', 1, 'updated', 't2'),
                ('article', 2, 'created', 't3'), ('article', 2, 'deleted', 't4');
            DELETE FROM changes WHERE seq > 3;
            INSERT INTO control(province_id, status, since, until) VALUES ('kunduz', 'government', '2021-08-01', '2021-08-08'),
                ('kunduz', 'taliban', '2021-08-08', NULL);
            PRAGMA user_version = 7;
            """
        let database = try Fixtures.migrated(temp, from: setup)
        let changes = try Fixtures.rows(database, "SELECT seq, entity, entity_id, op, at FROM changes ORDER BY seq", columns: 5)
        #expect(changes == ["1 article 1 created t1", "2 event 1 created t1", "3 event 1 updated t2"])
        let control = try Fixtures.rows(database, "SELECT id, province_id, status, since, coalesce(until, '-') FROM control ORDER BY id",
                                        columns: 5)
        #expect(control == ["1 kunduz government 2021-08-01 2021-08-08", "2 kunduz taliban 2021-08-08 -"])
        try database.write { try $0.recordChange(.article, 3, .created, at: "t5") }
        #expect(try database.read { try $0.scalar("SELECT max(seq) FROM changes") } == 6)
        #expect(throws: SQLiteError.self) {
            try database.write { try $0.run("INSERT INTO changes(entity, entity_id, op, at) VALUES ('article', 1, 'moved', 't')") }
        }
        #expect(throws: SQLiteError.self) {
            try database.write { try $0.run("INSERT INTO control(province_id, status, since) VALUES ('kunduz', 'neutral', 'x')") }
        }
        // On the writer: a read-only connection compiles no CHECK code.
        let opcodes = try database.write { db in
            try db.all("EXPLAIN INSERT INTO changes(entity, entity_id, op, at) VALUES (?, ?, ?, ?)",
                       [.text("event"), .integer(1), .text("updated"), .text("t")]) { $0.string(1) }
                + db.all("EXPLAIN INSERT INTO control(province_id, status, since) VALUES (?, ?, ?)",
                         [.text("kunduz"), .text("unknown"), .text("t")]) { $0.string(1) }
        }
        #expect(!opcodes.isEmpty && !opcodes.contains("OpenEphemeral"))
        let indexes = try database.read { db in
            try db.all("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'control' ORDER BY name") { $0.string(0) }
        }
        #expect(indexes == ["control_province", "control_since"])
        #expect(try database.integrityProblems() == [])
    }
}

extension MigrationUpgradeTests {
    /// Migration 9 drops AUTOINCREMENT from `articles`, `reports` and `changes`: a version-8
    /// file whose top article, report and change were deleted keeps those ids used (the next ones come after them),
    /// the connection that migrated stops writing `sqlite_sequence` for either table, and the
    /// data version keeps growing from the feed's mark.
    @Test func version8File_keepsIDMarksThroughMigration9() throws {
        let temp = TempDatabase()
        let setup = Migrations.all.prefix(8).joined(separator: ";\n") + """
            ;
            INSERT INTO provinces(id, name, iso_code) VALUES ('kunduz', 'Kunduz', 'AF-KDZ');
            INSERT INTO articles(id, content_hash, text, extractor_version, ingested_at, sort_key)
                VALUES (1, 'h1', 'one', 'v', '2021-08-10T00:00:00Z', '2021-08-10'),
                       (2, 'h2', 'two', 'v', '2021-08-10T00:00:00Z', '2021-08-10');
            DELETE FROM articles WHERE id = 2;
            INSERT INTO reports(article_id, type, status) VALUES (1, 'capture', 'reported'), (1, 'capture', 'reported'),
                (1, 'assault', 'reported');
            DELETE FROM reports WHERE id = 3;
            INSERT INTO changes(entity, entity_id, op, at) VALUES ('article', 1, 'created', 't1'), ('article', 1, 'updated', 't2');
            DELETE FROM changes WHERE seq = 2;
            PRAGMA user_version = 8;
            """
        let database = try Fixtures.migrated(temp, from: setup)
        let declarations = try Fixtures.rows(database, "SELECT name, sql FROM sqlite_master WHERE name IN ('articles', 'reports', 'changes')",
                                             columns: 2)
        #expect(declarations.count == 3 && declarations.allSatisfy { !$0.contains("AUTOINCREMENT") })
        #expect(try database.dataVersion() == 2)
        try database.write { db in
            try db.upsertPlaces(Fixtures.places)
            try db.upsertActors(Fixtures.actors)
        }
        let versionBefore = try database.dataVersion()
        let result = try database.ingest(IngestItem(article: Fixtures.article("After the migration."),
                                                    reports: [Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-08")]))
        #expect(result.articleID == 3 && result.reportIDs == [4])
        #expect(try database.read { try $0.scalar("SELECT min(seq) FROM changes WHERE seq > 1") } == 3)
        #expect(try database.dataVersion() > versionBefore)
        #expect(try Fixtures.rows(database, "SELECT name FROM sqlite_sequence WHERE name IN ('articles', 'reports', 'changes')", columns: 1) == [])
        #expect(try database.integrityProblems() == [])
    }
}

@Suite struct IDMarkTests {
    /// The ids of a deleted article and its reports are never given to the next article and its
    /// reports, even when they were the highest; ids taken in a rolled-back transaction, or for
    /// an article found to be a duplicate, are taken again.
    @Test func deletedTopReports_areNotReused() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        func ingest(_ text: String) throws -> IngestResult {
            try database.ingest(IngestItem(article: Fixtures.article(text), reports: [
                Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-08"),
                Fixtures.capture("herat", province: "herat", date: "2021-08-08"),
            ]))
        }
        let first = try ingest("First article.")
        let second = try ingest("Second article.")
        #expect(first.reportIDs == [1, 2] && second.reportIDs == [3, 4])
        // A new file's connection, which created the tables, does not keep AUTOINCREMENT's mark either.
        #expect(try Fixtures.rows(database, "SELECT name FROM sqlite_sequence WHERE name IN ('articles', 'reports', 'changes')", columns: 1) == [])
        #expect(try database.write { try $0.deleteArticle(id: second.articleID) })
        let third = try ingest("Third article.")
        #expect(third.reportIDs == [5, 6] && third.articleID == second.articleID + 1)
        // A duplicate takes no article id: the next article follows without a gap.
        #expect(try ingest("First article.").duplicate)
        // A transaction that fails after taking ids gives them back with everything else.
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try database.write { db in
                _ = try db.nextID(.reports)
                throw Abort()
            }
        }
        let fourth = try ingest("Fourth article.")
        #expect(fourth.reportIDs == [7, 8] && fourth.articleID == third.articleID + 1)
        // Reopened, the mark is read from the file.
        let reopened = try Database(path: temp.path)
        _ = database
        #expect(try reopened.ingest(IngestItem(article: Fixtures.article("Fifth article."), reports: [
            Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-09"),
        ])).reportIDs == [9])
    }
}
