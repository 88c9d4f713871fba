import CSQLite
import Foundation
import Synchronization

/// The SQLite database: one writer connection and a pool of read-only connections, in WAL mode
/// (GRDB's `DatabasePool` model). Reads never wait behind a write; writes are serialised.
///
/// Only the writer connection writes or checkpoints: Debian's SQLite 3.40.1 has a WAL-reset bug
/// that needs two connections writing or checkpointing at once (RELIABILITY.md case 28). Readers
/// are opened `SQLITE_OPEN_READONLY` and are closed before the writer, so they never checkpoint.
///
/// The full-text index lives in a file of its own, written by its own thread (`SearchIndex`);
/// readers attach it as `search`, so queries name `articles_fts` as if it were here.
///
/// `@unchecked Sendable`: every connection is used by one thread at a time — the writer under
/// `writerLock`, each reader between `acquire` (semaphore + `poolLock`) and `release`.
public final class Database: @unchecked Sendable {
    /// The database file path.
    public let path: String
    /// `sqlite_version()` of the linked library (log it at start).
    public let sqliteVersion: String
    public let configuration: StorageConfiguration

    private let writer: Connection
    private let writerLock = NSLock()
    /// The events the last ingest batch left in memory (see `Database.ingest(_:batchSize:)`);
    /// used only under `writerLock`, dropped when a write fails.
    var retainedEvents: EventCache?
    /// Ingest chunks rolled back and run again item by item because an item failed (a fault
    /// in the batch path itself shows here too, since the slow path repeats it correctly).
    var retriedChunks = 0
    /// Bulk ingest chunks that committed early to let a waiting `write` in.
    var yieldedChunks = 0
    /// `write` calls waiting for `writerLock`: a bulk chunk that sees one commits early (it
    /// would otherwise hold the writer for its whole batch, seconds at the default size).
    private let waitingWrites = Atomic<Int>(0)
    /// Whether a `write` is waiting for the writer (read by bulk ingest between articles).
    var writeIsWaiting: Bool { waitingWrites.load(ordering: .relaxed) > 0 }
    /// The full-text index, in its own file and on its own thread.
    let search: SearchIndex
    /// Outbox rows up to here are deleted (see `SearchIndex`); used only under `writerLock`.
    private var outboxCleared: Int64 = 0
    private var readers: [Connection]
    private let poolLock = NSLock()
    private let available: DispatchSemaphore
    private var isClosed = false

    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    /// - Throws: `StorageError.databaseTooNew` for a file written by a newer binary; `SQLiteError`.
    public init(path: String, configuration: StorageConfiguration = StorageConfiguration()) throws {
        self.path = path
        self.configuration = configuration
        writer = try Connection(path: path, readOnly: false, configuration: configuration,
                                cacheSizeKiB: configuration.writerCacheSizeKiB)
        sqliteVersion = try writer.one("SELECT sqlite_version()") { $0.string(0) } ?? "?"
        try Migrations.apply(to: writer)
        search = try SearchIndex(databasePath: path, configuration: configuration)
        var pool: [Connection] = []
        for _ in 0..<configuration.readerCount {
            let reader = try Connection(path: path, readOnly: true, configuration: configuration)
            try reader.run("ATTACH DATABASE ? AS search", [.text(search.path)])
            // The attached file has its own page cache and map (these pragmas are per schema).
            try reader.execute("PRAGMA search.cache_size = -\(configuration.cacheSizeKiB)")
            try reader.execute("PRAGMA search.mmap_size = \(configuration.mmapSizeBytes)")
            pool.append(reader)
        }
        readers = pool
        available = DispatchSemaphore(value: configuration.readerCount)
    }

    deinit { close() }

    /// Closes every connection: readers first, so that the writer is the one that checkpoints
    /// (the search index's own writer does so for its file).
    public func close() {
        poolLock.lock()
        defer { poolLock.unlock() }
        guard !isClosed else { return }
        isClosed = true
        readers.removeAll()
        search.close()
        writerLock.lock()
        defer { writerLock.unlock() }
        try? writer.execute("PRAGMA optimize")
    }

