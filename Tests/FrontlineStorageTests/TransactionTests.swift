import Foundation
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

private struct Boom: Error {}

@Suite struct TransactionTests {
    @Test func throwingWrite_leavesNothingBehind() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let before = try database.dataVersion()
        #expect(throws: Boom.self) {
            try database.write { db in
                _ = try db.ingest(IngestItem(article: Fixtures.article("Rolled back."),
                                             reports: [Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-08")]))
                throw Boom()
            }
        }
        let counts = try database.read { try $0.rowCounts() }
        for table in ["articles", "reports", "events", "changes"] {
            #expect(counts.first { $0.table == table }?.count == 0, "\(table) not empty")
        }
        #expect(try database.dataVersion() == before)
        #expect(try database.read { try $0.articlePage(filter: ArticleFilter(query: "rolled"), limit: 10) }.items.isEmpty)
    }

    @Test func ingestWithUnknownPlace_failsAtomically() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let error = #expect(throws: SQLiteError.self) {
            _ = try database.ingest(IngestItem(article: Fixtures.article("Unknown place.", source: "new-outlet"),
                                               reports: [Fixtures.capture("atlantis", province: "nowhere", date: nil)]))
        }
        #expect(error?.isConstraint == true)
        #expect(try database.read { try $0.scalar("SELECT count(*) FROM articles") } == 0)
        #expect(try database.read { try $0.source(id: "new-outlet") } == nil)
    }

    @Test func batchIngest_keepsGoodItemsWhenOneFails() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let items = [
            IngestItem(article: Fixtures.article("Good one.")),
            IngestItem(article: Fixtures.article("Bad one."), reports: [Fixtures.capture("atlantis", province: "x", date: nil)]),
            IngestItem(article: Fixtures.article("Good two.")),
            IngestItem(article: Fixtures.article("Good one.")),
        ]
        let results = try database.ingest(items, batchSize: 3)
        #expect(results.count == 4)
        #expect((try? results[0].get())?.duplicate == false)
        #expect((try? results[1].get()) == nil)
        #expect((try? results[2].get())?.duplicate == false)
        #expect((try? results[3].get())?.duplicate == true)
        #expect(try database.read { try $0.scalar("SELECT count(*) FROM articles") } == 2)
    }

    @Test func readers_cannotWrite() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        #expect(throws: SQLiteError.self) {
            try database.read { db in try db.run("INSERT INTO actors(id, name) VALUES ('x', 'y')") }
        }
    }

    @Test func duplicateByURLOrHash_isReportedNotStored() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let first = try database.ingest(IngestItem(article: Fixtures.article("Same text.", url: "https://a.example/1")))
        let sameURL = try database.ingest(IngestItem(article: Fixtures.article("Other text.", url: "https://a.example/1")))
        let sameText = try database.ingest(IngestItem(article: Fixtures.article("Same text.", url: "https://b.example/2")))
        #expect(sameURL.duplicate && sameURL.articleID == first.articleID)
        #expect(sameText.duplicate && sameText.articleID == first.articleID)
        #expect(try database.read { try $0.scalar("SELECT count(*) FROM articles") } == 1)
        #expect(try database.read { try $0.changes(afterSeq: 0, limit: 100) }.count == 1)
    }

    @Test func backup_isConsistentCopy() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        for n in 0..<20 {
            _ = try database.ingest(IngestItem(article: Fixtures.article("Backup article \(n).")))
        }
        let copy = temp.file("backup.sqlite")
        try database.backup(to: copy)
        let restored = try Database(path: copy)
        #expect(try restored.integrityProblems() == [])
        #expect(try restored.read { try $0.scalar("SELECT count(*) FROM articles") } == 20)
        #expect(throws: StorageError.self) { try database.backup(to: copy) }
    }
}
