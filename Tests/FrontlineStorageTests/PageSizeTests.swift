import Foundation
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// A new file takes the configured page size; a file made before keeps its own, and the WAL
/// bound, counted in bytes, means the same size of WAL for either.
@Suite struct PageSizeTests {
    @Test func aNewFile_takesTheConfiguredPageSize_andAnOlderFileKeepsItsOwn() throws {
        let temp = TempDatabase()
        do {
            let older = try Fixtures.open(temp, configuration: StorageConfiguration(readerCount: 2).with { $0.pageSizeBytes = 4096 })
            _ = try older.ingest(IngestItem(article: Fixtures.article("Written with the pages of before.")))
            #expect(try older.pageSize() == 4096)
        }
        let reopened = try Fixtures.open(temp)
        #expect(StorageConfiguration().pageSizeBytes == 8192)
        #expect(try reopened.pageSize() == 4096)
        #expect(try reopened.read { try $0.scalar("SELECT count(*) FROM articles") } == 1)
        #expect(try reopened.integrityProblems().isEmpty)

        let fresh = TempDatabase()
        let database = try Fixtures.open(fresh)
        _ = try database.ingest(IngestItem(article: Fixtures.article("Written with the pages of now.")))
        #expect(try database.pageSize() == 8192)
        #expect(try database.integrityProblems().isEmpty)
    }

    @Test func theWALBound_countsBytes_whateverThePageSize() {
        let configuration = StorageConfiguration(walAutocheckpointBytes: 40 << 20, walLimitBytes: 64 << 20)
        let small = WALBound(configuration: configuration, pageSize: 4096)
        #expect((small.autocheckpointPages, small.limitPages) == (10_240, 16_384))
        let large = WALBound(configuration: configuration, pageSize: 8192)
        #expect((large.autocheckpointPages, large.limitPages) == (5_120, 8_192))
        // A limit below the checkpoint size is raised to it, as before.
        let inverted = WALBound(configuration: StorageConfiguration(walAutocheckpointBytes: 1 << 20, walLimitBytes: 1 << 10), pageSize: 8192)
        #expect((inverted.autocheckpointPages, inverted.limitPages) == (128, 128))
    }
}
