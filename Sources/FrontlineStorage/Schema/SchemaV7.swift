/// Migration 7: the full-text index moves to its own file (`SearchIndex`), written by its own
/// thread, so indexing article text runs beside ingest instead of inside its transactions (issue
/// 3's ingest rate). The database keeps what the index needs to catch up after a crash: new
/// articles by id (`sqlite_sequence`), and an outbox of articles whose text changed or that went.
enum SchemaV7 {
    static let sql = """
    DROP TRIGGER articles_fts_delete;
    DROP TRIGGER articles_fts_update;
    DROP TABLE articles_fts;

    -- Articles deleted, or whose title, text or keywords changed, in commit order: the search
    -- index re-reads each (or drops it) and records the last seq it applied; the writer deletes
    -- the rows the index has applied.
    CREATE TABLE search_outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id INTEGER NOT NULL
    );
    CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
        INSERT INTO search_outbox(article_id) VALUES (old.id);
    END;
    CREATE TRIGGER articles_search_update AFTER UPDATE OF title, text, keywords ON articles BEGIN
        INSERT INTO search_outbox(article_id) VALUES (new.id);
    END;

    -- Names this database, so a search index file left beside another one is rebuilt.
    INSERT OR IGNORE INTO meta(key, value) VALUES ('database_id', random() & 0x7fffffffffffffff);
    """
}
