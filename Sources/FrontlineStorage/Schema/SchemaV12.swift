/// Migration 12: a report's `article_id` and `event_id` lose their foreign keys. SQLite probed
/// `articles` and `events` at every report inserted (three per article), and `events` again at
/// every report moved to another event: the last foreign-key probes of the report insert, the
/// most frequent statement of an ingest. The storage layer keeps both references itself: a
/// deleted article's reports are deleted with it (`Connection.deleteArticle`, as the cascade
/// did), a deleted event's reports lose their event first (`MergeRun.deleteEvent`, as SET NULL
/// did), and `frontline check` counts reports naming an article or event that does not exist
/// (`Connection.reportsNamingMissingRows`).
///
/// As in migrations 9 to 11, the table's SQL is edited in place.
enum SchemaV12 {
    static let sql = """
    PRAGMA writable_schema = ON;
    UPDATE sqlite_schema SET sql = replace(replace(sql,
            'article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE', 'article_id INTEGER NOT NULL'),
            'event_id INTEGER REFERENCES events(id) ON DELETE SET NULL', 'event_id INTEGER')
        WHERE type = 'table' AND name = 'reports';
    PRAGMA writable_schema = OFF;
    """
}
