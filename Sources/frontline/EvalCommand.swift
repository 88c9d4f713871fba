import ArgumentParser
import Foundation
import FrontlineExtraction

/// `frontline eval DIR`: scores the extractor on hand-labelled articles (one gold JSON per file).
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Precision, recall and F1 per event type, and status accuracy, on gold articles.")

    @Argument(help: "Directories of gold JSON files.") var directories: [String]
    @Option(name: .customLong("config-dir"), help: "Directory holding gazetteer/ and lexicon/.") var configDirectory = "Config"
    @Option(name: .customLong("seeds-dir"), help: "Where the seed texts named by seed gold files live.")
    var seedsDirectory = "../shared/seeds"
    @Flag(help: "Print each article's disagreements.") var verbose = false

    func run() throws {
        let extractor = Extractor(configuration: try ExtractionConfigFiles.load(directory: configDirectory))
        var articles: [GoldArticle] = []
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        for directory in directories {
            let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
            for name in names {
                let path = (directory as NSString).appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read \(path)") }
                var article: GoldArticle
                do { article = try decoder.decode(GoldArticle.self, from: data) } catch {
                    throw ValidationError("\(path): \(error)")
                }
                if let seed = article.seed, article.text.isEmpty {
                    let seedPath = (seedsDirectory as NSString).appendingPathComponent(seed)
                    guard let text = FileManager.default.contents(atPath: seedPath) else {
                        throw ValidationError("\(path): seed \(seedPath) not found")
                    }
                    article.text = String(decoding: text, as: UTF8.self)
                }
                articles.append(article)
            }
        }
        guard !articles.isEmpty else { throw ValidationError("no gold articles found") }
        let evaluation = Evaluation(extractor: extractor, articles: articles)
        print(evaluation.summary)
        if verbose, !evaluation.details.isEmpty { print(evaluation.details) }
    }
}
