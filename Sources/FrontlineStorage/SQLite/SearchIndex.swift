import CSQLite
import Foundation

/// The full-text index of articles (FTS5 over title, text and keywords), in its own SQLite file
/// beside the database (`<database>-search`), written only by this type on its own thread.
///
/// Indexing text is a sixth of ingest's work (tokenising, stemming, merging segments). In the
/// database file it ran inside every ingest transaction, on the one writer thread; here it runs
/// on another core while ingest goes on with the next batch. The index is derived data: it
/// follows the database's committed state and never holds anything the database lacks.
///
/// - New articles are found by id: ids only grow (`AUTOINCREMENT`), so the index records the
///   last id it has read (`indexed_through`) and reads the articles after it.
/// - Deleted articles and changed text come through the database's `search_outbox` (migration
///   7's triggers); the index records the last outbox row it applied, in the same transaction as
///   the change, and the writer deletes the applied rows later (`Database.write`).
///
/// So a crash between the database's commit and the index's loses nothing: the index catches up
/// when the database next opens. A file that belongs to another database (`meta.database_id`)
/// or to a later state of this one (a restored backup) is rebuilt from the articles.
///
/// After each commit, a write catches the index up before it returns (`catchUpNow`), so a
/// caller reads its own writes in search results; bulk ingest asks for a catch-up after each
/// batch (`request`) and waits only once, after its last (`wait`).
///
/// `@unchecked Sendable`: `connection` and the merge counters are used only on `queue`; the
/// request counters and `failure` only under `state`.
final class SearchIndex: @unchecked Sendable {
    /// Version of the search file's schema; a file with another is rebuilt (it is derived data).
    static let schemaVersion: Int64 = 1

    /// Where the index of the database at `databasePath` lives.
    static func path(forDatabase databasePath: String) -> String { databasePath + "-search" }

    let path: String
    private let configuration: StorageConfiguration
    /// Read-write on the search file, with the database attached read-only as `store`.
    private var connection: Connection?
    private let queue = DispatchQueue(label: "frontline.search-index")
    private let state = NSCondition()
    private var requested = 0
    private var completed = 0
    /// The last outbox row the index has committed (the writer may delete rows up to it).
    private var outboxApplied: Int64 = 0
    /// Why the last catch-up failed (nil after one succeeds): search lags until the next.
    private var failure: String?
    /// Articles indexed since the last `optimize`.
    private var sinceOptimize = 0
    /// Merges `optimizeIfDue` has run (tests read it through `automaticMerges`).
    private var mergesRun = 0

    /// Opens (creating or rebuilding if needed) the index of the database at `databasePath` and
    /// brings it up to the database's last commit before returning.
    ///
    /// A search file SQLite cannot read (damaged, or not a database) is derived data: it is
    /// deleted and built again from the articles rather than keeping the database from opening.
    init(databasePath: String, configuration: StorageConfiguration) throws {
        path = Self.path(forDatabase: databasePath)
        self.configuration = configuration
        let connection: Connection
        do {
            connection = try Self.open(path, databasePath: databasePath, configuration: configuration)
        } catch let error as SQLiteError where error.resultCode == SQLITE_CORRUPT || error.resultCode == SQLITE_NOTADB {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            connection = try Self.open(path, databasePath: databasePath, configuration: configuration)
        }
        outboxApplied = try sync(connection)
        self.connection = connection
    }

    private static func open(_ path: String, databasePath: String, configuration: StorageConfiguration) throws -> Connection {
        // No `FileTailWarmer`: this connection's thread already has the second core, which a
        // warmer would share with it and delay the end of a bulk ingest instead of speeding it.
        let connection = try Connection(path: path, readOnly: false, configuration: configuration.with { $0.warmAheadBytes = 0 })
        if try connection.scalar("PRAGMA user_version") != schemaVersion {
            try connection.transaction(immediate: true) { try create(in: connection) }
        }
        try connection.run("ATTACH DATABASE ? AS store", [.text(readOnlyURI(databasePath))])
        // Reads a page of every table, so damage that spares the header still shows here.
        _ = try connection.scalar("SELECT count(*) FROM search_state")
        _ = try connection.scalar("SELECT count(*) FROM articles_fts_config")
        return connection
    }

