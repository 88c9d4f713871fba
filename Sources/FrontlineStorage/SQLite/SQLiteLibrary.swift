import CSQLite

/// Process-wide settings of the SQLite library, applied once before the first connection opens
/// (`sqlite3_config` is refused once the library has initialised).
enum SQLiteLibrary {
    /// Whether the settings took effect (false if something initialised SQLite first).
    static let configured: Bool = {
        // Memory statistics take a process-wide mutex on every allocation; nothing here reads
        // them, and the ingest writer and the search index's thread contended for it.
        guard csqlite_disable_memory_statistics() == SQLITE_OK else { return false }
        // Per-thread caches of small blocks (Sources/CSQLite/allocator.h): this SQLite build
        // has no lookaside, so each statement mallocs and frees its cursors and records.
        return csqlite_use_thread_cache_allocator() == SQLITE_OK
    }()

    /// Whether SQLite allocates through the per-thread caches: they round a small request up to
    /// its 32-byte class, where SQLite's default allocator rounds to 8.
    static var usesThreadCacheAllocator: Bool {
        _ = configured
        guard let block = sqlite3_malloc(1) else { return false }
        defer { sqlite3_free(block) }
        return sqlite3_msize(block) == 32
    }
}
