import CSQLite
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// SQLite's memory statistics are off once this module configured the library (`SQLiteLibrary`):
/// they cost a process-wide mutex per allocation. In this test process another test may open
/// SQLite directly first, in which case the setting cannot apply and the check is moot.
@Suite struct SQLiteLibraryTests {
    @Test func memoryStatistics_areOffWhenConfigured() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        _ = try database.ingest(IngestItem(article: Fixtures.article("Something to allocate for.")))
        #expect(database.sqliteMemoryStatistics == !SQLiteLibrary.configured)
        if SQLiteLibrary.configured { #expect(sqlite3_memory_used() == 0) }
    }
}
