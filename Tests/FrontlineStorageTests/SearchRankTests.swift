import Foundation
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// Search ranks with `frontline_bm25` and per-phrase document counts kept by each reader
/// (`PhraseDocumentCounts`): every rank must equal FTS5's own `bm25()` on the index as it is,
/// also after more articles arrive or some go, and for OR groups and prefixes.
@Suite struct SearchRankTests {
    static let expansion = SearchExpansion(aliases: ["mazar-e-sharif": ["mazar-i-sharif", "mazar sharif"]])

    static func item(_ n: Int) -> IngestItem {
        let words = ["surrender", "airport", "siege", "talks", "Mazar-i-Sharif", "Mazar Sharif", "convoy"]
        let text = (0..<(3 + n % 5)).map { words[($0 * 3 + n) % words.count] }.joined(separator: " and the ")
        return IngestItem(article: Fixtures.article("Report \(n): \(text).", title: n % 4 == 0 ? "The airport" : "Dispatch \(n)"))
    }

    /// Our ranks against `bm25()` computed by FTS5 for the same MATCH expression.
    static func check(_ database: Database, _ query: String) throws {
        try check(database, query, order: .relevance)
        try check(database, query, order: .newest)
    }

    static func check(_ database: Database, _ query: String, order: SearchOrder) throws {
        let match = try SearchQuery.build(query, expansion: expansion)
        let (page, expected) = try database.read { db in
            let page = try db.articlePage(filter: ArticleFilter(query: query, order: order), limit: 500, expansion: expansion)
            var expected: [Int64: Double] = [:]
            try db.query("SELECT rowid, bm25(articles_fts, 5.0, 1.0, 2.0) FROM articles_fts WHERE articles_fts MATCH ?",
                         [.text(match.expression)]) { expected[$0.int64(0)] = $0.double(1) }
            return (page, expected)
        }
        #expect(!page.items.isEmpty, "\(query)")
        #expect(page.items.count == expected.count, "\(query)")
        for item in page.items {
            let want = try #require(expected[item.id])
            #expect(abs((item.rank ?? .nan) - want) < 1e-9 * max(1, abs(want)), "\(query): article \(item.id)")
        }
    }

    @Test func ranks_equalBm25_asTheIndexChanges() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp, configuration: StorageConfiguration(readerCount: 1))
        _ = try database.ingest((0..<40).map(Self.item))
        let queries = ["surrender", "surrender airport", "mazar-e-sharif convoy", "sieg*", "airport talks convoy"]
        for query in queries { try Self.check(database, query) }
        // Counts taken before these writes would give other ranks: they must be taken again.
        _ = try database.ingest((40..<90).map(Self.item))
        for query in queries { try Self.check(database, query) }
        for id in [Int64(3), 4, 5, 50] { try database.deleteArticle(id: id) }
        for query in queries { try Self.check(database, query) }
    }

    /// Without one count per phrase the function counts like `bm25()`; a count above the index's
    /// rows (from another state of it) still gives a finite rank.
    @Test func missingOrImpossibleCounts_stillRank() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp, configuration: StorageConfiguration(readerCount: 1))
        _ = try database.ingest((0..<20).map(Self.item))
        let ranks = try database.read { db in
            try db.all("""
                SELECT bm25(articles_fts, 5.0, 1.0, 2.0), frontline_bm25(articles_fts, 5.0, 1.0, 2.0),
                    frontline_bm25(articles_fts, 5.0, 1.0, 2.0, 1000000, -5)
                FROM articles_fts WHERE articles_fts MATCH '"surrender" AND "airport"' ORDER BY rowid
                """) { ($0.double(0), $0.double(1), $0.optionalDouble(2)) }
        }
        #expect(!ranks.isEmpty)
        for (bm25, counted, impossible) in ranks {
            #expect(abs(bm25 - counted) < 1e-9 * max(1, abs(bm25)))
            // SQLite stores a NaN result as NULL.
            #expect(impossible?.isFinite == true)
        }
    }

    @Test func phrases_areListedInTheOrderOfTheExpression() throws {
        let match = try SearchQuery.build("kunduz mazar-e-sharif air*", expansion: Self.expansion)
        #expect(match.phrases == ["\"kunduz\"", "\"mazar e sharif\"", "\"mazar i sharif\"", "\"mazar sharif\"", "\"air\"*"])
        #expect(match.expression == #""kunduz" AND ("mazar e sharif" OR "mazar i sharif" OR "mazar sharif") AND "air"*"#)
    }
}
