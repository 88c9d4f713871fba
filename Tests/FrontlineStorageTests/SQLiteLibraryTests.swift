import CSQLite
import Foundation
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// SQLite's memory statistics are off and its allocator is the per-thread block cache
/// (`Sources/CSQLite/allocator.h`) once this module configured the library (`SQLiteLibrary`).
/// In this test process another test may open SQLite directly first, in which case the settings
/// cannot apply and those checks are moot; the allocator's behaviour is checked through SQLite's
/// own allocation API either way.
@Suite struct SQLiteLibraryTests {
    @Test func memoryStatistics_areOffWhenConfigured() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        _ = try database.ingest(IngestItem(article: Fixtures.article("Something to allocate for.")))
        #expect(database.sqliteMemoryStatistics == !SQLiteLibrary.configured)
        if SQLiteLibrary.configured { #expect(sqlite3_memory_used() == 0) }
    }

    @Test func threadCacheAllocator_isInstalledWhenConfigured() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        #expect(database.sqliteThreadCacheAllocator == SQLiteLibrary.configured)
    }

    /// Blocks of every size class and beyond keep their contents through growth and shrinking,
    /// report at least the size asked for, and may be freed on another thread than the one that
    /// allocated them (they join that thread's cache), while threads come and go.
    @Test func allocator_keepsContents_acrossSizesReallocsAndThreads() async throws {
        _ = SQLiteLibrary.configured
        let sizes = [1, 7, 31, 32, 33, 200, 511, 1_000, 1_023, 1_024, 1_025, 4_096, 70_000]
        // Each round's tasks allocate, fill, grow, shrink and check blocks, and hand half of
        // them to the next round's tasks, which check them again and free them.
        var handedOver: [Block] = []
        for round in 0..<4 {
            let incoming = handedOver
            handedOver = try await withThrowingTaskGroup(of: [Block].self) { group in
                for worker in 0..<4 {
                    let foreign = incoming.enumerated().filter { $0.offset % 4 == worker }.map(\.element)
                    group.addTask {
                        try await Task.detached { try Self.exercise(sizes: sizes, seed: round * 10 + worker, freeing: foreign) }.value
                    }
                }
                var all: [Block] = []
                for try await blocks in group { all += blocks }
                return all
            }
        }
        for block in handedOver { try block.checkAndFree() }
    }

    /// Threads that allocate, cache freed blocks and exit hand their caches back (the
    /// allocator's thread-exit destructor), while other threads go on allocating.
    @Test func allocator_survivesThreadsExitingWithCachedBlocks() throws {
        _ = SQLiteLibrary.configured
        let done = DispatchSemaphore(value: 0)
        let threads = 8
        for index in 0..<threads {
            let thread = Thread {
                // Blocks of several classes, freed on this thread so that its lists hold them.
                let blocks = (0..<200).compactMap { sqlite3_malloc64(sqlite3_uint64(16 + ($0 * 37 + index) % 1_000)) }
                for block in blocks { sqlite3_free(block) }
                done.signal()
            }
            thread.start()
        }
        for _ in 0..<threads { #expect(done.wait(timeout: .now() + 30) == .success) }
        // Let the threads finish exiting (their destructors run after the closures return).
        Thread.sleep(forTimeInterval: 0.2)
        let block = try #require(sqlite3_malloc64(100))
        #expect(Int(sqlite3_msize(block)) >= 100)
        sqlite3_free(block)
    }

    /// A block left for another thread to check and free.
    private struct Block: Sendable {
        let address: Int
        let count: Int
        let pattern: UInt8

        func checkAndFree() throws {
            let pointer = try #require(UnsafeMutableRawPointer(bitPattern: address))
            #expect(Int(sqlite3_msize(pointer)) >= count)
            #expect(SQLiteLibraryTests.matches(pointer, count: count, pattern: pattern))
            sqlite3_free(pointer)
        }
    }

    private static func exercise(sizes: [Int], seed: Int, freeing foreign: [Block]) throws -> [Block] {
        for block in foreign { try block.checkAndFree() }
        var kept: [Block] = []
        for (index, size) in sizes.enumerated() {
            for copy in 0..<10 {
                let pattern = UInt8(truncatingIfNeeded: seed &* 31 &+ index &* 7 &+ copy)
                var pointer = try #require(sqlite3_malloc64(sqlite3_uint64(size)))
                #expect(Int(sqlite3_msize(pointer)) >= size)
                pointer.initializeMemory(as: UInt8.self, repeating: pattern, count: size)
                // Grow to three times, then shrink to a third, checking the kept prefix each time.
                pointer = try #require(sqlite3_realloc64(pointer, sqlite3_uint64(size * 3)))
                #expect(Int(sqlite3_msize(pointer)) >= size * 3)
                #expect(matches(pointer, count: size, pattern: pattern))
                let small = max(1, size / 3)
                pointer = try #require(sqlite3_realloc64(pointer, sqlite3_uint64(small)))
                #expect(Int(sqlite3_msize(pointer)) >= small)
                #expect(matches(pointer, count: small, pattern: pattern))
                if copy % 2 == 0 {
                    sqlite3_free(pointer)
                } else {
                    kept.append(Block(address: Int(bitPattern: pointer), count: small, pattern: pattern))
                }
            }
        }
        return kept
    }

    static func matches(_ pointer: UnsafeMutableRawPointer, count: Int, pattern: UInt8) -> Bool {
        let bytes = pointer.assumingMemoryBound(to: UInt8.self)
        return (0..<count).allSatisfy { bytes[$0] == pattern }
    }
}
