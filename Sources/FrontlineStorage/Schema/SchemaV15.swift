/// Migration 15: `reports_source` goes. It served only a source's track record
/// (`Connection.trackRecord`), which now reaches the source's reports through its articles
/// (`articles_source`, then `reports_article`): a report's `source_id` is always its article's.
/// That path read fewer pages: on a 100,000-article file, the count of a source's 15,700 reports
/// took 2.7 ms against 48 ms, and the agreement pass 32 ms against 66 ms. And every report insert
/// wrote one index entry less (0.40 s per 100,000 articles, BENCHMARKS.md, thirteenth session).
enum SchemaV15 {
    static let sql = """
    DROP INDEX reports_source;
    """
}
