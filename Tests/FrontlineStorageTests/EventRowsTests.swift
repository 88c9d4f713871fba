import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// An event's source links and date votes have no foreign key to the event since migration 11:
/// the merge deletes them with it, and `frontline check` finds any left behind.
@Suite struct EventRowsTests {
    @Test func deletingAnEvent_deletesItsLinksAndVotes() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let report = Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-08")
        let first = try database.ingest(IngestItem(article: Fixtures.article("First.", source: "afp"), reports: [report]))
        let second = try database.ingest(IngestItem(article: Fixtures.article("Second.", source: "tolo-news"), reports: [report]))
        let eventID = try #require(first.eventIDs.first)
        func rows(_ table: String) throws -> Int64 {
            try database.read { try $0.scalar("SELECT count(*) FROM \(table) WHERE event_id = ?", [.integer(eventID)]) } ?? 0
        }
        #expect(try rows("event_sources") == 2 && rows("event_votes") == 2)
        #expect(try database.write { try $0.deleteArticle(id: first.articleID) })
        #expect(try rows("event_sources") == 1 && rows("event_votes") == 1)
        #expect(try database.write { try $0.deleteArticle(id: second.articleID) })
        #expect(try database.read { try $0.scalar("SELECT count(*) FROM events") } == 0)
        #expect(try rows("event_sources") == 0 && rows("event_votes") == 0)
        #expect(try database.integrityProblems() == [])
    }

    @Test func check_findsLinksAndVotesWithoutTheirEvent() throws {
        let temp = TempDatabase()
        do { _ = try Fixtures.open(temp) }
        Fixtures.execute(temp.path, """
            INSERT INTO event_sources(event_id, source_id, sort_key) VALUES (999, 'afp', '2021-08-08');
            INSERT INTO event_votes(event_id, date, source_key, reports, latest, precision_rank)
                VALUES (999, '2021-08-08', 'afp', 1, NULL, '0');
            """)
        let problems = try Database(path: temp.path).integrityProblems()
        #expect(problems.contains("event_sources: 1 rows name no event"))
        #expect(problems.contains("event_votes: 1 rows name no event"))
    }

    @Test func linksAndVotes_haveNoForeignKeys() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        for table in ["event_sources", "event_votes"] {
            #expect(try database.read { try $0.scalar("SELECT count(*) FROM pragma_foreign_key_list('\(table)')") } == 0)
        }
    }
}
