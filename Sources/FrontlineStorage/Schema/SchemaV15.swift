/// Migration 15: two of the four indexes every report insert wrote go, and one that every
/// article insert wrote.
///
/// `reports_source` served only a source's track record (`Connection.trackRecord`), which now
/// reaches the source's reports through its articles (`articles_source`, then `reports_article`):
/// a report's `source_id` is always its article's. The track record costs more that way, in one
/// pass instead of a count and a pass: 39–57 ms against 30–50 ms for the eight largest sources of
/// the 1,000,000-event benchmark file (BENCHMARKS.md, fourteenth session). It is one source's
/// detail page; every ingest paid for the index.
///
/// `reports_province` (province, article) served only the article list's province filter, which
/// probes each article it scans in list order; `reports_article` now carries the province after
/// the article, so the same probe stays inside one index, and its entries go in article order
/// (appended) where `reports_province` put each at random. Pages of 50 for each of 34 provinces:
/// 0.24–0.63 ms against 0.28–0.66 ms.
///
/// The two indexes cost 0.40 s and 0.50 s per 100,000 articles (BENCHMARKS.md, thirteenth
/// session); the wider `reports_article` costs little more than the old one.
///
/// `articles_extractor` served no query: `frontline reextract` asks for articles whose version
/// differs from the current one, which SQLite cannot look up in an index, so it walks the table
/// by id (`Connection.articlesToReextract`).
enum SchemaV15 {
    static let sql = """
    DROP INDEX reports_source;
    DROP INDEX reports_province;
    DROP INDEX reports_article;
    CREATE INDEX reports_article ON reports(article_id, province_id);
    DROP INDEX articles_extractor;
    """
}
