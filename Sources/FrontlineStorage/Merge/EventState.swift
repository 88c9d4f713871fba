/// The fields of an event row that merging derives from its reports, read and written as one
/// value so the full recomputation and the one-report update (`MergeRun.refreshAdded`) share
/// the comparison and the write.
struct EventState: Equatable {
    var date: String?
    var precision: String
    var from: String?
    var to: String?
    var status: String
    var disputeReason: String?
    var dispute: String?
    var reportCount: Int
    var sourceCount: Int
    /// JSON list of the independent sources, sorted.
    var sources: String
    var firstReportedAt: String?
    /// Publisher of the earliest report (by publication, then report id): the source that broke it.
    var firstSourceID: String?
    var spanFrom: String?
    var spanTo: String?
    /// Captures: the contradiction threshold the consensus was computed with.
    var threshold: String?
    /// Assaults and visits: see `events.witness_value`.
    var witness: String?
    var undated: Int
    /// Publication days (YYYY-MM-DD) of the earliest and latest undated report.
    var undatedPublishedFrom: String?
    var undatedPublishedTo: String?
    /// Statuses present among the reports (`statusBit`).
    var statusMask: Int

    var disputed: Bool { disputeReason != nil }

    /// The bit of a report status in `statusMask` (matches migration 2's backfill).
    static func statusBit(_ status: String) -> Int {
        switch status {
        case "reported": return 1
        case "claimed": return 2
        case "denied": return 4
        case "expected": return 8
        default: return 16
        }
    }

    /// The state of an event holding exactly one report (what `EventSummary` gives for it).
    static func single(type: String, _ input: EventSummary.Input, witness: String?, threshold: String?) -> EventState {
        let counted = input.date.flatMap { EventSummary.countsTowardsDate(input.status) ? $0 : nil }
        let undatedDay = input.date == nil ? input.publishedAt.map { String($0.prefix(10)) } : nil
        return EventState(
            date: counted, precision: counted == nil ? "unknown" : input.datePrecision, from: counted, to: counted,
            status: EventSummary.statusNames[EventSummary.statusRank(status: input.status, partySource: input.partySource)],
            disputeReason: nil, dispute: nil, reportCount: 1, sourceCount: 1,
            sources: JSONList.encode([input.independentSourceID].compactMap { $0 }), firstReportedAt: input.publishedAt,
            firstSourceID: input.sourceID, spanFrom: input.date, spanTo: input.date, threshold: threshold, witness: witness,
            undated: input.date == nil ? 1 : 0, undatedPublishedFrom: undatedDay, undatedPublishedTo: undatedDay,
            statusMask: statusBit(input.status))
    }

    /// Inserts a new event in this state; returns its id.
    func insert(type: String, provinceID: String?, cityID: String?, actorID: String?, placeKey: String, now: String,
                in db: Connection) throws -> Int64 {
        try db.run("""
            INSERT INTO events(type, province_id, city_id, actor_id, place_key, date, sort_key, status, disputed, date_precision,
                date_from, date_to, dispute_reason, dispute, report_count, source_count, sources, first_reported_at, span_from,
                span_to, contradicted_before, witness_value, undated_count, status_mask, first_source_id,
                undated_published_from, undated_published_to, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(type), SQLValue(provinceID), SQLValue(cityID), SQLValue(actorID), .text(placeKey), SQLValue(date),
                  .text(date ?? ""), .text(status), SQLValue(disputed), .text(precision), SQLValue(from), SQLValue(to),
                  SQLValue(disputeReason), SQLValue(dispute), .integer(Int64(reportCount)), .integer(Int64(sourceCount)),
                  .text(sources), SQLValue(firstReportedAt), SQLValue(spanFrom), SQLValue(spanTo), SQLValue(threshold),
                  SQLValue(witness), .integer(Int64(undated)), .integer(Int64(statusMask)), SQLValue(firstSourceID),
                  SQLValue(undatedPublishedFrom), SQLValue(undatedPublishedTo), .text(now), .text(now)])
        return db.lastInsertRowID
    }

    /// The event's type and place with its stored state.
    static func load(_ id: Int64, in db: Connection) throws -> (type: String, placeKey: String, state: EventState)? {
        try db.one("""
            SELECT type, place_key, date, date_precision, date_from, date_to, status, dispute_reason, dispute,
                report_count, source_count, sources, first_reported_at, span_from, span_to, contradicted_before,
                witness_value, undated_count, status_mask, first_source_id, undated_published_from, undated_published_to
            FROM events WHERE id = ?
            """, [.integer(id)]) { row in
                (row.string(0), row.string(1),
                 EventState(date: row.optionalString(2), precision: row.string(3), from: row.optionalString(4),
                            to: row.optionalString(5), status: row.string(6), disputeReason: row.optionalString(7),
                            dispute: row.optionalString(8), reportCount: row.int(9), sourceCount: row.int(10),
                            sources: row.string(11), firstReportedAt: row.optionalString(12),
                            firstSourceID: row.optionalString(19),
                            spanFrom: row.optionalString(13), spanTo: row.optionalString(14),
                            threshold: row.optionalString(15), witness: row.optionalString(16), undated: row.int(17),
                            undatedPublishedFrom: row.optionalString(20), undatedPublishedTo: row.optionalString(21),
                            statusMask: row.int(18)))
            }
    }

    /// Writes the fields that differ from `old` (all of them when `force`), stamping `updated_at`.
    /// - Returns: whether anything was written.
    func write(_ id: Int64, over old: EventState, force: Bool, now: String, in db: Connection) throws -> Bool {
        guard force || self != old else { return false }
        // Columns in indexes (date, sort_key, status, disputed) are written only when they change:
        // SQLite rewrites every index naming a column in the SET list, whatever the value.
        if date != old.date || status != old.status || disputed != old.disputed {
            try db.run("UPDATE events SET date = ?, sort_key = ?, status = ?, disputed = ? WHERE id = ?",
                       [SQLValue(date), .text(date ?? ""), .text(status), SQLValue(disputed), .integer(id)])
        }
        try db.run("""
            UPDATE events SET date_precision = ?, date_from = ?, date_to = ?, dispute_reason = ?, dispute = ?,
                report_count = ?, source_count = ?, sources = ?, first_reported_at = ?, span_from = ?, span_to = ?,
                contradicted_before = ?, witness_value = ?, undated_count = ?, status_mask = ?, first_source_id = ?,
                undated_published_from = ?, undated_published_to = ?, updated_at = ?
            WHERE id = ?
            """, [.text(precision), SQLValue(from), SQLValue(to), SQLValue(disputeReason), SQLValue(dispute),
                  .integer(Int64(reportCount)), .integer(Int64(sourceCount)), .text(sources), SQLValue(firstReportedAt),
                  SQLValue(spanFrom), SQLValue(spanTo), SQLValue(threshold), SQLValue(witness),
                  .integer(Int64(undated)), .integer(Int64(statusMask)), SQLValue(firstSourceID),
                  SQLValue(undatedPublishedFrom), SQLValue(undatedPublishedTo), .text(now), .integer(id)])
        return true
    }
}
