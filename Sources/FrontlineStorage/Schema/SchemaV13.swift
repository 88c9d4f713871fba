/// Migration 13: `event_day_counts` is kept by the storage layer instead of triggers (see
/// `Connection.countEventDay`): the triggers cost a third of every event insert.
enum SchemaV13 {
    static let sql = """
    DROP TRIGGER events_day_insert;
    DROP TRIGGER events_day_delete;
    DROP TRIGGER events_day_update;
    """
}
