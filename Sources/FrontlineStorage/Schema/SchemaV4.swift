/// Migration 4: the publication days an event's undated reports span, so ingest can prove that a
/// new dated report pulls no undated report into another event without re-reading the group;
/// and one index fewer to rewrite when an event's date changes.
enum SchemaV4 {
    static let sql = """
    ALTER TABLE events ADD COLUMN undated_published_from TEXT;
    ALTER TABLE events ADD COLUMN undated_published_to TEXT;
    UPDATE events SET
        undated_published_from = (SELECT min(substr(published_at, 1, 10)) FROM reports
                                  WHERE event_id = events.id AND date IS NULL),
        undated_published_to = (SELECT max(substr(published_at, 1, 10)) FROM reports
                                WHERE event_id = events.id AND date IS NULL)
    WHERE undated_count > 0;

    -- Served the timeline's GROUP BY, which reads event_day_counts since migration 3.
    DROP INDEX events_day;
    """
}
