import Foundation

/// `frontline bench storage`: ingest rate of synthetic articles, then latency percentiles of the
/// API's typical queries once the database holds `eventCount` events. Prints as it goes.
public struct StorageBenchmark {
    public var articleCount = 100_000
    public var eventCount = 1_000_000
    public var iterations = 2_000
    public var batchSize = StorageConfiguration().batchSize
    public var synchronous: StorageConfiguration.Synchronous = .normal
    public var spread: SyntheticData.Spread = .news
    /// Also print the statements the batch ingest spent its SQLite time in (`StatementProfile`).
    public var profileStatements = false
    /// Ingest in slices of this many articles, printing each slice's rate (0: one slice), to show
    /// whether the rate holds as the store grows.
    public var reportEvery = 0
    public var directory: String
    public var log: (String) -> Void

    public init(directory: String, log: @escaping (String) -> Void) {
        self.directory = directory
        self.log = log
    }

    /// The timed ingest, in slices of `reportEvery` articles when set (each slice is one
    /// `Database.ingest` call, so it also waits for the search index to take its text).
    private func ingest(_ items: [IngestItem], into database: Database) throws -> [Result<IngestResult, any Error>] {
        guard reportEvery > 0 else { return try database.ingest(items, batchSize: batchSize) }
        var results: [Result<IngestResult, any Error>] = []
        for start in stride(from: 0, to: items.count, by: reportEvery) {
            let end = min(items.count, start + reportEvery)
            let started = Self.now()
            results += try database.ingest(Array(items[start..<end]), batchSize: batchSize)
            let seconds = Self.now() - started
            log(String(format: "  articles %d to %d: %.2f s = %.0f articles/s", start, end, seconds, Double(end - start) / seconds))
        }
        return results
    }

