import Foundation
import Testing
import FrontlineExtraction

/// Articles written around comparisons, exclusions, places still held and facilities
/// (Fixtures/precision): the places they mention in passing must not come out as captures.
@Suite struct PrecisionGoldTests {
    static let articles: [GoldArticle] = (try? ExtractorFixture.gold("precision")) ?? []

    @Test func everyGoldFileDecodes() {
        let dir = ExtractorFixture.fixtures.appendingPathComponent("precision")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".json") }
        #expect(names.count >= 6)
        #expect(Self.articles.count == names.count)
    }

    @Test func noCaptureOfAPlaceNamedInPassing() {
        let evaluation = Evaluation(extractor: ExtractorFixture.extractor, articles: Self.articles)
        let capture = evaluation.score("capture")
        #expect(capture.precision == 1.0, "capture precision \(capture.precision)\n\(evaluation.details)")
        #expect(capture.f1 >= 0.9, "capture F1 \(capture.f1)\n\(evaluation.summary)\n\(evaluation.details)")
        #expect(evaluation.statusAccuracy >= 0.9, "status accuracy \(evaluation.statusAccuracy)\n\(evaluation.summary)")
        for article in Self.articles {
            let gold = Set(article.gold.reports.filter { $0.type == "capture" }.map { "\($0.province ?? "-")/\($0.city ?? "-")" })
            let found = ExtractorFixture.extractor.extract(article.input).reports.filter { $0.type == "capture" }.map { "\($0.province ?? "-")/\($0.city ?? "-")" }
            #expect(Set(found).isSubset(of: gold), "\(article.id): \(found) beyond \(gold)")
        }
    }
}
