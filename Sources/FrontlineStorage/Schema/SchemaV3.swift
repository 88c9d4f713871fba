/// Migration 3: events per day and type kept by triggers, so the timeline (`GET /api/timeline`,
/// "counts by day") reads a few rows per day instead of grouping every event in the range; and
/// an index for the dashboard's most common filter, a province's events of one type; and each
/// event's first publisher, so a source's track record does not sort every event's reports.
/// Migration 13 drops the triggers: the writer keeps the counts since (`Connection.countEventDay`).
enum SchemaV3 {
    static let sql = """
    CREATE TABLE event_day_counts (
        date TEXT NOT NULL,
        type TEXT NOT NULL,
        events INTEGER NOT NULL,
        PRIMARY KEY (date, type)
    ) WITHOUT ROWID;

    INSERT INTO event_day_counts(date, type, events)
    SELECT date, type, count(*) FROM events WHERE date IS NOT NULL GROUP BY date, type;

    -- The publisher of each event's earliest report, for a source's "first to report" count.
    ALTER TABLE events ADD COLUMN first_source_id TEXT;
    UPDATE events SET first_source_id = (
        SELECT r.source_id FROM reports r WHERE r.event_id = events.id ORDER BY r.published_at, r.id LIMIT 1);
    CREATE INDEX events_first_source ON events(first_source_id) WHERE first_source_id IS NOT NULL;

    -- Without it, a type rare in a province meant walking all the province's events (39 ms at 1M).
    CREATE INDEX events_province_type ON events(province_id, type, sort_key, id);

    -- Triggers, not code: every path that writes events (ingest, delete, re-extraction, bulk SQL)
    -- keeps the counts.
    CREATE TRIGGER events_day_insert AFTER INSERT ON events WHEN new.date IS NOT NULL BEGIN
        INSERT INTO event_day_counts(date, type, events) VALUES (new.date, new.type, 1)
        ON CONFLICT(date, type) DO UPDATE SET events = events + 1;
    END;
    CREATE TRIGGER events_day_delete AFTER DELETE ON events WHEN old.date IS NOT NULL BEGIN
        UPDATE event_day_counts SET events = events - 1 WHERE date = old.date AND type = old.type;
    END;
    CREATE TRIGGER events_day_update AFTER UPDATE OF date, type ON events BEGIN
        UPDATE event_day_counts SET events = events - 1
        WHERE old.date IS NOT NULL AND date = old.date AND type = old.type;
        INSERT INTO event_day_counts(date, type, events) SELECT new.date, new.type, 1 WHERE new.date IS NOT NULL
        ON CONFLICT(date, type) DO UPDATE SET events = events + 1;
    END;
    """
}
