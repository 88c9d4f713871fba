import FrontlineStorage
import ArgumentParser
import Foundation
import FrontlineAPI

/// `frontline ingest PATH...|-`: extracts and stores articles from files, folders or stdin,
/// exactly as `POST /api/articles` does, with a progress bar on a terminal and a summary.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Extract and store articles from files, folders or stdin.",
        discussion: """
            Accepts .txt (the article text; a ' date YYYY-MM-DD ' marker gives its date), .json (one \
            {"url","title","text","published_at","source"} object or an array), .ndjson (one object a \
            line), any of them gzipped (.gz), folders of them, and - for stdin (format guessed).
            """)

    @Argument(help: "Files, folders, or - for stdin.") var paths: [String]
    @Option(help: "Publisher for articles that name none (slug or name, e.g. afp).") var source: String?
    @Option(help: "Publication date YYYY-MM-DD for articles that have none.") var published: String?
    @Option(help: "SQLite database file (default: from the configuration).") var db: String?
    @Option(help: "Configuration file (default: Config/frontline.json when present).") var config: String?
    @Option(help: "Articles per transaction (default: ingest_batch of the configuration, 10000).") var batch: Int?

    func validate() throws {
        if let published, published.count != 10 || !published.allSatisfy({ $0.isNumber || $0 == "-" }) {
            throw ValidationError("--published must be YYYY-MM-DD")
        }
        if let batch, !StorageConfiguration.batchSizes.contains(batch) { throw ValidationError("--batch must be \(StorageConfiguration.batchSizes)") }
    }

    func run() throws {
        let settings = try CommandSettings.load(config: config, db: db)
        let runtime = try Runtime(databasePath: settings.databasePath, configDirectory: settings.configDirectory, readerCount: 2,
                                  storage: settings.storage)
        defer { runtime.close() }
        let defaults = ArticleSubmission.Defaults(source: source, publishedAt: published)
        var entries: [ArticleFiles.Entry] = []
        for path in paths {
            if path == "-" {
                let bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
                entries += ArticleFiles.parse(bytes, kind: nil, origin: "stdin", defaults: defaults)
            } else {
                for file in try ArticleFiles.files(at: path) {
                    do {
                        entries += try ArticleFiles.read(file: file, defaults: defaults)
                    } catch {
                        entries.append(.init(origin: file, submission: .failure(.init(field: nil, message: "\(error)"))))
                    }
                }
            }
        }
        var rejected: [(String, String)] = []
        var valid: [(String, ArticleSubmission)] = []
        for entry in entries {
            switch entry.submission {
            case .success(let submission): valid.append((entry.origin, submission))
            case .failure(let invalid): rejected.append((entry.origin, (invalid.field.map { "\($0): " } ?? "") + invalid.message))
            }
        }
        let bar = ProgressBar(total: valid.count, label: "ingest")
        var stored = 0
        var duplicates = 0
        var start = 0
        let batch = batch ?? settings.storage.batchSize
        while start < valid.count {
            let chunk = Array(valid[start..<min(start + batch, valid.count)])
            let results = try runtime.ingest(chunk.map(\.1), batchSize: batch)
            for (index, result) in results.enumerated() {
                switch result {
                case .success(let outcome): if outcome.duplicate { duplicates += 1 } else { stored += 1 }
                case .failure(let error): rejected.append((chunk[index].0, "not stored: \(error)"))
                }
            }
            start += chunk.count
            bar.update(start)
        }
        bar.finish(start)
        for (origin, reason) in rejected.prefix(50) { printError("rejected \(origin): \(reason)") }
        if rejected.count > 50 { printError("... and \(rejected.count - 50) more rejected") }
        print("\(stored) stored, \(duplicates) duplicates, \(rejected.count) rejected (of \(entries.count) read) into \(settings.databasePath)")
        if stored + duplicates == 0 && !rejected.isEmpty { throw ExitCode(1) }
    }
}

/// Where the database and Config/ are, for commands other than `serve`.
struct CommandSettings {
    var databasePath: String
    var configDirectory: String
    var storage: StorageConfiguration

    static func load(config: String?, db: String?) throws -> CommandSettings {
        var flags: [String: String] = [:]
        if let db { flags["database"] = db }
        do {
            let loaded = try AppConfiguration.load(file: config, environment: ProcessInfo.processInfo.environment, flags: flags)
            return CommandSettings(databasePath: loaded.databasePath, configDirectory: loaded.configDirectory,
                                   storage: loaded.storageConfiguration(readerCount: 2))
        } catch {
            throw ValidationError("configuration: \(error)")
        }
    }
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
