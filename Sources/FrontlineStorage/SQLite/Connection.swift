import CSQLite
import Foundation

/// One SQLite connection. Not thread-safe: a `Database` hands each connection to one thread at a
/// time, and a connection never escapes the closure it is lent to.
///
/// Query and store functions are extensions on this type (see `Stores/`), so several of them can
/// run inside one `read` (one snapshot) or one `write` (one transaction).
public final class Connection {
    let handle: OpaquePointer
    let isReadOnly: Bool
    /// The settings of the owning database (merge window, baseline, clock).
    let configuration: StorageConfiguration
    private var cache: [String: Statement] = [:]
    /// The same statements by the address of their SQL text's bytes (see `statement`).
    private var cacheByAddress: [UnsafeRawPointer: Statement] = [:]
    private var savepointDepth = 0
    /// Ids of new articles, reports and changes (see `nextID`).
    private var idMarks = IDMarks()
    /// Place and actor ids seen to exist (see `checkReference`).
    private var knownReferences = KnownReferences()
    /// Document counts of search phrases, for the searches this connection runs.
    var phraseCounts = PhraseDocumentCounts()
    /// The checkpoints after each commit (writers only; see `WALBound`).
    private(set) var walBound: WALBound?
    /// The last `now()`: its whole second and its text.
    private var lastNow: (second: Double, text: String)?