    public func run() throws {
        let path = directory + "/bench.sqlite"
        // A search file left by an earlier run would be rebuilt at open: start from nothing.
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for file in [path, SearchIndex.path(forDatabase: path)] {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
        }
        let database = try Database(path: path, configuration: StorageConfiguration(synchronous: synchronous, batchSize: batchSize))
        log("sqlite \(database.sqliteVersion) (memory statistics \(database.sqliteMemoryStatistics ? "on" : "off"), thread-cache allocator \(database.sqliteThreadCacheAllocator ? "on" : "off")), synchronous=\(synchronous.rawValue), batch=\(batchSize), spread=\(spread.rawValue), db=\(path)")
        try database.write { db in
            try db.upsertPlaces(SyntheticData.places())
            try db.upsertActors(SyntheticData.actorsRecords())
            try db.upsertSources(SyntheticData.sources())
        }

        // 1. Ingest rate (items are generated before the clock starts).
        var generator = SyntheticData(seed: 7, spread: spread)
        let items = (0..<articleCount).map { generator.article($0) }
        let reportCount = items.reduce(0) { $0 + $1.reports.count }
        let started = Self.now()
        let startedCPU = Self.threadCPU()
        let (results, statements) = profileStatements
            ? try database.profilingWrites { try ingest(items, into: database) }
            : (try ingest(items, into: database), [])
        let seconds = Self.now() - started
        let cpu = Self.threadCPU() - startedCPU
        let failed = results.filter { if case .failure = $0 { return true } else { return false } }.count
        log(String(format: "ingest: %d articles (%d reports) in %.2f s = %.0f articles/s (%.0f reports/s), %d failed",
                   articleCount, reportCount, seconds, Double(articleCount) / seconds, Double(reportCount) / seconds, failed))
        // The calling thread's own CPU time: the rest of the wall time it waited, while the search
        // index (its own thread) took the batches' text.
        log(String(format: "ingest thread: %.2f s CPU of %.2f s", cpu, seconds))
        if profileStatements { logStatements(statements) }
        let single = Self.now()
        for n in 0..<1000 { _ = try database.ingest(generator.article(articleCount + n)) }
        log(String(format: "ingest one per transaction: %.0f articles/s (1000 articles)", 1000 / (Self.now() - single)))

        // 2. Grow to eventCount events with bulk SQL.
        let existing = Int(try database.read { try $0.scalar("SELECT count(*) FROM events") } ?? 0)
        let bulkStart = Self.now()
        var added = 0
        while existing + added < eventCount {
            let chunk = min(200_000, eventCount - existing - added)
            try database.write { try $0.insertSyntheticEvents(count: chunk, seed: added) }
            added += chunk
        }
        try database.write { db in try db.execute("ANALYZE") }
        try database.checkpoint()
        log(String(format: "events: %d from ingest + %d bulk in %.1f s", existing, added, Self.now() - bulkStart))

        // 3. Query latencies.
        let maxEvent = try database.read { try $0.scalar("SELECT max(id) FROM events") } ?? 1
        let maxArticle = try database.read { try $0.scalar("SELECT max(id) FROM articles") } ?? 1
        var random = SyntheticData(seed: 99)
        let terms = ["surrender", "airport", "siege", "negotiations", "helicopter"]
        let queries: [(String, (inout SyntheticData) throws -> Void)] = [
            ("events?limit=50", { _ in _ = try database.read { try $0.eventPage(filter: EventFilter(), limit: 50) } }),
            ("events?province=X&type=capture", { r in
                let filter = EventFilter(type: "capture", provinceID: SyntheticData.province(1 + r.below(34)))
                _ = try database.read { try $0.eventPage(filter: filter, limit: 50) } }),
            ("events?source=X&from&to&status", { r in
                let filter = EventFilter(status: "confirmed", from: "2021-07-01", to: "2021-07-31", sourceID: SyntheticData.source(1 + r.below(20)))
                _ = try database.read { try $0.eventPage(filter: filter, limit: 50) } }),
            ("events?disputed=true&min_sources=2", { _ in
                _ = try database.read { try $0.eventPage(filter: EventFilter(minSources: 2, disputed: true), limit: 50) } }),
            ("events page 2 (cursor)", { r in
                let filter = EventFilter(provinceID: SyntheticData.province(1 + r.below(34)))
                _ = try database.read { db in
                    let first = try db.eventPage(filter: filter, limit: 50)
                    _ = try db.eventPage(filter: filter, limit: 50, after: first.next)
                } }),
            ("events/{id} (with reports)", { r in _ = try database.read { try $0.eventDetail(id: 1 + Int64(r.below(Int(maxEvent)))) } }),
            ("articles/{id}", { r in _ = try database.read { try $0.article(id: 1 + Int64(r.below(Int(maxArticle)))) } }),
            ("articles?limit=50", { _ in _ = try database.read { try $0.articlePage(filter: ArticleFilter(), limit: 50) } }),
            ("articles?from&to (two months)", { _ in
                _ = try database.read { try $0.articlePage(filter: ArticleFilter(from: "2021-07-01", to: "2021-08-31"), limit: 50) } }),
            ("articles?q=term (fts, bm25)", { r in
                let filter = ArticleFilter(query: terms[r.below(terms.count)])
                _ = try database.read { try $0.articlePage(filter: filter, limit: 50) } }),
            ("articles?q=two terms", { r in
                let filter = ArticleFilter(query: terms[r.below(terms.count)] + " " + terms[r.below(terms.count)])
                _ = try database.read { try $0.articlePage(filter: filter, limit: 50) } }),
            ("timeline 31 days", { _ in _ = try database.read { try $0.timeline(from: "2021-07-01", to: "2021-07-31") } }),
            ("provinces?at=date", { r in _ = try database.read { try $0.provinces(at: SyntheticData.day(r.below(92))) } }),
            ("provinces/{id}", { r in _ = try database.read { try $0.provinceDetail(id: SyntheticData.province(1 + r.below(34))) } }),
            ("sources/{id} + track record", { r in _ = try database.read { try $0.trackRecord(sourceID: SyntheticData.source(1 + r.below(20))) } }),
            ("changes?since", { r in _ = try database.read { try $0.changes(afterSeq: Int64(r.below(100_000)), limit: 100) } }),
        ]
        log("query (\(iterations) runs each)                p50 ms    p99 ms    max ms")
        for (name, body) in queries {
            for _ in 0..<20 { try body(&random) }
            var samples: [Double] = []
            samples.reserveCapacity(iterations)
            let runs = name.hasPrefix("sources") ? max(50, iterations / 20) : iterations
            for _ in 0..<runs {
                let start = Self.now()
                try body(&random)
                samples.append((Self.now() - start) * 1000)
            }
            samples.sort()
            let p50 = samples[samples.count / 2]
            let p99 = samples[min(samples.count - 1, samples.count * 99 / 100)]
            let label = name.padding(toLength: 40, withPad: " ", startingAt: 0)
            log("  " + label + String(format: " %8.3f  %8.3f  %8.3f", p50, p99, samples.last ?? 0))
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        log("database file: \(size / 1_048_576) MiB")
        database.close()
    }

    /// The 25 statements that took most time, with their share, runs and mean time per run.
    private func logStatements(_ statements: [StatementProfile.Entry]) {
        let total = statements.reduce(0) { $0 + $1.nanoseconds }
        log(String(format: "statements: %.2f s in SQLite (time per statement run, most first)", Double(total) / 1e9))
        for entry in statements.prefix(25) {
            // Head and tail: variants of one statement differ at the end (`EventState.write`).
            let sql = entry.sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let shown = sql.count <= 110 ? sql : sql.prefix(70) + " … " + sql.suffix(37)
            log(String(format: "  %6.2f s %5.1f%% %9d runs %9.1f µs  ", Double(entry.nanoseconds) / 1e9,
                       100 * Double(entry.nanoseconds) / Double(max(total, 1)), entry.runs,
                       Double(entry.nanoseconds) / Double(max(entry.runs, 1)) / 1000) + shown)
        }
    }

    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// CPU time the calling thread has used, in seconds.
    static func threadCPU() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
