/// Per-day aggregates for charts (`GET /api/timeline`).
extension Connection {
    /// The longest range `timeline` accepts, in days.
    public static let maxTimelineDays = 3660

    /// Per day from `from` to `to` (YYYY-MM-DD, inclusive): events by type (by consensus date),
    /// provinces changing hands, and provinces per control status at the end of the day.
    /// - Throws: `StorageError.invalidArgument` for malformed dates, `from` after `to`, or a range
    ///   longer than `maxTimelineDays`.
    public func timeline(from: String, to: String) throws -> [TimelineDay] {
        guard let first = Timestamp.dayNumber(from), let last = Timestamp.dayNumber(to) else {
            throw StorageError.invalidArgument("dates must be YYYY-MM-DD")
        }
        guard first <= last else { throw StorageError.invalidArgument("from is after to") }
        guard last - first < Self.maxTimelineDays else {
            throw StorageError.invalidArgument("range longer than \(Self.maxTimelineDays) days")
        }
        var counts: [String: [String: Int]] = [:]
        try query("SELECT date, type, events FROM event_day_counts WHERE date >= ? AND date <= ? AND events > 0",
                  [.text(from), .text(to)]) { row in
            counts[row.string(0), default: [:]][row.string(1)] = row.int(2)
        }
        let intervals = try all("SELECT province_id, status, since, until, event_id FROM control ORDER BY province_id, since",
                                [], Self.control)
        let provinceCount = Int(try scalar("SELECT count(*) FROM provinces") ?? 0)
        var changed: [String: Set<String>] = [:]
        for interval in intervals where interval.eventID != nil && interval.since >= from && interval.since <= to {
            changed[interval.since, default: []].insert(interval.provinceID)
        }
        let statuses = ["government", "contested", "taliban", "unknown"]
        return (first...last).map { day in
            let date = Timestamp.date(dayNumber: day)
            var held = Dictionary(uniqueKeysWithValues: statuses.map { ($0, 0) })
            var known = 0
            for interval in intervals where interval.since <= date && (interval.until.map { $0 > date } ?? true) {
                held[interval.status, default: 0] += 1
                known += 1
            }
            held["unknown", default: 0] += max(0, provinceCount - known)
            return TimelineDay(date: date, eventsByType: counts[date] ?? [:],
                               changedHands: (changed[date] ?? []).sorted(), held: held)
        }
    }
}
