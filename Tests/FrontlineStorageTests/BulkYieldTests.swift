import Foundation
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// A bulk batch holds the writer for seconds at the default size; a single write arriving
/// meanwhile makes it commit early (`StorageConfiguration.bulkYieldArticles`) instead of waiting.
@Suite struct BulkYieldTests {
    static let articles = 600

    static func open(_ temp: TempDatabase) throws -> Database {
        var configuration = StorageConfiguration(readerCount: 1)
        configuration.bulkYieldArticles = 10
        let database = try Database(path: temp.path, configuration: configuration)
        try database.write { db in
            try db.upsertPlaces(SyntheticData.places())
            try db.upsertActors(SyntheticData.actorsRecords())
            try db.upsertSources(SyntheticData.sources())
        }
        return database
    }

    @Test func singleWrite_getsInBeforeTheBulkBatchEnds_andTheBatchGoesOn() throws {
        var generator = SyntheticData(seed: 11)
        let items = (0..<Self.articles).map { generator.article($0) }
        let temp = TempDatabase()
        let database = try Self.open(temp)
        let started = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var bulk: [Result<IngestResult, any Error>] = []
        Thread {
            started.signal()
            bulk = (try? database.ingest(items, batchSize: Self.articles)) ?? []
            finished.signal()
        }.start()
        started.wait()
        // One batch of 600 articles takes seconds in a debug build; 50 ms puts this write inside it.
        Thread.sleep(forTimeInterval: 0.05)
        // Articles the bulk had committed when this write got the writer.
        let committedBefore = try database.write { db in
            try db.upsertSources([SourceRecord(id: "late-outlet", name: "Late Outlet", kind: "newspaper")])
            return try db.scalar("SELECT count(*) FROM articles") ?? 0
        }
        finished.wait()

        #expect(committedBefore > 0 && committedBefore < Int64(Self.articles), "the single write waited for the whole batch")
        #expect(database.yieldedChunks >= 1)
        #expect(bulk.count == Self.articles)
        #expect(bulk.allSatisfy { (try? $0.get()) != nil })
        #expect(try database.read { try $0.scalar("SELECT count(*) FROM articles") } == Int64(Self.articles))
        #expect(try database.read { try $0.source(id: "late-outlet") } != nil)

        // The batch cut in two stores what one uninterrupted batch stores.
        let other = TempDatabase()
        let reference = try Self.open(other)
        _ = try reference.ingest(items, batchSize: Self.articles)
        #expect(reference.yieldedChunks == 0)
        #expect(try IncrementalMergeTests.snapshot(database) == IncrementalMergeTests.snapshot(reference))
    }
}
