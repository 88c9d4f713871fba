import Foundation

/// Settings of a `Database`, with defaults suitable for the server.
public struct StorageConfiguration: Sendable {
    /// `PRAGMA synchronous` in WAL mode (https://sqlite.org/pragma.html#pragma_synchronous).
    public enum Synchronous: String, Sendable, CaseIterable {
        /// A committed transaction survives the process being killed; a power failure or OS crash
        /// may roll back the last transactions (never corrupts). The default.
        case normal
        /// Every commit fsyncs the WAL: nothing acknowledged is lost on power failure either.
        case full
    }

    public var synchronous: Synchronous
    /// Reader connections in the pool (default: cores + 1).
    public var readerCount: Int
    /// How long a connection waits for a lock before `SQLITE_BUSY` (ms).
    public var busyTimeoutMilliseconds: Int32
    /// Articles per transaction in bulk ingest (`Database.ingest(_:batchSize:)`). 10,000: an
    /// event a batch changes is written back, relinked and logged once per batch, and each
    /// commit writes every page the batch touched, so larger batches do less per article
    /// (100,000 articles, BENCHMARKS.md: +8% to +23% over 2,000 in five alternated pairs, 7% fewer
    /// instructions). A write arriving meanwhile does not wait for the whole batch: the batch
    /// commits early once it holds `bulkYieldArticles` (`Database.write`).
    public var batchSize: Int
    public static let defaultBatchSize = 10_000
    /// The batch sizes the configuration and the command line accept.
    public static let batchSizes = 1...100_000
    /// Articles a bulk batch stores before it gives way to a waiting `write` (a single POST,
    /// a deletion): it commits what it has and goes on in a new transaction after that write.
    /// 500 articles are about 0.1 s of work here, so a write waits at most that much more than
    /// the merge write-back of what the batch holds, and a steady stream of single writes
    /// still leaves bulk ingest batches of 500.
    public var bulkYieldArticles = 500
    /// WAL bytes after which the writer checkpoints (PASSIVE) on commit. About 40 MiB: a bulk load
    /// rewrites the same index pages batch after batch, and checkpointing every 4 MiB (SQLite's
    /// default of 1,000 pages of 4 KiB) copied them to the database file over and over.
    public var walAutocheckpointBytes: Int
    /// WAL bytes past which the writer empties the WAL (a TRUNCATE checkpoint, waiting briefly
    /// for older readers), since under reads that never pause the PASSIVE one never lets it
    /// start again (`WALBound`). 64 MiB, RELIABILITY.md case 28's bound, plus the last
    /// transaction, and 32 MiB more for each try a reader outlasts. Both are counted in bytes, not
    /// pages, so that a file's page size does not change them.
    public var walLimitBytes: Int
    /// Page cache per connection, in KiB.
    public var cacheSizeKiB: Int
    /// Page cache of the database's writer connection, in KiB. A bulk batch of 10,000 articles
    /// dirties more than 16 MiB of pages; SQLite then spills them to the WAL before the commit
    /// and writes many again. 64 MiB: 9% fewer bytes written over 100,000 articles, and ingest
    /// +3% in concurrent pairs (BENCHMARKS.md, eleventh session).
    public var writerCacheSizeKiB = 65_536
    /// Bytes past the end of the database file that a writer's helper thread puts into the OS
    /// page cache after each checkpoint, so the next checkpoint copies pages into memory that
    /// exists already (`FileTailWarmer`); 0 turns it off. 64 MiB: more than one bulk batch adds.
    public var warmAheadBytes = 64 << 20
    /// Page size of a database file created with this configuration (`PRAGMA page_size`); a file
    /// keeps the size it was created with, so one made before keeps 4 KiB pages. 8 KiB: a bulk
    /// load commits and checkpoints half as many pages (the WAL takes two writes per page) through
    /// B-trees a level shallower; 100,000 articles, BENCHMARKS.md (fourteenth session): median
    /// +5.3% over 4 KiB in eleven alternated pairs, with the same WAL bounds in bytes. SQLite
    /// ignores a size that is not a power of two from 512 to 65,536 (the file gets 4 KiB).
    public var pageSizeBytes = 8192
    /// Bytes of the file each connection reads through a memory map (`PRAGMA mmap_size`; 0 turns it
    /// off): pages are read in place instead of copied by a system call each time they leave the
    /// page cache, which dominated ingest once the file outgrew the cache.
    public var mmapSizeBytes: Int
    /// Articles indexed since the last full-text merge after which the search index merges
    /// itself (`Database.optimizeSearchIndex`), or a quarter of all articles if that is more:
    /// each catch-up adds an FTS5 segment, and every search and snippet seeks in every segment.
    public var searchOptimizeArticles = 20_000
    /// Articles the search index reads from the database per step of a catch-up (and at most
    /// 32 MiB of text): a rebuild of a large index commits as it goes instead of in one transaction.
    public var searchStepArticles = 10_000
    /// Events an ingest batch may leave in memory for the next batch (about 1 KiB each); a batch
    /// that touched more starts the next one empty.
    public var retainedEventLimit = 50_000
    /// Merging and control derivation settings.
    public var merge: MergeConfiguration
    /// The clock stamping `ingested_at`, `updated_at` and change rows (injectable for tests).
    public var clock: @Sendable () -> Date

    public init(
        synchronous: Synchronous = .normal,
        readerCount: Int = ProcessInfo.processInfo.activeProcessorCount + 1,
        busyTimeoutMilliseconds: Int32 = 5000,
        batchSize: Int = StorageConfiguration.defaultBatchSize,
        walAutocheckpointBytes: Int = 40 << 20,
        walLimitBytes: Int = 64 << 20,
        cacheSizeKiB: Int = 16384,
        mmapSizeBytes: Int = 1 << 30,
        merge: MergeConfiguration = MergeConfiguration(),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.synchronous = synchronous
        self.readerCount = max(1, readerCount)
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        self.batchSize = max(1, batchSize)
        self.walAutocheckpointBytes = walAutocheckpointBytes
        self.walLimitBytes = walLimitBytes
        self.cacheSizeKiB = cacheSizeKiB
        self.mmapSizeBytes = max(0, mmapSizeBytes)
        self.merge = merge
        self.clock = clock
    }

    /// A copy with one change applied (handy in tests).
    public func with(_ change: (inout StorageConfiguration) -> Void) -> StorageConfiguration {
        var copy = self
        change(&copy)
        return copy
    }
}

/// Settings of event merging and province control derivation (DESIGN.md §2 "Merging").
public struct MergeConfiguration: Sendable {
    /// Non-capture reports of the same type, place and actor join an event within this many days.
    public var windowDays: Int
    /// Provinces are `government` from this date (YYYY-MM-DD); before it, `unknown`. Events dated
    /// earlier fold into the state at this date.
    public var baselineDate: String
    /// The actor whose confirmed capture of a capital makes its province `taliban`.
    public var insurgentActorID: String
    /// Actors whose confirmed capture of a capital (a recapture) makes its province `government` again.
    public var governmentActorIDs: Set<String>

    public init(windowDays: Int = 3, baselineDate: String = "2021-08-01", insurgentActorID: String = "taliban",
                governmentActorIDs: Set<String> = ["afghan-forces"]) {
        self.windowDays = windowDays
        self.baselineDate = baselineDate
        self.insurgentActorID = insurgentActorID
        self.governmentActorIDs = governmentActorIDs
    }
}
