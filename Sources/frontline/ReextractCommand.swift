import FrontlineStorage
import ArgumentParser
import Foundation
import FrontlineAPI
import FrontlineExtraction

/// `frontline reextract`: re-runs the current extractor over articles stored by an older one,
/// re-merging events and re-deriving control, batch by batch (each batch one transaction).
struct ReextractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reextract",
        abstract: "Re-run the current extractor over articles extracted by an older version.")

    @Option(help: "SQLite database file (default: from the configuration).") var db: String?
    @Option(help: "Configuration file (default: Config/frontline.json when present).") var config: String?
    @Option(help: "Articles per transaction.") var batch = 200

    func run() throws {
        let settings = try CommandSettings.load(config: config, db: db)
        guard FileManager.default.fileExists(atPath: settings.databasePath) else {
            throw ValidationError("no database at \(settings.databasePath)")
        }
        let runtime = try Runtime(databasePath: settings.databasePath, configDirectory: settings.configDirectory, readerCount: 2,
                                  storage: settings.storage)
        defer { runtime.close() }
        let total = try runtime.staleArticleCount()
        guard total > 0 else {
            print("nothing to do: every article was extracted by \(ExtractorVersion.current)")
            return
        }
        let bar = ProgressBar(total: total, label: "reextract")
        let summary = try runtime.reextract(batchSize: max(1, batch)) { bar.update($0) }
        bar.finish(summary.articles)
        print("re-extracted \(summary.articles) articles with \(ExtractorVersion.current) in \(summary.batches) transactions")
    }
}
