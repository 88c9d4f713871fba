import Foundation
import Testing
import FrontlineExtraction

/// The team's hand-labelled articles (Fixtures/team): capture F1 and status accuracy bars.
@Suite struct TeamGoldTests {
    static let articles: [GoldArticle] = (try? ExtractorFixture.gold("team")) ?? []

    @Test(.enabled(if: !articles.isEmpty, "no team articles yet")) func captureF1AndStatusAccuracyMeetTheBars() {
        let evaluation = Evaluation(extractor: ExtractorFixture.extractor, articles: Self.articles)
        let capture = evaluation.score("capture")
        #expect(capture.f1 >= 0.95, "capture F1 \(capture.f1)\n\(evaluation.summary)\n\(evaluation.details)")
        #expect(evaluation.statusAccuracy >= 0.9, "status accuracy \(evaluation.statusAccuracy)\n\(evaluation.summary)")
    }

    @Test func goldFilesDecode() throws {
        // Every file in the folder must decode: a broken gold file would silently shrink the set.
        let dir = ExtractorFixture.fixtures.appendingPathComponent("team")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".json") }
        #expect(Self.articles.count == names.count)
    }
}
