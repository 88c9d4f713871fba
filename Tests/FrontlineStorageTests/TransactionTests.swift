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

    @Test func duplicatesInABatch_areReportedWhetherOrNotTheirSourceIsKnown() throws {
        // Once a batch has seen an article's sources, the insert itself detects a duplicate; before
        // that, the lookups run first, so a duplicate from an unseen outlet creates no source.
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let items = [
            IngestItem(article: Fixtures.article("First text.", url: "https://a.example/1", source: "outlet-a")),
            IngestItem(article: Fixtures.article("Second text.", url: "https://a.example/2", source: "outlet-a")),
            IngestItem(article: Fixtures.article("Other text.", url: "https://a.example/1", source: "outlet-a")),
            IngestItem(article: Fixtures.article("First text.", url: "https://a.example/3", source: "outlet-a")),
            // The url of the first article and the text of the second: the url decides.
            IngestItem(article: Fixtures.article("Second text.", url: "https://a.example/1", source: "outlet-a")),
            IngestItem(article: Fixtures.article("Second text.", source: "outlet-unseen")),
        ]
        let results = try database.ingest(items, batchSize: 10).map { try $0.get() }
        #expect(results.map(\.duplicate) == [false, false, true, true, true, true])
        #expect(results.map(\.articleID) == [results[0].articleID, results[1].articleID, results[0].articleID,
                                              results[0].articleID, results[0].articleID, results[1].articleID])
        #expect(try database.read { try $0.scalar("SELECT count(*) FROM articles") } == 2)
        #expect(try database.read { try $0.source(id: "outlet-unseen") } == nil)
        #expect(try database.read { try $0.scalar("SELECT article_count FROM sources WHERE id = 'outlet-a'") } == 2)
        #expect(try database.read { try $0.changes(afterSeq: 0, limit: 100) }.count == 2)
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