    /// Schedules a catch-up with the database's committed state. Call after each commit that
    /// may have changed articles; pass the ticket to `wait` to see the change searchable.
    func request() -> Int {
        let ticket = nextTicket()
        queue.async { self.catchUp(through: ticket) }
        return ticket
    }

    /// Catches up now, on the calling thread when the index is idle (`DispatchQueue.sync` runs
    /// the block there), and returns when done: a single write's wait without a thread hop.
    func catchUpNow() {
        let ticket = nextTicket()
        queue.sync { catchUp(through: ticket) }
    }

    private func nextTicket() -> Int {
        state.lock()
        defer { state.unlock() }
        requested += 1
        return requested
    }

    /// Blocks until the catch-up of `ticket` (and every earlier one) has run.
    func wait(for ticket: Int) {
        state.lock()
        while completed < ticket { state.wait() }
        state.unlock()
    }

    /// The last outbox row the index has committed.
    var appliedOutbox: Int64 {
        state.lock()
        defer { state.unlock() }
        return outboxApplied
    }

    /// Runs `body` on the index's connection, on its thread (after the catch-ups queued before).
    func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        try queue.sync {
            guard let connection else { throw StorageError.closed }
            return try body(connection)
        }
    }

    /// Merges the index into one segment (FTS5 `optimize`), after catching up.
    func optimize() throws {
        try withConnection { connection in
            publish(applied: try sync(connection))
            try connection.execute("INSERT INTO articles_fts(articles_fts) VALUES('optimize')")
            sinceOptimize = 0
        }
    }

    /// Catches up, then checks the search file (`integrity_check`, FTS5's own check against its
    /// content) and that it holds exactly the database's articles with their current text.
    func integrityProblems() throws -> [String] {
        try withConnection { connection in
            var problems: [String] = []
            do { publish(applied: try sync(connection)) } catch { problems.append("search index: catch-up failed: \(error)") }
            problems += try connection.all("PRAGMA main.integrity_check") { $0.string(0) }.filter { $0 != "ok" }
                .map { "search index: \($0)" }
            do {
                // https://sqlite.org/fts5.html#the_integrity_check_command
                try connection.run("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
            } catch let error as SQLiteError {
                problems.append("search index: \(error.message)")
            }
            let missing = try connection.scalar("""
                SELECT count(*) FROM store.articles WHERE id NOT IN (SELECT id FROM articles_fts_docsize)
                """) ?? 0
            let extra = try connection.scalar("""
                SELECT count(*) FROM articles_fts_docsize WHERE id NOT IN (SELECT id FROM store.articles)
                """) ?? 0
            let stale = try connection.scalar("""
                SELECT count(*) FROM articles_fts_content c JOIN store.articles a ON a.id = c.id
                WHERE c.c0 IS NOT a.title OR c.c1 IS NOT a.text OR c.c2 IS NOT a.keywords
                """) ?? 0
            if missing > 0 { problems.append("search index: \(missing) articles not indexed") }
            if extra > 0 { problems.append("search index: \(extra) indexed articles no longer stored") }
            if stale > 0 { problems.append("search index: \(stale) articles indexed with other text") }
            return problems
        }
    }

    /// Caps the search file at `pages` pages, as `Database.capPages` does the database (a full
    /// disk, for fault-injection tests).
    func capPages(_ pages: Int) throws {
        try withConnection { connection in
            _ = try connection.scalar("PRAGMA main.max_page_count = \(max(1, pages))")
        }
    }

    /// Runs the catch-ups already requested, then closes the search file.
    func close() {
        queue.sync { connection = nil }
    }

    // MARK: - Catching up

    private func catchUp(through ticket: Int) {
        state.lock()
        // One catch-up serves every request made before it reads the database.
        let target = requested
        let done = completed >= ticket
        state.unlock()
        guard !done else { return }
        var applied: Int64?
        var message: String?
        if let connection {
            do {
                applied = try sync(connection)
            } catch {
                // The database's commit stands; the index lags until a later catch-up succeeds.
                message = "\(error)"
            }
        }
        state.lock()
        completed = max(completed, target)
        if let applied { outboxApplied = max(outboxApplied, applied) }
        failure = message
        state.broadcast()
        state.unlock()
        // After the waiters are released: a merge changes no result, and takes about 1 s per
        // 100,000 articles. A failed merge leaves the index correct, only less merged.
        if let connection, message == nil { try? optimizeIfDue(connection) }
    }

    /// Makes the outbox rows up to `applied` deletable by the writer.
    private func publish(applied: Int64) {
        state.lock()
        outboxApplied = max(outboxApplied, applied)
        state.unlock()
    }

    /// The last catch-up's failure, if it failed.
    var lastFailure: String? {
        state.lock()
        defer { state.unlock() }
        return failure
    }

    /// What one step of a catch-up read from the database: title, text and keywords of new
    /// articles, and of changed ones (`nil`: the article is gone).
    private struct Step {
        var recorded: [String: Int64]
        var state: [String: Int64]
        var rebuild: Bool
        var fresh: [(id: Int64, content: [SQLValue])] = []
        var changed: [(id: Int64, content: [SQLValue]?)] = []
        var done: Bool
    }

    /// Text read per step at most (with `StorageConfiguration.searchStepArticles`): bounds the
    /// memory a large catch-up (a rebuild) holds at once.
    static let stepBytes = 32 << 20

    /// Brings the index up to the database's committed state; returns the last outbox row
    /// applied. Each step reads from the database in a short read transaction, then writes the
    /// search file in its own: a read held open during the indexing would keep the database's
    /// writer from resetting its WAL.
    private func sync(_ db: Connection) throws -> Int64 {
        while true {
            let step = try db.transaction(immediate: false) { try read(db) }
            if step.state != step.recorded {
                try db.transaction(immediate: true) { try apply(step, db) }
            }
            if step.done { return step.state["outbox_applied", default: 0] }
        }
    }

    /// Reads one step: new articles after `indexed_through` up to `stepBytes` of text; once none
    /// are left, the articles of the outbox rows not yet applied. Call inside a read transaction
    /// (every read of `store` sees one snapshot of the database).
    private func read(_ db: Connection) throws -> Step {
        var recorded: [String: Int64] = [:]
        try db.query("SELECT key, value FROM search_state") { recorded[$0.string(0)] = $0.int64(1) }
        let databaseID = try db.scalar("SELECT value FROM store.meta WHERE key = 'database_id'") ?? 0
        let lastArticle = try db.scalar(IDMarks.Table.articles.highestIDSQLInStore) ?? 0
        let lastChange = try db.scalar(IDMarks.Table.changes.highestIDSQLInStore) ?? 0
        let lastOutbox = try db.scalar("SELECT seq FROM store.sqlite_sequence WHERE name = 'search_outbox'") ?? 0
        // Another database, or an earlier state of this one: start again from its articles.
        let rebuild = recorded["database_id"].map({ $0 != databaseID }) ?? !recorded.isEmpty
            || recorded["last_change", default: 0] > lastChange || recorded["indexed_through", default: 0] > lastArticle
            || recorded["outbox_applied", default: 0] > lastOutbox
        let current = rebuild ? [:] : recorded
        let through = current["indexed_through", default: 0]
        var step = Step(recorded: recorded, state: current, rebuild: rebuild, done: true)
        step.state["database_id"] = databaseID
        step.state["last_change"] = lastChange
        var upTo = lastArticle
        var bytes = 0
        var rows = 0
        try db.query("""
            SELECT id, title, text, keywords, length(CAST(text AS BLOB)) FROM store.articles
            WHERE id > ? AND id <= ? ORDER BY id LIMIT ?
            """, [.integer(through), .integer(lastArticle), .integer(Int64(configuration.searchStepArticles))]) { row in
            rows += 1
            guard step.done else { return }
            let id = row.int64(0)
            step.fresh.append((id, [SQLValue(row.optionalString(1)), .text(row.string(2)), .text(row.string(3))]))
            bytes += Int(row.int64(4))
            if bytes >= Self.stepBytes || rows == configuration.searchStepArticles, id < lastArticle {
                upTo = id
                step.done = false
            }
        }
        step.state["indexed_through"] = max(through, upTo)
        step.state["outbox_applied"] = current["outbox_applied", default: 0]
        guard step.done else { return step }
        var applied = current["outbox_applied", default: 0]
        var changed: Set<Int64> = []
        try db.query("SELECT seq, article_id FROM store.search_outbox WHERE seq > ? ORDER BY seq", [.integer(applied)]) {
            applied = $0.int64(0)
            changed.insert($0.int64(1))
        }
        step.state["outbox_applied"] = applied
        // Articles after `through` were read above with their current text.
        for id in changed.sorted() where id <= through {
            let content = try db.one("SELECT title, text, keywords FROM store.articles WHERE id = ?", [.integer(id)]) {
                [SQLValue($0.optionalString(0)), .text($0.string(1)), .text($0.string(2))]
            }
            step.changed.append((id, content))
        }
        return step
    }

    /// Writes one step to the search file. Call inside a write transaction.
    private func apply(_ step: Step, _ db: Connection) throws {
        let insert = "INSERT INTO articles_fts(rowid, title, text, keywords) VALUES (?, ?, ?, ?)"
        if step.rebuild { try Self.create(in: db) }
        for (id, content) in step.fresh { try db.run(insert, [.integer(id)] + content) }
        sinceOptimize += step.fresh.count
        for (id, content) in step.changed {
            try db.run("DELETE FROM articles_fts WHERE rowid = ?", [.integer(id)])
            if let content { try db.run(insert, [.integer(id)] + content) }
        }
        try db.run("""
            INSERT OR REPLACE INTO search_state(key, value)
            VALUES ('database_id', ?), ('indexed_through', ?), ('outbox_applied', ?), ('last_change', ?)
            """, [.integer(step.state["database_id", default: 0]), .integer(step.state["indexed_through", default: 0]),
                  .integer(step.state["outbox_applied", default: 0]), .integer(step.state["last_change", default: 0])])
    }

    /// Merges the index once `StorageConfiguration.searchOptimizeArticles` articles entered it
    /// since the last merge, or a quarter of all articles if that is more (so the total merge
    /// work stays proportional to the index): each catch-up adds an FTS5 segment, and every
    /// search and snippet seeks in every segment.
    private func optimizeIfDue(_ db: Connection) throws {
        guard sinceOptimize >= configuration.searchOptimizeArticles else { return }
        let total = Int(try db.scalar("SELECT value FROM search_state WHERE key = 'indexed_through'") ?? 0)
        guard sinceOptimize >= max(configuration.searchOptimizeArticles, total / 4) else { return }
        try db.execute("INSERT INTO articles_fts(articles_fts) VALUES('optimize')")
        sinceOptimize = 0
        mergesRun += 1
    }

    /// Merges the index has run by itself since it opened.
    var automaticMerges: Int { queue.sync { mergesRun } }

    /// (Re)creates the search file's tables, empty. Call inside a transaction.
    private static func create(in db: Connection) throws {
        try db.execute("""
            DROP TABLE IF EXISTS articles_fts;
            DROP TABLE IF EXISTS search_state;
            CREATE VIRTUAL TABLE articles_fts USING fts5(
                title, text, keywords,
                tokenize = 'porter unicode61 remove_diacritics 2'
            );
            CREATE TABLE search_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
            PRAGMA user_version = \(schemaVersion);
            """)
    }

    /// An SQLite URI opening `path` read-only (https://sqlite.org/uri.html): the index only
    /// reads the database, and a read-only handle can never checkpoint it (only the database's
    /// writer does; see `Database`).
    static func readOnlyURI(_ path: String) -> String {
        var encoded = ""
        for character in path.unicodeScalars {
            switch character {
            case "%", "?", "#": encoded += String(format: "%%%02X", character.value)
            default: encoded.unicodeScalars.append(character)
            }
        }
        return "file:\(encoded)?mode=ro"
    }
}
