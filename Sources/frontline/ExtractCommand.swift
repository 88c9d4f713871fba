import ArgumentParser
import Foundation
import FrontlineExtraction

/// `frontline extract FILE...|-`: one JSON object per input, the facts the extractor reads.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract", abstract: "Extract reports, tallies and quotes from article text files (or - for stdin).")

    @Argument(help: "Text files, or - for standard input.") var files: [String]
    @Option(help: "Publication date YYYY-MM-DD when the text has none.") var published: String?
    @Option(help: "Publisher (slug, name or alias).") var source: String?
    @Option(name: .customLong("config-dir"), help: "Directory holding gazetteer/ and lexicon/.") var configDirectory = "Config"
    @Flag(help: "Indent the JSON.") var pretty = false
    @Flag(name: .customLong("with-text"), help: "Include the normalised text.") var withText = false

    func validate() throws {
        if let published, published.count != 10 || published.split(separator: "-").count != 3 {
            throw ValidationError("--published must be YYYY-MM-DD")
        }
    }

    func run() throws {
        let extractor = Extractor(configuration: try ExtractionConfigFiles.load(directory: configDirectory))
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        for file in files {
            let data: Data
            if file == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                guard let d = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
                data = d
            }
            let text = String(decoding: data, as: UTF8.self)
            let result = extractor.extract(ArticleInput(text: text, published: published, source: source))
            let output = ExtractOutput(file: file, result: result, withText: withText)
            FileHandle.standardOutput.write(try encoder.encode(output) + Data("\n".utf8))
        }
    }
}

/// The printed object: the file name first, then the extraction result.
struct ExtractOutput: Encodable {
    var file: String
    var result: ExtractionResult
    var withText: Bool

    enum Keys: String, CodingKey {
        case file, published, source, reports, tallies, quotes, sourcesCited, copyOf, actors, places, extractorVersion, text
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(file, forKey: .file)
        try c.encode(result.extractorVersion, forKey: .extractorVersion)
        try c.encode(result.published, forKey: .published)
        try c.encode(result.source, forKey: .source)
        try c.encode(result.reports, forKey: .reports)
        try c.encode(result.tallies, forKey: .tallies)
        try c.encode(result.quotes, forKey: .quotes)
        try c.encode(result.sourcesCited, forKey: .sourcesCited)
        try c.encode(result.copyOf, forKey: .copyOf)
        try c.encode(result.actors, forKey: .actors)
        try c.encode(result.places, forKey: .places)
        if withText { try c.encode(result.text, forKey: .text) }
    }
}

/// Reads Config/gazetteer/afghanistan.json and every Config/lexicon/*.json for the extractor.
enum ExtractionConfigFiles {
    static func load(directory: String) throws -> ExtractionConfiguration {
        let base = URL(fileURLWithPath: directory)
        let gazetteerURL = base.appendingPathComponent("gazetteer/afghanistan.json")
        guard let gazetteer = FileManager.default.contents(atPath: gazetteerURL.path) else {
            throw ValidationError("cannot read \(gazetteerURL.path)")
        }
        let lexiconDir = base.appendingPathComponent("lexicon")
        var lexicons: [String: Data] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: lexiconDir.path)) ?? []
        for name in names.sorted() where name.hasSuffix(".json") {
            lexicons[name] = FileManager.default.contents(atPath: lexiconDir.appendingPathComponent(name).path)
        }
        do {
            return try ExtractionConfiguration(gazetteer: gazetteer, lexicons: lexicons)
        } catch let error as ConfigurationError {
            throw ValidationError("configuration: \(error)")
        }
    }
}
