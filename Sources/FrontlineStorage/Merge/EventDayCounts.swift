/// `event_day_counts` (events per day and type, which the timeline reads) kept by the storage
/// layer since migration 13, at each place an event's date comes, goes or moves: an event
/// inserted (`EventState.insert`), rewritten with another date (`EventState.write`) or deleted
/// (`MergeRun.deleteEvent`). Triggers did it before: with the insert trigger, an event insert took
/// about 12 µs more (a third of the insert) than without it plus the same upsert run as a
/// statement (BENCHMARKS.md, twelfth session). `frontline check` still compares the
/// counts with a recount (`runningTotalProblems`).
extension Connection {
    /// Moves one event of `type` from day `old` to day `new` (nil: undated) in the counts.
    func countEventDay(type: String, from old: String?, to new: String?) throws {
        guard old != new else { return }
        if let old {
            try run("UPDATE event_day_counts SET events = events - 1 WHERE date = ? AND type = ?", [.text(old), .text(type)])
        }
        if let new {
            try run("""
                INSERT INTO event_day_counts(date, type, events) VALUES (?, ?, 1)
                ON CONFLICT(date, type) DO UPDATE SET events = events + 1
                """, [.text(new), .text(type)])
        }
    }

    /// Adds the events with an id of at least `firstID` to the counts (events inserted in bulk by SQL).
    func countEventDays(fromID firstID: Int64) throws {
        try run("""
            INSERT INTO event_day_counts(date, type, events)
            SELECT date, type, count(*) FROM events WHERE id >= ? AND date IS NOT NULL GROUP BY date, type
            ON CONFLICT(date, type) DO UPDATE SET events = events + excluded.events
            """, [.integer(firstID)])
    }
}
