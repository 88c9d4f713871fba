import Foundation
import FrontlineExtraction
import FrontlineTestSupport

/// The extractor on the repository's real Config files, built once for all tests.
enum ExtractorFixture {
    static let configuration: ExtractionConfiguration = {
        let config = RepositoryPaths.config
        let gazetteer = try! Data(contentsOf: config.appendingPathComponent("gazetteer/afghanistan.json"))
        var lexicons: [String: Data] = [:]
        let dir = config.appendingPathComponent("lexicon")
        for name in try! FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".json") {
            lexicons[name] = try! Data(contentsOf: dir.appendingPathComponent(name))
        }
        return try! ExtractionConfiguration(gazetteer: gazetteer, lexicons: lexicons)
    }()

    static let extractor = Extractor(configuration: configuration)

    static let fixtures = RepositoryPaths.root.appendingPathComponent("Tests/FrontlineExtractionTests/Fixtures")

    /// Gold articles of a fixture folder; seed gold gets its text from ../shared/seeds.
    static func gold(_ folder: String) throws -> [GoldArticle] {
        let dir = fixtures.appendingPathComponent(folder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".json") }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try names.sorted().map { name in
            var article = try decoder.decode(GoldArticle.self, from: Data(contentsOf: dir.appendingPathComponent(name)))
            if let seed = article.seed, article.text.isEmpty, let seeds = RepositoryPaths.seeds {
                article.text = try String(contentsOf: seeds.appendingPathComponent(seed), encoding: .utf8)
            }
            return article
        }
    }

    static func extract(_ text: String, published: String? = nil, source: String? = nil) -> ExtractionResult {
        extractor.extract(ArticleInput(text: text, published: published, source: source))
    }
}
