/// Migration 14: `articles_published` goes. An article's `sort_key` is its publication time
/// whenever it has one, so the article list's date filter ranges over `articles_sort`, which also
/// gives its order (`Connection.articlePage`). Through `articles_published` SQLite sorted every
/// article of the range for a page of 50: 94 ms for two months of a 100,000-article file, against
/// 0.05 ms now. And each article insert wrote one index entry more.
enum SchemaV14 {
    static let sql = """
    DROP INDEX articles_published;
    """
}
