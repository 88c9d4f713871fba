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
    /// `events.sort_key` of a row in this state (undated events sort first).
    var sortKey: String { date ?? "" }

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
                  .text(sortKey), .text(status), SQLValue(disputed), .text(precision), SQLValue(from), SQLValue(to),
                  SQLValue(disputeReason), SQLValue(dispute), .integer(Int64(reportCount)), .integer(Int64(sourceCount)),
                  .text(sources), SQLValue(firstReportedAt), SQLValue(spanFrom), SQLValue(spanTo), SQLValue(threshold),
                  SQLValue(witness), .integer(Int64(undated)), .integer(Int64(statusMask)), SQLValue(firstSourceID),
                  SQLValue(undatedPublishedFrom), SQLValue(undatedPublishedTo), .text(now), .text(now)])
        let id = db.lastInsertRowID
        try db.countEventDay(type: type, from: nil, to: date)
        return id
    }

    /// The columns `read` expects, for a query over `events e`.
    static let columns = """
        e.type, e.place_key, e.actor_id, e.date, e.date_precision, e.date_from, e.date_to, e.status, e.dispute_reason,
        e.dispute, e.report_count, e.source_count, e.sources, e.first_reported_at, e.span_from, e.span_to,
        e.contradicted_before, e.witness_value, e.undated_count, e.status_mask, e.first_source_id,
        e.undated_published_from, e.undated_published_to
        """

    /// The event's type, place and actor with its stored state, from `columns` starting at column `first`.
    static func read(_ row: Row, from first: Int32) -> (type: String, placeKey: String, actorID: String?, state: EventState) {
        let row = row.shifted(by: first)
        return (row.string(0), row.string(1), row.optionalString(2),
                EventState(date: row.optionalString(3), precision: row.string(4), from: row.optionalString(5),
                           to: row.optionalString(6), status: row.string(7), disputeReason: row.optionalString(8),
                           dispute: row.optionalString(9), reportCount: row.int(10), sourceCount: row.int(11),
                           sources: row.string(12), firstReportedAt: row.optionalString(13),
                           firstSourceID: row.optionalString(20), spanFrom: row.optionalString(14), spanTo: row.optionalString(15),
                           threshold: row.optionalString(16), witness: row.optionalString(17), undated: row.int(18),
                           undatedPublishedFrom: row.optionalString(21), undatedPublishedTo: row.optionalString(22),
                           statusMask: row.int(19)))
    }

    /// Writes this state over the row holding `old`, stamping `updated_at`.
    func write(_ id: Int64, type: String, over old: EventState, now: String, in db: Connection) throws {
        // SQLite rewrites every index naming a column in the SET list, whatever the value, so the
        // indexed columns (date, sort_key, status, disputed, first_source_id) are named only when
        // they change.
        let dated = date != old.date
        let statusChanged = status != old.status
        let disputedChanged = disputed != old.disputed
        let firstChanged = firstSourceID != old.firstSourceID
        let fields: [SQLValue] = [
            .text(precision), SQLValue(from), SQLValue(to), SQLValue(disputeReason), SQLValue(dispute),
            .integer(Int64(reportCount)), .integer(Int64(sourceCount)), .text(sources), SQLValue(firstReportedAt),
            SQLValue(spanFrom), SQLValue(spanTo), SQLValue(threshold), SQLValue(witness),
            .integer(Int64(undated)), .integer(Int64(statusMask)),
            SQLValue(undatedPublishedFrom), SQLValue(undatedPublishedTo), .text(now)]
        var indexedFields: [SQLValue] = []
        if dated { indexedFields += [SQLValue(date), .text(sortKey)] }
        if statusChanged { indexedFields.append(.text(status)) }
        if disputedChanged { indexedFields.append(SQLValue(disputed)) }
        if firstChanged { indexedFields.append(SQLValue(firstSourceID)) }
        let variant = (dated ? 1 : 0) | (statusChanged ? 2 : 0) | (disputedChanged ? 4 : 0) | (firstChanged ? 8 : 0)
        try db.run(Self.updateSQL[variant], fields + indexedFields + [.integer(id)])
        if dated { try db.countEventDay(type: type, from: old.date, to: date) }
    }

    /// The UPDATE of `write` for each combination of changed indexed columns (bit 0 date and
    /// sort key, 1 status, 2 disputed, 3 first source), built once: the same text each time keeps
    /// the statement-cache lookup to its address (`Connection.statement`).
    private static let updateSQL: [String] = (0..<16).map { variant in
        """
        UPDATE events SET date_precision = ?, date_from = ?, date_to = ?, dispute_reason = ?, dispute = ?,
            report_count = ?, source_count = ?, sources = ?, first_reported_at = ?, span_from = ?, span_to = ?,
            contradicted_before = ?, witness_value = ?, undated_count = ?, status_mask = ?,
            undated_published_from = ?, undated_published_to = ?, updated_at = ?
        """ + (variant & 1 != 0 ? ", date = ?, sort_key = ?" : "") + (variant & 2 != 0 ? ", status = ?" : "")
            + (variant & 4 != 0 ? ", disputed = ?" : "") + (variant & 8 != 0 ? ", first_source_id = ?" : "") + " WHERE id = ?"
    }
}
