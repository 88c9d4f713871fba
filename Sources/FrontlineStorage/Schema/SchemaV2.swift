/// Migration 2: running totals that let ingest update an event from the one report it gains
/// instead of re-reading all its reports (issue 3's ingest rate), and batched full-text indexing.
enum SchemaV2 {
    static let sql = """
    -- One row per (event, date, independent source) over the event's dated reports that count
    -- towards its date (status neither 'expected' nor 'denied'): the consensus reads a date's votes
    -- from here, so its cost grows with the outlets that gave that date, not with the reports.
    CREATE TABLE event_votes (
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        -- The independent source, or 'article:<id>' for an article without any (EventSummary.sourceKey).
        source_key TEXT NOT NULL,
        reports INTEGER NOT NULL,
        -- Latest publication of those reports (consensus tie-break).
        latest TEXT,
        -- Best date precision: '0' for 'day', else '1' followed by the precision.
        precision_rank TEXT NOT NULL,
        PRIMARY KEY (event_id, date, source_key)
    ) WITHOUT ROWID;

    INSERT INTO event_votes(event_id, date, source_key, reports, latest, precision_rank)
    SELECT event_id, date, coalesce(origin_source_id, 'article:' || article_id), count(*), max(published_at),
        min(CASE date_precision WHEN 'day' THEN '0' ELSE '1' || date_precision END)
    FROM reports
    WHERE event_id IS NOT NULL AND date IS NOT NULL AND status NOT IN ('expected', 'denied')
    GROUP BY 1, 2, 3;

    -- Statuses present among an event's reports, as bits (reported 1, claimed 2, denied 4,
    -- expected 8, any other 16): whether a claim is denied is a bit test.
    ALTER TABLE events ADD COLUMN status_mask INTEGER NOT NULL DEFAULT 0;
    UPDATE events SET status_mask = coalesce((
        SELECT sum(DISTINCT CASE status WHEN 'reported' THEN 1 WHEN 'claimed' THEN 2 WHEN 'denied' THEN 4
                                        WHEN 'expected' THEN 8 ELSE 16 END)
        FROM reports WHERE reports.event_id = events.id), 0);

    -- Seeks for "does this event already have a report from this source (with this status)?".
    DROP INDEX reports_event;
    CREATE INDEX reports_event ON reports(event_id, origin_source_id, article_id, status);

    -- New articles enter the full-text index from the storage layer (`Connection.indexArticles`),
    -- one statement per ingest transaction: with a trigger, every article's INSERT opened a
    -- statement savepoint on the FTS5 table, and FTS5 writes out a segment at each savepoint, so
    -- a batch of 500 articles left 500 tiny segments to merge. Update and delete triggers stay.
    DROP TRIGGER articles_fts_insert;
    """
}
