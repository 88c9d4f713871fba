import Foundation
import Testing
import FrontlineExtraction
import FrontlineTestSupport

/// The five seed articles against hand-written gold (Fixtures/seeds): every provincial-capital
/// capture with the right city, date and status, and nothing threatened counted as captured.
@Suite struct SeedGoldTests {
    static let seedsAvailable = RepositoryPaths.seeds != nil

    func seed(_ prefix: String) throws -> (GoldArticle, ExtractionResult) {
        let article = try #require(try ExtractorFixture.gold("seeds").first { $0.seed?.hasPrefix(prefix) == true })
        try #require(!article.text.isEmpty, "seed text of \(prefix) not found")
        return (article, ExtractorFixture.extractor.extract(article.input))
    }

    @Test(.enabled(if: seedsAvailable)) func everySeedFactIsFoundWithItsDateAndStatus() throws {
        let articles = try ExtractorFixture.gold("seeds")
        #expect(articles.count == 5)
        let evaluation = Evaluation(extractor: ExtractorFixture.extractor, articles: articles)
        #expect(evaluation.overall.falseNegatives == 0, "\(evaluation.details)")
        #expect(evaluation.overall.falsePositives == 0, "\(evaluation.details)")
        #expect(evaluation.statusAccuracy == 1, "\(evaluation.details)")
        #expect(evaluation.dateAccuracy == 1, "\(evaluation.details)")
    }

    @Test(.enabled(if: seedsAvailable)) func provincialCaptureCitiesDatesAndStatuses() throws {
        let capitals = Set(ExtractorFixture.configuration.gazetteer.provinces.map(\.capitalID))
        for article in try ExtractorFixture.gold("seeds") {
            let found = ExtractorFixture.extractor.extract(article.input).reports.filter { $0.type == "capture" }
            let gold = article.gold.reports.filter { $0.type == "capture" && $0.city.map(capitals.contains) == true }
            for g in gold {
                let hit = found.first { $0.city == g.city && $0.province == g.province }
                #expect(hit != nil, "\(article.id): capture of \(g.city ?? "?") not found")
                #expect(hit?.date == g.date, "\(article.id): \(g.city ?? "?") dated \(hit?.date ?? "null")")
                #expect(hit?.status == g.status, "\(article.id): \(g.city ?? "?") status \(hit?.status ?? "-")")
            }
            let extra = Set(found.compactMap(\.city)).subtracting(gold.compactMap(\.city))
            #expect(extra.isEmpty, "\(article.id): captures not in the gold: \(extra.sorted())")
        }
    }

    @Test(.enabled(if: seedsAvailable)) func seed003KeepsTheWrongTuesdayForMazar() throws {
        let (_, result) = try seed("003")
        #expect(result.published == "2021-08-11")
        let mazar = try #require(result.reports.first { $0.type == "capture" && $0.city == "mazar-i-sharif" })
        #expect(mazar.date == "2021-08-10")
        #expect(mazar.dateText == "Tuesday")
        // The bracketed AP caption about Herat is a source, not an event.
        #expect(!result.reports.contains { $0.city == "herat" })
        #expect(result.sourcesCited.contains("ap"))
    }

    @Test(.enabled(if: seedsAvailable)) func seed004MazarIsADeniedAssaultNotACapture() throws {
        let (_, result) = try seed("004")
        #expect(!result.reports.contains { $0.type == "capture" && $0.city == "mazar-i-sharif" })
        let assault = try #require(result.reports.first { $0.type == "assault" && $0.city == "mazar-i-sharif" })
        #expect(assault.status == "denied")
        let kunduz = try #require(result.reports.first { $0.type == "capture" && $0.city == "kunduz" })
        #expect(kunduz.date == "2021-08-08")
    }

    @Test(.enabled(if: seedsAvailable)) func seed002TrailerAndThreats() throws {
        let (_, result) = try seed("002")
        #expect(result.copyOf == "afp")
        #expect(result.sourcesCited.contains("afp"))
        #expect(!result.reports.contains { $0.type == "capture" && $0.city == "mazar-i-sharif" })
        let faizabad = try #require(result.reports.first { $0.type == "capture" && $0.city == "fayzabad" })
        #expect(faizabad.date == "2021-08-11")
        #expect(result.tallies.contains { $0.count == 9 })
    }

    @Test(.enabled(if: seedsAvailable)) func seed000TalliesQuotesAndClaims() throws {
        let (_, result) = try seed("000")
        #expect(result.tallies.contains { $0.count == 24 && $0.total == 34 && $0.unit == "provincial_capitals" })
        let quote = try #require(result.quotes.first { $0.actor == "zabihullah-mujahid" })
        #expect(quote.text.contains("Sharana"))
        let repelled = try #require(result.reports.first { $0.type == "repelled" })
        #expect(repelled.status == "claimed")
        #expect(repelled.actor == "afghan-forces")
        let casualties = try #require(result.reports.first { $0.type == "casualties" })
        #expect(casualties.numbers["killed"] == NumberRange(best: 265))
        #expect(result.sourcesCited.contains("anadolu-agency"))
    }
}