    /// Runs `body` on a reader connection inside one read transaction: every query in it sees the
    /// same snapshot, unaffected by concurrent writes.
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        available.wait()
        poolLock.lock()
        guard !isClosed, let connection = readers.popLast() else {
            poolLock.unlock()
            available.signal()
            throw StorageError.closed
        }
        poolLock.unlock()
        defer {
            poolLock.lock()
            if !isClosed { readers.append(connection) }
            poolLock.unlock()
            available.signal()
        }
        return try connection.transaction(immediate: false) { try body(connection) }
    }

    /// Runs `body` on the single writer connection in one `BEGIN IMMEDIATE` transaction, rolled
    /// back if it throws. Do not call `write` from inside `write` (it would deadlock).
    ///
    /// Returns once the search index has caught up with the commit, so the caller's new or
    /// changed articles are searchable. A failure of the index does not fail the committed write:
    /// search lags until a later catch-up succeeds (`integrityProblems` reports it).
    ///
    /// A bulk ingest in progress gives way: its current batch commits early (see
    /// `StorageConfiguration.bulkYieldArticles`) and goes on after this write.
    public func write<T>(_ body: (Connection) throws -> T) throws -> T {
        let value = try writeLeavingSearch(announced: true, body)
        search.catchUpNow()
        return value
    }

    /// `write` without waiting for the search index (bulk ingest waits once, after its last
    /// batch). An `announced` caller counts in `writeIsWaiting` until it holds the writer.
    func writeLeavingSearch<T>(announced: Bool = false, _ body: (Connection) throws -> T) throws -> T {
        if announced {
            waitingWrites.add(1, ordering: .relaxed)
            writerLock.lock()
            waitingWrites.subtract(1, ordering: .relaxed)
        } else {
            writerLock.lock()
        }
        defer { writerLock.unlock() }
        guard !isClosed else { throw StorageError.closed }
        do {
            let applied = search.appliedOutbox
            let value = try writer.transaction(immediate: true) {
                let value = try body(writer)
                // Outbox rows the index has applied are of no further use.
                if applied > outboxCleared {
                    try writer.run("DELETE FROM search_outbox WHERE seq <= ?", [.integer(applied)])
                }
                return value
            }
            outboxCleared = max(outboxCleared, applied)
            return value
        } catch {
            // Rolled back: events kept in memory may hold what the rollback undid.
            retainedEvents = nil
            throw error
        }
    }

    /// Merges the full-text index into one segment (FTS5 `optimize`). The index does so itself
    /// as it grows (`StorageConfiguration.searchOptimizeArticles`); it rewrites the whole index
    /// (about 1 s per 100,000 articles), on the index's thread.
    public func optimizeSearchIndex() throws { try search.optimize() }

    /// The search index's file (see `SearchIndex`).
    public var searchIndexPath: String { search.path }

    /// Whether SQLite keeps memory statistics (off when this module configured the library
    /// before anything else opened SQLite; see `SQLiteLibrary`). Observed, not assumed: with
    /// statistics off SQLite reports no memory in use, and this database's connections use some.
    public var sqliteMemoryStatistics: Bool { sqlite3_memory_used() > 0 }

    /// Whether SQLite allocates through this module's per-thread block caches (see
    /// `SQLiteLibrary`); false when something else initialised SQLite first.
    public var sqliteThreadCacheAllocator: Bool { SQLiteLibrary.usesThreadCacheAllocator }

    /// Why the search index's last catch-up failed (a full disk, an I/O error), or nil: while
    /// it fails, search lags behind the committed articles (`/metrics` shows it).
    public var searchIndexFailure: String? { search.lastFailure }

    /// Everything `frontline check` checks: the database (`Connection.integrityProblems`) and the
    /// search index (`SearchIndex.integrityProblems`); empty when both are sound.
    public func integrityProblems() throws -> [String] {
        try write { try $0.integrityProblems() } + search.integrityProblems()
    }

    /// Runs `body` with the writer's statements timed (`StatementProfile`), for benchmarks.
    func profilingWrites<T>(_ body: () throws -> T) rethrows -> (T, [StatementProfile.Entry]) {
        let profile = StatementProfile()
        writerLock.withLock { writer.profile(into: profile) }
        defer { writerLock.withLock { writer.profile(into: nil) } }
        let value = try body()
        return (value, profile.report)
    }

    /// Caps the database file at `pages` pages (`PRAGMA max_page_count` on the writer): writes
    /// that need more fail with `SQLITE_FULL`, exactly as on a full disk. For quotas and for
    /// fault-injection tests. Returns the cap now in force (never below the current size).
    @discardableResult
    public func capPages(_ pages: Int) throws -> Int {
        writerLock.lock()
        defer { writerLock.unlock() }
        // PRAGMA takes no bound parameters; the value is an integer we format.
        return Int(try writer.scalar("PRAGMA max_page_count = \(max(1, pages))") ?? 0)
    }

    /// Pages the database file holds now.
    public func pageCount() throws -> Int { Int(try read { try $0.scalar("PRAGMA page_count") } ?? 0) }

    /// Bytes per page of the database file (`StorageConfiguration.pageSizeBytes` when it was created).
    public func pageSize() throws -> Int { Int(try read { try $0.scalar("PRAGMA page_size") } ?? 0) }

    /// Pages inside the file free for reuse (`PRAGMA freelist_count`): under `capPages`, writes
    /// fill these before they fail.
    public func freePages() throws -> Int { Int(try read { try $0.scalar("PRAGMA main.freelist_count") } ?? 0) }

    /// The writer's WAL checkpoints past `walLimitBytes` (see `WALBound`): those that emptied
    /// the WAL, and those that gave up waiting for a reader's snapshot.
    public var walTruncations: (done: Int, deferred: Int) {
        writerLock.lock()
        defer { writerLock.unlock() }
        return (writer.walBound?.truncations ?? 0, writer.walBound?.truncationsDeferred ?? 0)
    }

    /// Runs a checkpoint on the writer (`TRUNCATE` resets the WAL file to zero bytes).
    public func checkpoint(truncate: Bool = true) throws {
        writerLock.lock()
        defer { writerLock.unlock() }
        try writer.execute("PRAGMA wal_checkpoint(\(truncate ? "TRUNCATE" : "PASSIVE"))")
    }

    /// Writes a consistent copy of the live database to `destination` (`VACUUM INTO`), without
    /// blocking writers for longer than the copy's read snapshot requires. The search index is
    /// not copied: it is derived from the articles, and the copy builds its own when first opened.
    public func backup(to destination: String) throws {
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw StorageError.invalidArgument("backup destination exists: \(destination)")
        }
        // A private read-only connection: VACUUM INTO reads one snapshot of the source and writes
        // only the new file, so the single-writer rule holds and writers keep going meanwhile.
        let connection = try Connection(path: path, readOnly: true, queryOnly: false, configuration: configuration)
        try connection.run("VACUUM INTO ?", [.text(destination)])
    }
}
