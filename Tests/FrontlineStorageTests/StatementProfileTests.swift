import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// The writer's statement timing behind `frontline bench storage --profile-statements`.
@Suite struct StatementProfileTests {
    @Test func profilingWrites_countsEachStatementOfTheWritesInside_only() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let items = (0..<3).map { IngestItem(article: Fixtures.article("Profiled article \($0).")) }
        let (results, report) = try database.profilingWrites { try database.ingest(items) }
        #expect(results.count == 3)
        let articleInsert = try #require(report.first { $0.sql.hasPrefix("INSERT INTO articles(") })
        #expect(articleInsert.runs == 3)
        #expect(articleInsert.nanoseconds > 0)
        #expect(report.contains { $0.sql == "COMMIT" && $0.runs == 1 })
        #expect(zip(report, report.dropFirst()).allSatisfy { $0.nanoseconds >= $1.nanoseconds })
        // Writes after the block are not timed, and the next block starts from zero.
        _ = try database.ingest(IngestItem(article: Fixtures.article("Not profiled.")))
        let (_, next) = try database.profilingWrites { try database.ingest(IngestItem(article: Fixtures.article("Profiled again."))) }
        #expect(next.first { $0.sql.hasPrefix("INSERT INTO articles(") }?.runs == 1)
    }
}
