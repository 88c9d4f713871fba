import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// Events per day and type (`event_day_counts`, the timeline's counts) are kept by the storage
/// layer since migration 13, without triggers: through an event's creation, its move to another
/// date and its deletion.
@Suite struct EventDayCountTests {
    @Test func counts_followAnEventThroughCreationRedatingAndDeletion() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        func counts() throws -> [String] {
            try Fixtures.rows(database, "SELECT date, type, events FROM event_day_counts WHERE events <> 0 ORDER BY date, type",
                              columns: 3)
        }
        func ingest(_ text: String, _ source: String, _ date: String) throws -> IngestResult {
            try database.ingest(IngestItem(article: Fixtures.article(text, published: "2021-08-10T00:00:00Z", source: source),
                                           reports: [Fixtures.capture("kunduz", province: "kunduz", date: date)]))
        }
        let first = try ingest("Kunduz fell on Sunday.", "afp", "2021-08-08")
        #expect(try counts() == ["2021-08-08 capture 1"])
        let later = [try ingest("Kunduz fell on Monday.", "bbc", "2021-08-09"),
                     try ingest("Kunduz was taken on Monday.", "tolo-news", "2021-08-09")]
        let eventID = try #require(first.eventIDs.first)
        #expect(try database.read { try $0.one("SELECT date FROM events WHERE id = ?", [.integer(eventID)]) { $0.string(0) } }
                == "2021-08-09")
        #expect(try counts() == ["2021-08-09 capture 1"])
        for article in [first] + later { #expect(try database.write { try $0.deleteArticle(id: article.articleID) }) }
        #expect(try counts() == [])
        #expect(try database.integrityProblems() == [])
    }

    @Test func version12File_losesTheTriggersAndKeepsItsCounts() throws {
        let temp = TempDatabase()
        let setup = Migrations.all.prefix(12).joined(separator: ";\n") + """
            ;
            INSERT INTO events(id, type, place_key, date, sort_key, status, created_at, updated_at)
                VALUES (1, 'capture', 'city:x', '2021-08-09', '2021-08-09', 'reported', 'now', 'now');
            PRAGMA user_version = 12;
            """
        let database = try Fixtures.migrated(temp, from: setup)
        #expect(try Fixtures.rows(database, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'events_day%'",
                                  columns: 1) == [])
        #expect(try Fixtures.rows(database, "SELECT date, type, events FROM event_day_counts", columns: 3)
                == ["2021-08-09 capture 1"])
        #expect(try database.integrityProblems() == [])
    }
}
