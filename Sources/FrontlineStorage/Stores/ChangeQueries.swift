/// The append-only changes feed (`GET /api/changes`, `GET /api/stream`) and cheap versions.
extension Connection {
    /// Changes with `seq` greater than `seq`, oldest first (for SSE `Last-Event-ID` resumption).
    public func changes(afterSeq seq: Int64, limit: Int) throws -> [ChangeRecord] {
        try all("SELECT seq, entity, entity_id, op, at FROM changes WHERE seq > ? ORDER BY seq LIMIT ?",
                [.integer(seq), .integer(Int64(min(max(limit, 1), 10_000)))]) { row in
            ChangeRecord(seq: row.int64(0), entity: ChangeRecord.Entity(rawValue: row.string(1)) ?? .article,
                         entityID: row.int64(2), op: ChangeRecord.Operation(rawValue: row.string(3)) ?? .updated,
                         at: row.string(4))
        }
    }

    /// One page of the changes feed after a cursor (nil: from the start). The next cursor is
    /// always returned (a client keeps it to poll again), so `next` is nil only for an empty feed.
    public func changePage(after cursor: Cursor?, limit: Int) throws -> Page<ChangeRecord> {
        let seq = try cursor.map { try $0.require(.changes).id } ?? 0
        let items = try changes(afterSeq: seq, limit: limit)
        let last = items.last?.seq ?? seq
        return Page(items: items, next: last > 0 ? Cursor(listing: .changes, key: "", id: last) : nil)
    }

    /// A cursor positioned after change `seq` (e.g. from an SSE `Last-Event-ID`).
    public static func changeCursor(afterSeq seq: Int64) -> Cursor { Cursor(listing: .changes, key: "", id: seq) }

    /// The last change sequence number (0 for none).
    public func latestChangeSeq() throws -> Int64 {
        try scalar(IDMarks.Table.changes.highestIDSQL) ?? 0
    }

    /// A number that grows with every committed change of data or reference data: usable as a
    /// weak ETag for any response derived from the database.
    public func dataVersion() throws -> Int64 {
        let reference = try scalar("SELECT value FROM meta WHERE key = 'reference_version'") ?? 0
        return try latestChangeSeq() + reference
    }

    /// Row counts of the main tables (for `frontline check` and `/metrics`).
    public func rowCounts() throws -> [(table: String, count: Int)] {
        try ["sources", "provinces", "cities", "actors", "articles", "reports", "events", "tallies", "control", "changes"].map { table in
            (table, Int(try scalar("SELECT count(*) FROM \(table)") ?? 0))
        }
    }

    /// The schema version (`PRAGMA user_version`) of the open database.
    public func schemaVersion() throws -> Int { Int(try scalar("PRAGMA user_version") ?? 0) }

    /// `PRAGMA integrity_check`, `foreign_key_check` and the running totals of the database
    /// file; empty when it is sound. `Database.integrityProblems` adds the search index's checks.
    public func integrityProblems() throws -> [String] {
        var problems = try all("PRAGMA main.integrity_check") { $0.string(0) }.filter { $0 != "ok" }
        try query("PRAGMA main.foreign_key_check") { row in
            problems.append("foreign key: \(row.string(0)) rowid \(row.optionalInt64(1).map(String.init) ?? "?") -> \(row.string(2))")
        }
        problems += try runningTotalProblems()
        problems += try reportsNamingMissingRows()
        problems += try orphanedEventRows()
        return problems
    }

    /// Source links and date votes whose event is gone: neither has a foreign key to `events`
    /// since migration 11, so `foreign_key_check` does not see them.
    func orphanedEventRows() throws -> [String] {
        try ["event_sources", "event_votes"].compactMap { table in
            let count = try scalar("""
                SELECT count(*) FROM \(table) t WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = t.event_id)
                """) ?? 0
            return count > 0 ? "\(table): \(count) rows name no event" : nil
        }
    }

    /// Reports naming a place, actor, article or event that does not exist: no report column has
    /// a foreign key since migrations 10 and 12, so `foreign_key_check` does not see them.
    func reportsNamingMissingRows() throws -> [String] {
        let references = KnownReferences.Kind.allCases.map { ($0.column, $0.table) }
            + [("article_id", "articles"), ("event_id", "events")]
        return try references.compactMap { column, table in
            let count = try scalar("""
                SELECT count(*) FROM reports r WHERE r.\(column) IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM \(table) t WHERE t.id = r.\(column))
                """) ?? 0
            return count > 0 ? "reports: \(count) name no row of \(table) in \(column)" : nil
        }
    }

    /// Running totals (migrations 2, 3 and 5) that disagree with a recount from the rows they sum.
    func runningTotalProblems() throws -> [String] {
        let votes = MergeRun.votesRecount + " GROUP BY 1, 2, 3"
        let stored = "SELECT event_id, date, source_key, reports, latest, precision_rank FROM event_votes"
        let days = "SELECT date, type, count(*) FROM events WHERE date IS NOT NULL GROUP BY 1, 2"
        let counted = "SELECT date, type, events FROM event_day_counts WHERE events <> 0"
        var problems: [String] = []
        for (name, a, b) in [("event_votes", stored, votes), ("event_day_counts", counted, days)] {
            let differing = (try scalar("SELECT count(*) FROM (\(a) EXCEPT \(b))") ?? 0)
                + (try scalar("SELECT count(*) FROM (\(b) EXCEPT \(a))") ?? 0)
            if differing > 0 { problems.append("\(name): \(differing) rows differ from a recount") }
        }
        let stale = try scalar("SELECT count(*) FROM event_sources es JOIN events e ON e.id = es.event_id WHERE es.sort_key <> e.sort_key") ?? 0
        if stale > 0 { problems.append("event_sources: \(stale) links carry another sort key than their event") }
        return problems
    }
}

