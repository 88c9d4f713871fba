import ArgumentParser
import Foundation
import FrontlineStorage

/// `frontline bench ...`: benchmarks that print figures (never timed unit tests).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Run a benchmark and print its figures.", subcommands: [BenchStorageCommand.self, BenchExtractCommand.self])
}

/// `frontline bench storage`: ingest rate of synthetic articles and p50/p99 of typical queries at 1M events.
struct BenchStorageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storage", abstract: "Storage: articles/s ingested, query latency percentiles at scale.")

    @Option(help: "Synthetic articles to ingest.") var articles = 100_000
    @Option(help: "Events in the database for the query benchmark.") var events = 1_000_000
    @Option(help: "Runs per query.") var iterations = 2_000
    @Option(help: "Articles per transaction.") var batch = StorageConfiguration().batchSize
    @Option(help: "synchronous: normal or full.") var synchronous = "normal"
    @Option(help: "A news stream in publication order about recent events of a catalogue (news), the same catalogue in random publication order (events), or random places and dates (uniform, a worst case).")
    var spread = "news"
    @Option(help: "Directory for the benchmark database (created if missing; an earlier run's files in it are deleted).") var dir = NSTemporaryDirectory()
    @Flag(name: .customLong("profile-statements"), help: "Also print where the batch ingest spent its SQLite time, by statement (slows it a little).")
    var profileStatements = false
    @Option(name: .customLong("report-every"), help: "Also print the ingest rate of each slice of this many articles (0: none), to see whether it holds as the store grows.")
    var reportEvery = 0

    // Zero query runs left no sample to take a percentile of (the command crashed after the ingest).
    func validate() throws {
        guard articles >= 1 else { throw ValidationError("--articles must be 1 or more") }
        guard events >= 0 else { throw ValidationError("--events must be 0 or more") }
        guard iterations >= 1 else { throw ValidationError("--iterations must be 1 or more") }
        guard StorageConfiguration.batchSizes.contains(batch) else { throw ValidationError("--batch must be \(StorageConfiguration.batchSizes)") }
        guard reportEvery >= 0 else { throw ValidationError("--report-every must be 0 or more") }
    }

    func run() throws {
        guard let mode = StorageConfiguration.Synchronous(rawValue: synchronous) else {
            throw ValidationError("--synchronous must be normal or full")
        }
        guard let spreadMode = SyntheticData.Spread(rawValue: spread) else {
            throw ValidationError("--spread must be news, events or uniform")
        }
        // Unbuffered lines, so progress shows when stdout is a file or a pipe.
        var benchmark = StorageBenchmark(directory: dir) { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
        benchmark.articleCount = articles
        benchmark.eventCount = events
        benchmark.iterations = iterations
        benchmark.batchSize = batch
        benchmark.synchronous = mode
        benchmark.spread = spreadMode
        benchmark.profileStatements = profileStatements
        benchmark.reportEvery = reportEvery
        try benchmark.run()
    }
}
