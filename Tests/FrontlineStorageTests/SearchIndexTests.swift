import CSQLite
import Foundation
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// The search index lives in its own file and follows the database's commits (`SearchIndex`):
/// deletions and changed text through the outbox, and a stale, foreign or missing index file is
/// caught up or rebuilt when the database opens.
@Suite struct SearchIndexTests {
    private func titles(_ database: Database, _ query: String) throws -> [String] {
        try database.read { try $0.articlePage(filter: ArticleFilter(query: query), limit: 50) }.items.compactMap(\.title).sorted()
    }

    /// Leaves a database file holding `article` (and its search file), closed.
    private func storeAndClose(_ temp: TempDatabase, _ article: NewArticle) throws {
        let database = try Fixtures.open(temp)
        _ = try database.ingest(IngestItem(article: article))
        database.close()
    }

    @Test func deletedAndChangedArticles_followInSearch_andTheOutboxEmpties() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let kept = try database.ingest(IngestItem(article: Fixtures.article("The garrison held the bridge.", title: "Kept")))
        let gone = try database.ingest(IngestItem(article: Fixtures.article("The garrison left the bridge.", title: "Gone")))
        #expect(try titles(database, "garrison") == ["Gone", "Kept"])

        try database.deleteArticle(id: gone.articleID)
        #expect(try titles(database, "garrison") == ["Kept"])
        try database.write { db in
            _ = try db.replaceFacts(articleID: kept.articleID, extractorVersion: "test-2", keywords: "Pul-e-Khumri",
                                    reports: [], tallies: [], citedSourceIDs: [])
        }
        #expect(try titles(database, "Khumri") == ["Kept"])