extension Connection {
    /// Events whose derived fields differ from a recomputation from their reports under the
    /// current merge rules (tests; not part of `integrityProblems`: a file written under older
    /// rules differs without being damaged, until its articles are re-extracted).
    func eventsDifferingFromRecomputation() throws -> [Int64] {
        try MergeRun(configuration: configuration.merge, db: self, now: "").eventsDifferingFromRecomputation()
    }
}

extension Database {
    /// The data version (see `Connection.dataVersion()`), from a reader.
    public func dataVersion() throws -> Int64 { try read { try $0.dataVersion() } }

    /// Ingests one article with its facts in one write transaction.
    public func ingest(_ item: IngestItem) throws -> IngestResult {
        try write { try $0.ingest(item) }
    }

    /// Ingests many articles in transactions of `batchSize` (default from the configuration);
    /// a failing item is reported and the others are kept. Province control is re-derived once
    /// per transaction for every province it touched.
    ///
    /// The search index takes each chunk's new articles on its own thread while the next chunk
    /// runs (`SearchIndex`); the call returns once it has them all. The events a chunk changes
    /// are written back once, at its end (`EventCache`). The cache
    /// outlives the chunk: the next chunk reuses it when nothing else has written since
    /// (`EventCache.Stamp`). A chunk that has stored `bulkYieldArticles` commits early when a
    /// `write` is waiting, and the rest goes on in the next chunk. A chunk first runs without
    /// savepoints; only when an item fails is it rolled back and run again with one savepoint
    /// per item, each item writing its own events back. A full disk or an I/O error throws (chunks committed before it stay committed).
    public func ingest(_ items: [IngestItem], batchSize: Int? = nil) throws -> [Result<IngestResult, any Error>] {
        let size = max(1, batchSize ?? configuration.batchSize)
        let yieldAfter = max(1, configuration.bulkYieldArticles)
        var results: [Result<IngestResult, any Error>] = []
        results.reserveCapacity(items.count)
        var start = items.startIndex
        var searchTicket: Int?
        // Returns (and throws) only once the index has every committed chunk's articles.
        defer { if let searchTicket { search.wait(for: searchTicket) } }
        while start < items.endIndex {
            var chunk = items[start..<min(start + size, items.endIndex)]
            do {
                let stored = try writeLeavingSearch { db in
                    let cache = try reusableEvents(db)
                    let sources = SourceTally()
                    var stored: [IngestResult] = []
                    stored.reserveCapacity(chunk.count)
                    for item in chunk {
                        // A single write is waiting: commit what is here and let it in.
                        if stored.count >= yieldAfter, writeIsWaiting {
                            yieldedChunks += 1
                            break
                        }
                        stored.append(try db.ingestDeferringControl(item, cache: cache, sources: sources))
                    }
                    try sources.write(in: db)
                    try cache.flush(in: db)
                    try db.finishChunk(stored)
                    try db.saveIDMarks()
                    try retain(cache, db)
                    return stored
                }
                // After an early commit the next chunk starts at the first article not stored.
                chunk = chunk.prefix(stored.count)
                results += stored.map { .success($0) }
            } catch {
                // The failed `write` dropped the retained events; each item here keeps its own.
                results += try writeLeavingSearch { db in
                    retriedChunks += 1
                    let outcomes = try chunk.map { item in
                        let outcome = Result { try db.savepoint { try db.ingestDeferringControl(item) } }
                        // A full disk or an I/O error is not the item's fault: fail the whole call.
                        if case .failure(let error as SQLiteError) = outcome, error.isResourceFailure { throw error }
                        return outcome
                    }
                    let stored = outcomes.compactMap { try? $0.get() }
                    try db.finishChunk(stored)
                    return outcomes
                }
            }
            searchTicket = search.request()
            start = chunk.endIndex
        }
        return results
    }

    /// The events the previous chunk left, when nothing has written since; else an empty cache.
    private func reusableEvents(_ db: Connection) throws -> EventCache {
        defer { retainedEvents = nil }
        guard let cache = retainedEvents, cache.stamp == (try EventCache.Stamp(db)) else { return EventCache() }
        return cache
    }

    /// Keeps the chunk's events for the next chunk (they stay valid while the stamp matches; a
    /// failed commit drops them, see `write`), unless there are too many to hold.
    private func retain(_ cache: EventCache, _ db: Connection) throws {
        guard cache.count <= configuration.retainedEventLimit else { return }
        cache.stamp = try EventCache.Stamp(db)
        retainedEvents = cache
    }

    /// Deletes an article and re-derives what depended on it, in one write transaction.
    /// - Returns: false when no such article exists.
    @discardableResult
    public func deleteArticle(id: Int64) throws -> Bool { try write { try $0.deleteArticle(id: id) } }
}

extension Connection {
    /// After a chunk of `ingestDeferringControl`: re-derives the control of the provinces it touched.
    fileprivate func finishChunk(_ stored: [IngestResult]) throws {
        try rederiveControl(provinces: Set(stored.flatMap(\.provinceIDs)))
    }
}
