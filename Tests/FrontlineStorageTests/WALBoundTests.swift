import Foundation
import Synchronization
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

@Suite struct WALBoundTests {
    static let limit = 200 * 8192

    /// Readers that never pause keep SQLite's PASSIVE checkpoint from ever starting the WAL
    /// again; the writer's TRUNCATE checkpoint past `walLimitBytes` keeps the file bounded
    /// (RELIABILITY.md case 28), and every write still lands.
    @Test func readersThatNeverPause_leaveTheWALBounded() throws {
        let temp = TempDatabase()
        let configuration = StorageConfiguration(readerCount: 3, walAutocheckpointBytes: 40 * 8192, walLimitBytes: Self.limit)
        let database = try Fixtures.open(temp, configuration: configuration)
        let stop = Atomic<Bool>(false)
        let reads = Atomic<Int>(0)
        let group = DispatchGroup()
        for _ in 0..<3 {
            // Threads of their own: the global queue's few threads may all be busy with other
            // suites' work, and readers that never run test nothing.
            group.enter()
            Thread {
                defer { group.leave() }
                while !stop.load(ordering: .acquiring) {
                    // A long-ish read: it holds its snapshot for a millisecond, and three of them
                    // overlap, so some reader always holds one.
                    _ = try? database.read { db in
                        let count = try db.scalar("SELECT count(*) FROM reports")
                        usleep(1_000)
                        return count
                    }
                    reads.add(1, ordering: .relaxed)
                }
            }.start()
        }
        var largestWAL = 0
        for n in 0..<400 {
            _ = try database.ingest(IngestItem(article: Fixtures.article("Bounded write \(n) reached the district centre."),
                                               reports: [Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-08")]))
            largestWAL = max(largestWAL, Self.size(temp.path + "-wal"))
        }
        stop.store(true, ordering: .releasing)
        group.wait()
        #expect(reads.load(ordering: .relaxed) > 400)
        // The limit, plus half of it for each try that found a reader too slow (a few at most),
        // in frames of a page and a header. Without the bound it passes 20 MB here.
        let pageSize = try database.pageSize()
        #expect(largestWAL <= 3 * (Self.limit / pageSize) * (pageSize + 24) + 32, "WAL reached \(largestWAL) bytes")
        #expect(database.walTruncations.done > 0)
        #expect(try database.read { try $0.scalar("SELECT count(*) FROM articles") } == 400)
        #expect(try database.integrityProblems().isEmpty)
    }

    private static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }
}
