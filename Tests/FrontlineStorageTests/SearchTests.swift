import Foundation
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

@Suite struct SearchTests {
    private func seeded() throws -> (TempDatabase, Database) {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        _ = try database.ingest(IngestItem(article: Fixtures.article(
            "Insurgents took Mazar-i-Sharif late on Saturday after the defenders left.", title: "Northern hub falls",
            published: "2021-08-15T00:00:00Z", source: "afp")))
        _ = try database.ingest(IngestItem(article: Fixtures.article(
            "Government forces held Herat for another day as fighting continued <b>nearby</b> & beyond.",
            title: "Herat holds", published: "2021-08-10T00:00:00Z", source: "tolo-news")))
        _ = try database.ingest(IngestItem(article: Fixtures.article(
            "Officials in Kābul spoke of a surrender in Kunduz.", title: "Kunduz surrender",
            published: "2021-08-09T00:00:00Z", source: "anadolu-agency")))
        return (temp, database)
    }

    /// Each catch-up of the search index adds a full-text segment; past the configured count
    /// the index merges itself, and searches find the same articles before and after.
    @Test func growingIndex_isMerged_andStillFindsEverything() throws {
        let temp = TempDatabase()
        var configuration = StorageConfiguration(readerCount: 1)
        configuration.searchOptimizeArticles = 10
        let database = try Fixtures.open(temp, configuration: configuration)
        let items = (0..<24).map { n in
            IngestItem(article: Fixtures.article("Dispatch \(n): the garrison \(n % 2 == 0 ? "surrendered" : "held") at dawn."))
        }
        _ = try database.ingest(Array(items[0..<8]), batchSize: 4)
        #expect(database.search.automaticMerges == 0)
        _ = try database.ingest(Array(items[8...]), batchSize: 4)
        // At least once past 10 articles (how many catch-ups the chunks share depends on timing).
        #expect(database.search.automaticMerges >= 1)
        let found = try database.read { try $0.articlePage(filter: ArticleFilter(query: "surrender"), limit: 50) }
        #expect(found.items.count == 12 && found.items.allSatisfy { $0.snippet?.contains("<mark>surrendered</mark>") == true })
        #expect(try database.integrityProblems() == [])
    }

