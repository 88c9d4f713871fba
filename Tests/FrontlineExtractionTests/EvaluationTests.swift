import Foundation
import Testing
import FrontlineExtraction

/// The scorer itself: keys, counts and status comparison on a hand-made article.
@Suite struct EvaluationTests {
    func article(_ gold: String) throws -> GoldArticle {
        let json = """
            {"id": "x1", "source": "pajhwok", "published": "2021-08-09",
             "text": "The Taliban captured Kunduz on Sunday. Officials said Taloqan was under attack.",
             "gold": {"reports": \(gold), "tallies": []}}
            """
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(GoldArticle.self, from: Data(json.utf8))
    }

    @Test func perfectGoldScoresOne() throws {
        let gold = try article("""
            [{"type": "capture", "province": "kunduz", "city": "kunduz", "actor": "taliban", "date": "2021-08-08", "status": "reported"},
             {"type": "assault", "province": "takhar", "city": "taloqan", "actor": "taliban", "date": "2021-08-09", "status": "reported"}]
            """)
        let e = Evaluation(extractor: ExtractorFixture.extractor, articles: [gold])
        #expect(e.score("capture").f1 == 1)
        #expect(e.score("assault").truePositives == 1)
        #expect(e.statusAccuracy == 1)
        #expect(e.details.isEmpty)
    }

    @Test func missingExtraAndWrongFieldsAreCounted() throws {
        let gold = try article("""
            [{"type": "capture", "province": "kunduz", "city": "kunduz", "actor": "taliban", "date": "2021-08-07", "status": "claimed"},
             {"type": "capture", "province": "balkh", "city": "mazar-i-sharif", "actor": "taliban", "date": null, "status": "reported"}]
            """)
        let e = Evaluation(extractor: ExtractorFixture.extractor, articles: [gold])
        let capture = e.score("capture")
        #expect(capture.truePositives == 1)
        #expect(capture.falseNegatives == 1)
        #expect(e.score("assault").falsePositives == 1)
        #expect(e.statusAccuracy == 0)
        #expect(e.dateAccuracy == 0)
        #expect(abs(capture.precision - 1) < 1e-9 && abs(capture.recall - 0.5) < 1e-9)
        #expect(e.details.contains("missing capture balkh/mazar-i-sharif"))
        #expect(e.summary.contains("status accuracy 0.0%"))
    }
}
