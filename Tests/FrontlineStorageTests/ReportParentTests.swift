import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// A report's article and event carry no foreign key since migration 12: deleting an article
/// deletes its reports, deleting an event leaves no report naming it, and `frontline check`
/// finds reports whose article or event is gone.
@Suite struct ReportParentTests {
    @Test func deletingAnArticle_deletesItsReportsOnly() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let report = Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-08")
        let first = try database.ingest(IngestItem(article: Fixtures.article("First.", source: "afp"), reports: [report, report]))
        let second = try database.ingest(IngestItem(article: Fixtures.article("Second.", source: "tolo-news"), reports: [report]))
        func reports(of article: Int64) throws -> Int64 {
            try database.read { try $0.scalar("SELECT count(*) FROM reports WHERE article_id = ?", [.integer(article)]) } ?? 0
        }
        #expect(try reports(of: first.articleID) == 2 && reports(of: second.articleID) == 1)
        #expect(try database.write { try $0.deleteArticle(id: first.articleID) })
        #expect(try reports(of: first.articleID) == 0 && reports(of: second.articleID) == 1)
        #expect(try database.integrityProblems() == [])
    }

    @Test func deletingAnEvent_leavesNoReportNamingIt() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let stored = try database.ingest(IngestItem(article: Fixtures.article("Kunduz fell.", source: "afp"),
                                                    reports: [Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-08")]))
        let eventID = try #require(stored.eventIDs.first)
        try database.write { try MergeRun.deleteEvent(eventID, in: $0) }
        let left = try database.read { try $0.all("SELECT event_id FROM reports") { $0.optionalInt64(0) } }
        #expect(left == [nil])
        #expect(try database.integrityProblems().allSatisfy { !$0.contains("name no row of events") })
    }

    @Test func check_findsReportsWithoutTheirArticleOrEvent() throws {
        let temp = TempDatabase()
        do { _ = try Fixtures.open(temp) }
        Fixtures.execute(temp.path, """
            INSERT INTO reports(article_id, event_id, type, status) VALUES (999, NULL, 'capture', 'reported'),
                (999, 888, 'capture', 'reported');
            """)
        let problems = try Database(path: temp.path).integrityProblems()
        #expect(problems.contains("reports: 2 name no row of articles in article_id"))
        #expect(problems.contains("reports: 1 name no row of events in event_id"))
    }

    @Test func version11File_keepsReportsAndLosesTheirForeignKeys() throws {
        let temp = TempDatabase()
        let setup = Migrations.all.prefix(11).joined(separator: ";\n") + """
            ;
            INSERT INTO articles(id, content_hash, text, extractor_version, ingested_at, sort_key)
                VALUES (1, 'h1', 'one', 'v', '2021-08-10T00:00:00Z', '2021-08-10');
            INSERT INTO events(id, type, place_key, date, sort_key, status, created_at, updated_at)
                VALUES (1, 'capture', 'city:x', '2021-08-09', '2021-08-09', 'reported', 'now', 'now');
            INSERT INTO reports(article_id, event_id, type, status) VALUES (1, 1, 'capture', 'reported');
            PRAGMA user_version = 11;
            """
        let database = try Fixtures.migrated(temp, from: setup)
        #expect(try database.read { try $0.scalar("SELECT count(*) FROM pragma_foreign_key_list('reports')") } == 0)
        #expect(try Fixtures.rows(database, "SELECT article_id, event_id FROM reports", columns: 2) == ["1 1"])
        let declaration = try Fixtures.rows(database, "SELECT sql FROM sqlite_master WHERE name = 'reports'", columns: 1)
        #expect(declaration.count == 1 && declaration[0].contains("article_id INTEGER NOT NULL,")
                && declaration[0].contains("event_id INTEGER,"))
        #expect(try database.integrityProblems().allSatisfy { !$0.hasPrefix("reports") && !$0.hasPrefix("foreign key") })
    }
}
