/// Migration 11: an event's source links (`event_sources`) and date votes (`event_votes`) lose
/// their foreign key to `events`. SQLite probed `events` at every link and vote inserted (about
/// three and a half per article): 1.4% of ingest's instructions. Both tables are derived from
/// the reports and rewritten by the merge; the merge deletes an event's links and votes with
/// the event (`MergeRun.deleteEvent`) instead of the cascade, and `frontline check` counts rows
/// left without their event (`Connection.orphanedEventRows`, beside the recount of the votes).
///
/// As in migrations 9 and 10, the tables' SQL is edited in place.
enum SchemaV11 {
    static let sql = """
    PRAGMA writable_schema = ON;
    UPDATE sqlite_schema
        SET sql = replace(sql, 'event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE', 'event_id INTEGER NOT NULL')
        WHERE type = 'table' AND (name = 'event_sources' OR name = 'event_votes');
    PRAGMA writable_schema = OFF;
    """
}