    /// - Parameter cacheSizeKiB: the page cache, when not `configuration.cacheSizeKiB` (the
    ///   database's writer holds a bulk batch's dirty pages).
    init(path: String, readOnly: Bool, queryOnly: Bool? = nil, configuration: StorageConfiguration,
         cacheSizeKiB: Int? = nil) throws {
        _ = SQLiteLibrary.configured
        var pointer: OpaquePointer?
        // NOMUTEX: the pool guarantees single-thread use, so SQLite's per-call mutex is waste.
        // URI: lets the search index attach the database read-only (`SearchIndex.readOnlyURI`).
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        let code = sqlite3_open_v2(path, &pointer, flags, nil)
        guard code == SQLITE_OK, let pointer else {
            let error = SQLiteError.last(pointer, code: code)
            sqlite3_close_v2(pointer)
            throw error
        }
        handle = pointer
        isReadOnly = readOnly
        self.configuration = configuration
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, configuration.busyTimeoutMilliseconds)
        // A throw from here on needs no close: every stored property is set, so Swift runs
        // `deinit`, which closes the handle (closing it here as well freed it twice).
        // bm25 with document counts given by the caller (`PhraseDocumentCounts`).
        let registered = csqlite_register_bm25(handle)
        guard registered == SQLITE_OK else { throw SQLiteError.last(handle, code: registered) }
        try execute("PRAGMA foreign_keys = ON")
        // https://sqlite.org/pragma.html#pragma_synchronous — in WAL mode NORMAL survives a
        // process crash (committed = in the WAL file), FULL also survives power loss (fsync per commit).
        try execute("PRAGMA synchronous = \(configuration.synchronous.rawValue.uppercased())")
        if queryOnly ?? readOnly { try execute("PRAGMA query_only = ON") }
        if !readOnly {
            // Takes effect only in a file that has no pages yet (in WAL mode SQLite ignores it after).
            try execute("PRAGMA page_size = \(configuration.pageSizeBytes)")
            try execute("PRAGMA journal_mode = WAL")
            let pageSize = Int(try scalar("PRAGMA page_size") ?? 4096)
            let bound = WALBound(configuration: configuration, pageSize: pageSize)
            bound.install(on: handle)
            bound.warmer = FileTailWarmer(path: path, aheadBytes: configuration.warmAheadBytes)
            walBound = bound
        }
        try execute("PRAGMA cache_size = -\(cacheSizeKiB ?? configuration.cacheSizeKiB)")
        try execute("PRAGMA mmap_size = \(configuration.mmapSizeBytes)")
        try execute("PRAGMA temp_store = MEMORY")
    }

    deinit {
        if walBound != nil { sqlite3_wal_hook(handle, nil, nil) }
        cacheByAddress.removeAll()
        cache.removeAll()
        sqlite3_close_v2(handle)
        // Its descriptor closes only now: closing it would release SQLite's locks on the file.
        walBound?.warmer?.close()
    }

    // MARK: - Executing SQL

    /// Runs one or more statements without arguments or results (schema, pragmas).
    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        if code != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_free(message)
            throw SQLiteError(resultCode: code, extendedCode: sqlite3_extended_errcode(handle), message: text, sql: sql)
        }
    }

    /// Returns the cached prepared statement for `sql`, preparing it on first use.
    ///
    /// Most SQL here is a string literal, whose bytes live at one address for the life of the
    /// process: looking it up by that address skips hashing a few hundred bytes per statement run
    /// (tens of lookups per ingested article). The text is still compared, which is immediate for
    /// the same literal, so a reused heap address or a copied small string falls back to the map
    /// keyed by text.
    func statement(_ sql: String) throws -> Statement {
        let address = sql.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
        if let address, let cached = cacheByAddress[address], cached.sql == sql { return cached }
        let statement: Statement
        if let cached = cache[sql] {
            statement = cached
        } else {
            statement = try Statement(connection: self, sql: sql)
            if cache.count > 256 {
                cache.removeAll()
                cacheByAddress.removeAll()
            }
            cache[sql] = statement
        }
        if let address { cacheByAddress[address] = statement }
        return statement
    }

    /// Runs one statement that returns no rows.
    func run(_ sql: String, _ arguments: [SQLValue] = []) throws {
        let statement = try statement(sql)
        try statement.bind(arguments)
        defer { statement.reset() }
        while try statement.step() {}
    }

    /// Runs one statement and calls `body` for each row.
    func query(_ sql: String, _ arguments: [SQLValue] = [], _ body: (Row) throws -> Void) throws {
        let statement = try statement(sql)
        try statement.bind(arguments)
        defer { statement.reset() }
        let row = Row(handle: statement.handle)
        while try statement.step() { try body(row) }
    }

    /// Maps every row of one statement.
    func all<T>(_ sql: String, _ arguments: [SQLValue] = [], _ map: (Row) throws -> T) throws -> [T] {
        var result: [T] = []
        try query(sql, arguments) { result.append(try map($0)) }
        return result
    }

    /// Maps the first row of one statement, if any.
    func one<T>(_ sql: String, _ arguments: [SQLValue] = [], _ map: (Row) throws -> T) throws -> T? {
        let statement = try statement(sql)
        try statement.bind(arguments)
        defer { statement.reset() }
        return try statement.step() ? try map(Row(handle: statement.handle)) : nil
    }

    /// The first column of the first row as an integer (nil for no row or NULL).
    func scalar(_ sql: String, _ arguments: [SQLValue] = []) throws -> Int64? {
        try one(sql, arguments) { $0.optionalInt64(0) } ?? nil
    }

    /// The configuration's clock as `Timestamp.string` writes it (to the second). The text is
    /// kept while the second lasts: an ingest batch stamps every article, and formatting the
    /// time each time was half a percent of its instructions.
    func now() -> String {
        let second = configuration.clock().timeIntervalSince1970.rounded(.down)
        if let lastNow, lastNow.second == second { return lastNow.text }
        let text = Timestamp.string(from: Date(timeIntervalSince1970: second))
        lastNow = (second, text)
        return text
    }

    /// The rowid of the last successful INSERT on this connection.
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    /// Rows changed by the last INSERT/UPDATE/DELETE.
    var changes: Int { Int(sqlite3_changes(handle)) }
    /// Rows changed by this connection since it opened (rollbacks do not lower it).
    var totalChanges: Int64 { sqlite3_total_changes64(handle) }
    /// Changes when another connection commits (`PRAGMA data_version`; this connection's own commits leave it).
    func commitsByOthers() throws -> Int64 { try scalar("PRAGMA data_version") ?? 0 }

    // MARK: - Transactions

    /// Runs `body` in a savepoint: rolled back to its start if `body` throws, released otherwise.
    /// Nested inside `Database.write`, it lets a batch keep good items when one fails.
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        // Prepared once per depth (an ingest batch opens one per article; `execute` would
        // compile the SQL every time).
        let sql = Self.savepointSQL(depth: savepointDepth)
        try run(sql.open)
        do {
            let value = try body()
            try run(sql.release)
            return value
        } catch {
            try? run(sql.rollback)
            try? run(sql.release)
            throw error
        }
    }

    private typealias SavepointSQL = (open: String, release: String, rollback: String)
    private static let savepointSQLs: [SavepointSQL] = (1...4).map(savepointSQL(named:))
    private static func savepointSQL(named depth: Int) -> SavepointSQL {
        ("SAVEPOINT sp\(depth)", "RELEASE sp\(depth)", "ROLLBACK TO sp\(depth)")
    }
    /// The same strings for the common depths, so the statement cache finds them by address.
    private static func savepointSQL(depth: Int) -> SavepointSQL {
        depth <= savepointSQLs.count ? savepointSQLs[depth - 1] : savepointSQL(named: depth)
    }

    /// Runs `body` in a transaction (`BEGIN IMMEDIATE` for writes), rolling back on any error.
    func transaction<T>(immediate: Bool, _ body: () throws -> T) throws -> T {
        try execute(immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED")
        idMarks.reset()
        do {
            let value = try body()
            try saveIDMarks()
            try execute("COMMIT")
            return value
        } catch {
            if sqlite3_get_autocommit(handle) == 0 { try? execute("ROLLBACK") }
            knownReferences.reset()
            throw error
        }
    }

    /// Refuses a report's place or actor id that names no row, as a foreign key would (the
    /// report columns have none since migration 10; see `KnownReferences`).
    func checkReference(_ id: String?, _ kind: KnownReferences.Kind) throws {
        try knownReferences.check(id, kind, in: self)
    }

    /// The id of the next article, report or change: one more than the highest ever given, so
    /// that the id of a deleted article or report is never given to another and the changes feed
    /// never repeats a number (what AUTOINCREMENT did before migration 9; see `IDMarks`). Call inside `Database.write`.
    func nextID(_ table: IDMarks.Table) throws -> Int64 {
        try idMarks.next(table, in: self)
    }

    /// Takes back the last id `nextID` gave for `table` when its row was not written.
    func giveBackID(_ table: IDMarks.Table, _ id: Int64) {
        idMarks.giveBack(table, id)
    }

    /// Writes the id marks of the open transaction back to `id_marks`, if they moved.
    /// `transaction` does so before it commits; a bulk ingest does it before it stamps the
    /// events it keeps for the next batch, since the write counts as a change (`EventCache.Stamp`).
    func saveIDMarks() throws {
        try idMarks.save(in: self)
    }
}
