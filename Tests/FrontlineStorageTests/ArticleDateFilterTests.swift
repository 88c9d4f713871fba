import Foundation
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// The article list's date filter ranges over `sort_key` as well as `published_at` since
/// migration 14 dropped `articles_published`: it still keeps only articles published in the
/// range, never one without a publication date whose ingest time (its sort key) falls inside.
@Suite struct ArticleDateFilterTests {
    @Test func dateRange_keepsArticlesPublishedInIt_only() throws {
        let temp = TempDatabase()
        // Ingested "on" 2021-08-12, so an undated article's sort key lies inside the range below.
        let clock = StorageConfiguration(readerCount: 2, clock: { Date(timeIntervalSince1970: 1_628_769_600) })
        let database = try Fixtures.open(temp, configuration: clock)
        for (text, published) in [("Before the range.", "2021-08-09T10:00:00Z"), ("Inside the range.", "2021-08-12T08:00:00Z"),
                                  ("Last day of the range.", "2021-08-15T23:00:00Z"), ("After the range.", "2021-08-16T01:00:00Z")] {
            _ = try database.ingest(IngestItem(article: Fixtures.article(text, published: published)))
        }
        _ = try database.ingest(IngestItem(article: Fixtures.article("No publication date.")))
        let page = try database.read {
            try $0.articlePage(filter: ArticleFilter(from: "2021-08-10", to: "2021-08-15"), limit: 10)
        }
        #expect(page.items.map(\.publishedAt) == ["2021-08-15T23:00:00Z", "2021-08-12T08:00:00Z"])
        let undated = try database.read { try $0.articlePage(filter: ArticleFilter(), limit: 10) }.items.filter { $0.publishedAt == nil }
        #expect(undated.count == 1 && undated[0].ingestedAt.hasPrefix("2021-08-12"))
    }

    @Test func version13File_losesThePublicationIndex() throws {
        let temp = TempDatabase()
        let setup = Migrations.all.prefix(13).joined(separator: ";\n") + ";\nPRAGMA user_version = 13;"
        let database = try Fixtures.migrated(temp, from: setup)
        #expect(try Fixtures.rows(database, "SELECT name FROM sqlite_master WHERE name = 'articles_published'", columns: 1) == [])
        #expect(try Fixtures.rows(database, "SELECT name FROM sqlite_master WHERE name = 'articles_sort'", columns: 1) == ["articles_sort"])
    }
}