    /// A write that fails at COMMIT (here a deferred foreign-key violation) leaves nothing in the
    /// index: it follows only committed articles.
    @Test func rolledBackWrite_leavesNothingSearchable() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        _ = try database.ingest([IngestItem(article: Fixtures.article("One dispatch about the garrison."))])
        #expect(throws: SQLiteError.self) {
            try database.write { db in
                _ = try db.ingest(IngestItem(article: Fixtures.article("A doomed dispatch about the garrison.")))
                try db.execute("PRAGMA defer_foreign_keys = ON")
                try db.run("INSERT INTO tallies(article_id, count, unit, status) VALUES (999999, 1, 'people', 'reported')")
            }
        }
        let found = try database.read { try $0.articlePage(filter: ArticleFilter(query: "garrison"), limit: 50) }
        #expect(found.items.count == 1)
        _ = try database.ingest([IngestItem(article: Fixtures.article("Another dispatch about the garrison."))])
        let after = try database.read { try $0.articlePage(filter: ArticleFilter(query: "garrison"), limit: 50) }
        #expect(after.items.count == 2)
        #expect(try database.integrityProblems() == [])
    }

    @Test func spellingVariant_findsArticleThroughAliasExpansion() throws {
        let (_, database) = try seeded()
        let aliases = SearchExpansion(aliases: ["Mazar-i-Sharif": ["Mazar-e-Sharif", "Mazari Sharif"]])
        let page = try database.read {
            try $0.articlePage(filter: ArticleFilter(query: "Mazar-e-Sharif"), limit: 10, expansion: aliases)
        }
        #expect(page.items.map(\.title) == ["Northern hub falls"])
        #expect(page.items[0].snippet?.contains("<mark>Mazar") == true)
        let without = try database.read { try $0.articlePage(filter: ArticleFilter(query: "Mazar-e-Sharif"), limit: 10) }
        #expect(without.items.isEmpty)
        let closure = SearchExpansion { $0 == "mazari sharif" ? ["mazar-i-sharif"] : [] }
        let viaClosure = try database.read {
            try $0.articlePage(filter: ArticleFilter(query: "Mazari Sharif"), limit: 10, expansion: closure)
        }
        #expect(viaClosure.items.count == 1)
    }

    @Test func englishWords_areStemmed() throws {
        let (_, database) = try seeded()
        _ = try database.ingest(IngestItem(article: Fixtures.article(
            "The garrison surrendered to the insurgents at dawn.", title: "Garrison gives up", published: "2021-08-12T00:00:00Z")))
        _ = try database.ingest(IngestItem(article: Fixtures.article(
            "Another district surrenders as talks go on.", title: "District talks", published: "2021-08-13T00:00:00Z")))
        let page = try database.read {
            try $0.articlePage(filter: ArticleFilter(query: "surrender", order: .newest), limit: 10)
        }
        #expect(page.items.map(\.title) == ["District talks", "Garrison gives up", "Kunduz surrender"])
        #expect(page.items[1].snippet?.contains("<mark>surrendered</mark>") == true)
        // Stemming runs on the query too, and inside phrases: the variant expansion still matches.
        let fell = try database.read { try $0.articlePage(filter: ArticleFilter(query: "surrendering garrisons"), limit: 10) }
        #expect(fell.items.map(\.title) == ["Garrison gives up"])
        let aliases = SearchExpansion(aliases: ["Mazar-i-Sharif": ["Mazar-e-Sharif"]])
        let variant = try database.read {
            try $0.articlePage(filter: ArticleFilter(query: "Mazar-e-Sharif defender"), limit: 10, expansion: aliases)
        }
        #expect(variant.items.map(\.title) == ["Northern hub falls"])
        // A word that merely shares letters is not a match.
        #expect(try database.read { try $0.articlePage(filter: ArticleFilter(query: "surreal"), limit: 10) }.items.isEmpty)
    }

    @Test func diacritics_andCase_areFolded() throws {
        let (_, database) = try seeded()
        let page = try database.read { try $0.articlePage(filter: ArticleFilter(query: "KABUL"), limit: 10) }
        #expect(page.items.map(\.title) == ["Kunduz surrender"])
    }

    @Test func ranking_prefersTitleMatches_andSnippetIsEscaped() throws {
        let (_, database) = try seeded()
        let page = try database.read { try $0.articlePage(filter: ArticleFilter(query: "herat"), limit: 10) }
        #expect(page.items.first?.title == "Herat holds")
        let nearby = try database.read { try $0.articlePage(filter: ArticleFilter(query: "nearby"), limit: 10) }
        let snippet = try #require(nearby.items.first?.snippet)
        #expect(snippet.contains("&lt;b&gt;<mark>nearby</mark>&lt;/b&gt;"))
        #expect(snippet.contains("&amp;"))
    }

    @Test(arguments: ["\"", "AND", "OR NOT", "title:herat", "her*", "NEAR(a b)", "(((", "^x", "a\" OR \"b", "'; DROP TABLE articles; --",
                      "-herat", "herat + kunduz", "\u{0}", "col:x*", "{title text}: x"])
    func ftsSyntax_neverSurfacesAsError(query: String) throws {
        let (_, database) = try seeded()
        do {
            _ = try database.read { try $0.articlePage(filter: ArticleFilter(query: query), limit: 10) }
        } catch let error as StorageError {
            guard case .badQuery = error else { throw error }
        }
        #expect(try database.read { try $0.scalar("SELECT count(*) FROM articles") } == 3)
    }

    @Test func emptyQuery_isTypedBadQuery() throws {
        let (_, database) = try seeded()
        #expect(throws: StorageError.badQuery("no searchable words")) {
            _ = try database.read { try $0.articlePage(filter: ArticleFilter(query: "  \" * "), limit: 10) }
        }
    }

    @Test func prefixSearch_andFiltersCompose() throws {
        let (_, database) = try seeded()
        let prefix = try database.read { try $0.articlePage(filter: ArticleFilter(query: "surrend*"), limit: 10) }
        #expect(prefix.items.count == 1)
        let filtered = try database.read {
            try $0.articlePage(filter: ArticleFilter(query: "surrender", sourceID: "afp"), limit: 10)
        }
        #expect(filtered.items.isEmpty)
        let dated = try database.read {
            try $0.articlePage(filter: ArticleFilter(from: "2021-08-10", to: "2021-08-15"), limit: 10)
        }
        #expect(dated.items.map(\.title) == ["Northern hub falls", "Herat holds"])
    }

    @Test func deletedArticle_leavesTheIndex() throws {
        let (_, database) = try seeded()
        let id = try #require(try database.read { try $0.articlePage(filter: ArticleFilter(query: "herat"), limit: 1) }.items.first?.id)
        #expect(try database.deleteArticle(id: id))
        #expect(try database.read { try $0.articlePage(filter: ArticleFilter(query: "herat"), limit: 10) }.items.isEmpty)
        #expect(try database.integrityProblems() == [])
    }
}

@Suite struct SearchPaginationTests {
    @Test(arguments: [SearchOrder.relevance, .newest, .relevance(window: 10)])
    func searchPages_returnEveryMatchOnce(order: SearchOrder) throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        for n in 0..<40 {
            let words = String(repeating: "siege ", count: 1 + n % 5)
            _ = try database.ingest(IngestItem(article: Fixtures.article("Article \(n) on the \(words)and more.",
                                                                         title: n % 7 == 0 ? "Siege news" : "News")))
        }
        _ = try database.ingest(IngestItem(article: Fixtures.article("Nothing relevant here.")))
        var seen: [Int64] = []
        var cursor: Cursor?
        var ranks: [Double] = []
        repeat {
            let page = try database.read {
                try $0.articlePage(filter: ArticleFilter(query: "siege", order: order), limit: 6, after: cursor)
            }
            #expect(page.items.allSatisfy { $0.snippet?.contains("<mark>") == true })
            seen += page.items.map(\.id)
            ranks += page.items.compactMap(\.rank)
            cursor = page.next
        } while cursor != nil
        #expect(Set(seen).count == seen.count)
        if case .relevance(let window) = order {
            #expect(seen.count == min(40, window))
            #expect(ranks == ranks.sorted())
        } else {
            #expect(seen.count == 40)
            #expect(seen == seen.sorted(by: >))
        }
    }
}
