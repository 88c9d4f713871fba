/// Migration 6: fewer index pages for each ingest batch to rewrite (issue 3's ingest rate). A
/// batch's commit writes every page it dirtied, and an index keyed by a value that new rows
/// scatter across (an event id) has most of its pages dirtied by every batch of 2,000 articles.
enum SchemaV6 {
    static let sql = """
    -- The track record reads a source's reports; keyed by source alone (with the rowid), new
    -- reports append to each source's run instead of landing beside their event, and moving a
    -- report to another event no longer rewrites this index.
    DROP INDEX reports_source;
    CREATE INDEX reports_source ON reports(source_id);

    -- Source links keyed by event first: the table itself serves "the sources of this event" and
    -- the trigger's update, so the separate event index goes (three b-trees per link become two).
    DROP TRIGGER events_sort_key_links;
    CREATE TABLE event_sources_by_event (
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        source_id TEXT NOT NULL,
        sort_key TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (event_id, source_id)
    ) WITHOUT ROWID;
    INSERT INTO event_sources_by_event(event_id, source_id, sort_key)
        SELECT event_id, source_id, sort_key FROM event_sources ORDER BY event_id, source_id;
    DROP TABLE event_sources;
    ALTER TABLE event_sources_by_event RENAME TO event_sources;
    CREATE INDEX event_sources_sorted ON event_sources(source_id, sort_key, event_id);
    CREATE TRIGGER events_sort_key_links AFTER UPDATE OF sort_key ON events
    WHEN new.sort_key IS NOT old.sort_key BEGIN
        UPDATE event_sources SET sort_key = new.sort_key WHERE event_id = new.id;
    END;
    """
}