        // Each write deletes the outbox rows the index applied before it began.
        _ = try database.ingest(IngestItem(article: Fixtures.article("An unrelated dispatch.")))
        _ = try database.ingest(IngestItem(article: Fixtures.article("Another unrelated dispatch.")))
        #expect(try database.read { try $0.scalar("SELECT count(*) FROM search_outbox") } == 0)
        #expect(try database.integrityProblems() == [])
    }

    /// A full disk under the index does not fail the committed write: search lags, the failure
    /// shows, and the next catch-up after room returns indexes what was missed.
    @Test func failingIndex_keepsWritesAcknowledged_andCatchesUpLater() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        _ = try database.ingest(IngestItem(article: Fixtures.article("The garrison held.", title: "First")))
        try database.search.capPages(1)
        let long = String(repeating: "The garrison fought on through the night. ", count: 2_000)
        let second = try database.ingest(IngestItem(article: Fixtures.article(long, title: "Second")))
        #expect(!second.duplicate)
        #expect(try titles(database, "garrison") == ["First"])
        #expect(database.searchIndexFailure != nil)
        try database.search.capPages(1 << 30)
        _ = try database.ingest(IngestItem(article: Fixtures.article("An unrelated dispatch.")))
        #expect(try titles(database, "garrison") == ["First", "Second"])
        #expect(database.searchIndexFailure == nil)
        #expect(try database.integrityProblems() == [])
    }

    /// One writer per file (RELIABILITY.md case 28): the index attaches the database read-only,
    /// and readers attach the index read-only.
    @Test func indexCannotWriteTheDatabase_andReadersCannotWriteTheIndex() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let refused = { (error: any Error) in (error as? SQLiteError)?.resultCode == SQLITE_READONLY }
        #expect(performing: {
            try database.search.withConnection { try $0.run("INSERT INTO store.actors(id, name) VALUES ('x', 'y')") }
        }, throws: refused)
        #expect(performing: {
            try database.read { try $0.run("INSERT INTO search.search_state(key, value) VALUES ('x', 1)") }
        }, throws: refused)
    }

    /// What a crash between the database's commit and the index's leaves: rows the index has not
    /// seen. Written here behind the storage layer's back; the next open catches up.
    @Test func indexBehindTheDatabase_catchesUpAtOpen() throws {
        let temp = TempDatabase()
        try storeAndClose(temp, Fixtures.article("The garrison held the bridge.", title: "Old"))
        Fixtures.execute(temp.path, """
            INSERT INTO articles(content_hash, title, text, extractor_version, ingested_at, sort_key)
                VALUES ('h-new', 'New', 'The garrison crossed the river.', 'v', '2021-08-10T00:00:00Z', '2021-08-10');
            DELETE FROM articles WHERE title = 'Old';
            UPDATE articles SET keywords = 'Qala-e-Naw' WHERE title = 'New';
            """)
        let reopened = try Database(path: temp.path)
        #expect(try titles(reopened, "garrison") == ["New"])
        #expect(try titles(reopened, "Naw") == ["New"])
        #expect(try reopened.integrityProblems() == [])
    }

    @Test func missingOrForeignIndexFile_isRebuiltAtOpen() throws {
        let temp = TempDatabase()
        let other = TempDatabase()
        for (path, title) in [(temp.path, "Ours"), (other.path, "Theirs")] {
            let database = try Database(path: path)
            _ = try database.ingest(IngestItem(article: Fixtures.article("\(title): the garrison held.", title: title)))
            database.close()
        }
        // Another database's index beside ours.
        let ours = SearchIndex.path(forDatabase: temp.path)
        try FileManager.default.removeItem(atPath: ours)
        try FileManager.default.copyItem(atPath: SearchIndex.path(forDatabase: other.path), toPath: ours)
        do {
            let reopened = try Database(path: temp.path)
            #expect(try titles(reopened, "garrison") == ["Ours"])
            #expect(try reopened.integrityProblems() == [])
            reopened.close()
        }
        // No index at all.
        try FileManager.default.removeItem(atPath: ours)
        let rebuilt = try Database(path: temp.path)
        #expect(try titles(rebuilt, "garrison") == ["Ours"])
        #expect(try rebuilt.integrityProblems() == [])
    }

    /// A catch-up larger than one step commits step by step, and ends with every article.
    @Test func largeCatchUp_runsInSteps_andIndexesEverything() throws {
        let temp = TempDatabase()
        let configuration = StorageConfiguration(readerCount: 1).with { $0.searchStepArticles = 3 }
        do {
            let database = try Fixtures.open(temp, configuration: configuration)
            let items = (0..<10).map { IngestItem(article: Fixtures.article("Dispatch \($0): the garrison held.", title: "D\($0)")) }
            _ = try database.ingest(items, batchSize: 10)
            #expect(try titles(database, "garrison").count == 10)
            database.close()
        }
        try FileManager.default.removeItem(atPath: SearchIndex.path(forDatabase: temp.path))
        let rebuilt = try Database(path: temp.path, configuration: configuration)
        #expect(try titles(rebuilt, "garrison").count == 10)
        #expect(try rebuilt.integrityProblems() == [])
    }

    /// A search file that is not a database at all (overwritten, truncated) does not keep the
    /// database from opening: it is built again from the articles.
    @Test func unreadableIndexFile_isRebuiltAtOpen() throws {
        let temp = TempDatabase()
        try storeAndClose(temp, Fixtures.article("The garrison held.", title: "Kept"))
        let index = SearchIndex.path(forDatabase: temp.path)
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: index))
        let reopened = try Database(path: temp.path)
        #expect(try titles(reopened, "garrison") == ["Kept"])
        #expect(try reopened.integrityProblems() == [])
    }

    /// A backup holds no index; restored over the live file, the live index (which has seen
    /// later changes) is rebuilt instead of serving articles the restored copy never had.
    @Test func restoredBackup_rebuildsTheIndexItFinds() throws {
        let temp = TempDatabase()
        let copy = temp.file("copy.sqlite")
        do {
            let database = try Fixtures.open(temp)
            let early = try database.ingest(IngestItem(article: Fixtures.article("The garrison held.", title: "Early")))
            try database.backup(to: copy)
            _ = try database.ingest(IngestItem(article: Fixtures.article("The garrison left.", title: "Late")))
            try database.deleteArticle(id: early.articleID)
            #expect(try titles(database, "garrison") == ["Late"])
            database.close()
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temp.path + suffix) }
        try FileManager.default.copyItem(atPath: copy, toPath: temp.path)
        let restored = try Database(path: temp.path)
        #expect(try titles(restored, "garrison") == ["Early"])
        #expect(try restored.integrityProblems() == [])
    }
}
