import Foundation
import Testing
import FrontlineExtraction

/// Articles built around negations about another period, dates of coordinated clauses and "the
/// city" after a site (Fixtures/scope): every gold fact with its status and date, nothing denied
/// or captured beyond the gold.
@Suite struct ScopeGoldTests {
    static let articles: [GoldArticle] = (try? ExtractorFixture.gold("scope")) ?? []

    @Test func everyGoldFileDecodes() {
        let dir = ExtractorFixture.fixtures.appendingPathComponent("scope")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".json") }
        #expect(names.count >= 9)
        #expect(Self.articles.count == names.count)
    }

    @Test func everyFactWithItsStatusAndDate() {
        let evaluation = Evaluation(extractor: ExtractorFixture.extractor, articles: Self.articles)
        let all = evaluation.overall
        #expect(all.recall == 1.0, "recall \(all.recall)\n\(evaluation.details)")
        #expect(evaluation.statusAccuracy == 1.0, "status accuracy \(evaluation.statusAccuracy)\n\(evaluation.details)")
        #expect(evaluation.dateAccuracy == 1.0, "date accuracy \(evaluation.dateAccuracy)\n\(evaluation.details)")
    }

    @Test func noCaptureOrDenialBeyondTheGold() {
        for article in Self.articles {
            let gold = Set(article.gold.reports.map { "\($0.type) \($0.province ?? "-")/\($0.city ?? "-") \($0.status)" })
            let found = ExtractorFixture.extractor.extract(article.input).reports
                .filter { $0.type == "capture" || $0.status == "denied" }
                .map { "\($0.type) \($0.province ?? "-")/\($0.city ?? "-") \($0.status)" }
            #expect(Set(found).isSubset(of: gold), "\(article.id): \(found) beyond \(gold)")
        }
    }
}
