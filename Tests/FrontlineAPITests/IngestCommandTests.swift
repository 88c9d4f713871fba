import Foundation
import FrontlineAPI
import FrontlineExtraction
import FrontlineHTTP
import FrontlineStorage
import FrontlineTestSupport
import Testing

/// The `frontline ingest` binary on a folder of mixed files, then `reextract` with nothing to do.
@Suite struct IngestCommandTests {
    static var binary: URL {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let beside = products.appendingPathComponent("frontline")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return RepositoryPaths.root.appendingPathComponent(".build/debug/frontline")
    }

    static func run(_ arguments: [String], stdin: Data? = nil) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = RepositoryPaths.root
        let output = Pipe(), error = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    @Test func ingestFolder_storesEveryFormat_andCountsRejects() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the frontline binary first")
        let temp = TempDatabase()
        let folder = temp.directory.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("nested"), withIntermediateDirectories: true)
        try Data(" date 2021-08-06 Taliban fighters captured Zaranj, officials said.".utf8).write(to: folder.appendingPathComponent("a.txt"))
        try Data(#"{"text": "Taliban fighters captured Sheberghan on Saturday.", "published_at": "2021-08-07"}"#.utf8)
            .write(to: folder.appendingPathComponent("b.json"))
        let ndjson = #"{"text": "Taliban fighters attacked Kunduz on Sunday."}"# + "\n" + #"{"title": "no text"}"# + "\n"
        try Data(ndjson.utf8).write(to: folder.appendingPathComponent("nested/c.ndjson"))
        try Data(Gzip.compress(Array(#"{"text": "Taliban fighters entered Taloqan on Monday."}"#.utf8)))
            .write(to: folder.appendingPathComponent("nested/d.json.gz"))
        let result = try Self.run(["ingest", folder.path, "--db", temp.path, "--source", "afp", "--published", "2021-08-09"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("4 stored, 0 duplicates, 1 rejected"), "\(result.output)")
        #expect(result.error.contains("c.ndjson:2"))
        let again = try Self.run(["ingest", folder.path, "--db", temp.path])
        #expect(again.output.contains("0 stored, 4 duplicates"), "\(again.output)")
        let stdin = try Self.run(["ingest", "-", "--db", temp.path, "--published", "2021-08-10"],
                                 stdin: Data("Taliban fighters captured Farah city on Tuesday.".utf8))
        #expect(stdin.output.contains("1 stored"), "\(stdin.output) \(stdin.error)")
        let reextract = try Self.run(["reextract", "--db", temp.path])
        #expect(reextract.status == 0)
        #expect(reextract.output.contains("nothing to do"), "\(reextract.output)")
    }

    @Test func reextract_replacesFactsOfOlderVersions() throws {
        let temp = TempDatabase()
        let runtime = try Runtime(databasePath: temp.path, configDirectory: RepositoryPaths.config.path, readerCount: 1)
        defer { runtime.close() }
        let text = "Taliban fighters captured Zaranj, the capital of Nimroz province, on Friday, officials said."
        let stale = NewArticle(text: text, publishedAt: "2021-08-06T00:00:00Z", contentHash: ContentHash.of(text),
                               extractorVersion: "0.0.0-old")
        let stored = try runtime.database.ingest(IngestItem(article: stale))
        #expect(try runtime.staleArticleCount() == 1)
        var progress: [Int] = []
        let summary = try runtime.reextract(batchSize: 10) { progress.append($0) }
        #expect(summary.articles == 1)
        #expect(progress == [1])
        let detail = try #require(try runtime.database.read { try $0.article(id: stored.articleID) })
        #expect(detail.article.extractorVersion == ExtractorVersion.current)
        #expect(!detail.reports.isEmpty)
        #expect(try runtime.staleArticleCount() == 0)
    }
}
