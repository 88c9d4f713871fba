import Foundation
import FrontlineExtraction
import FrontlineStorage

/// The database plus the extractor, opened once per process: the server and the CLI commands
/// (`ingest`, `reextract`) share it, so an article stored either way is stored the same.
public final class Runtime: Sendable {
    public let database: Database
    public let extraction: ExtractionConfiguration
    public let pipeline: IngestPipeline

    /// Opens (creating when needed) the database, reads `Config/` and refreshes the reference
    /// tables (gazetteer, actors, outlets) from it.
    public init(databasePath: String, configDirectory: String, readerCount: Int = 8,
                storage: StorageConfiguration? = nil) throws {
        let directory = (databasePath as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        extraction = try ReferenceData.loadConfiguration(directory: configDirectory)
        database = try Database(path: databasePath, configuration: storage ?? StorageConfiguration(readerCount: readerCount))
        try ReferenceData.store(extraction, in: database)
        pipeline = IngestPipeline(configuration: extraction)
    }

    /// Extracts and stores submissions in batched transactions (`StorageConfiguration.batchSize` by default),
    /// extraction running on all cores. Results are in input order.
    public func ingest(_ submissions: [ArticleSubmission], batchSize: Int? = nil) throws -> [Result<IngestResult, any Error>] {
        let items = BulkExtraction.prepare(submissions, pipeline: pipeline)
        return try database.ingest(items, batchSize: batchSize)
    }

    /// Number of stored articles.
    public func articleCount() throws -> Int {
        try database.read { try $0.rowCounts().first { $0.table == "articles" }?.count ?? 0 }
    }

    public func close() { database.close() }
}
