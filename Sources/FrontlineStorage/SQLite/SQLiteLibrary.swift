import CSQLite

/// Process-wide settings of the SQLite library, applied once before the first connection opens
/// (`sqlite3_config` is refused once the library has initialised).
enum SQLiteLibrary {
    /// Whether the settings took effect (false if something initialised SQLite first).
    static let configured: Bool = {
        // Memory statistics take a process-wide mutex on every allocation; nothing here reads
        // them, and the ingest writer and the search index's thread contended for it.
        csqlite_disable_memory_statistics() == SQLITE_OK
    }()
}
