/// The merge step of ingest and delete, run inside their transaction: assigns new reports to
/// events (creating them as needed) and rewrites the derived fields of every touched event.
/// Decisions come from `MergeDecision` and `EventSummary` (pure); this type only does the SQL.
///
/// This is the hook the knowledge layer (issue 6) refines: consensus rules, party sources,
/// contradiction by later articles.
struct EventMerger {
    var configuration: MergeConfiguration

    struct Outcome {
        var touched: Set<Int64>
        var created: Set<Int64>
    }

    /// Places each report in an event, then refreshes the touched events and records changes.
    func assign(reportIDs: [Int64], in db: Connection, now: String) throws -> Outcome {
        var touched = Set<Int64>()
        var created = Set<Int64>()
        for reportID in reportIDs {
            guard let report = try db.one("""
                SELECT type, province_id, city_id, actor_id, date, published_at FROM reports WHERE id = ?
                """, [.integer(reportID)], { row in
                    (type: row.string(0), province: row.optionalString(1), city: row.optionalString(2),
                     actor: row.optionalString(3), date: row.optionalString(4), published: row.optionalString(5))
                }) else { continue }
            let placeKey = PlaceKey.of(city: report.city, province: report.province)
            let candidates = try db.all("""
                SELECT id, actor_id, date, date_from, date_to FROM events
                WHERE place_key = ? AND type = ? AND actor_id IS ?
                """, [.text(placeKey), .text(report.type), SQLValue(report.actor)], Self.candidate)
            let isCapture = report.type == "capture"
            let rivals = isCapture ? try db.all("""
                SELECT id, actor_id, date, date_from, date_to FROM events
                WHERE place_key = ? AND type = 'capture' AND actor_id IS NOT ?
                """, [.text(placeKey), SQLValue(report.actor)], Self.candidate) : []
            let decision = MergeDecision.decide(
                isCapture: isCapture, reportDate: report.date, reference: report.published,
                candidates: candidates, rivals: rivals, windowDays: configuration.windowDays)
            let eventID: Int64
            switch decision {
            case .join(let id):
                eventID = id
            case .create:
                try db.run("""
                    INSERT INTO events(type, province_id, city_id, actor_id, place_key, status, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, 'expected', ?, ?)
                    """, [.text(report.type), SQLValue(report.province), SQLValue(report.city), SQLValue(report.actor),
                          .text(placeKey), .text(now), .text(now)])
                eventID = db.lastInsertRowID
                created.insert(eventID)
            }
            try db.run("UPDATE reports SET event_id = ? WHERE id = ?", [.integer(eventID), .integer(reportID)])
            // Refresh now so the next report of the same article sees this event's new date range.
            _ = try refreshOne(eventID, in: db, now: now)
            touched.insert(eventID)
        }
        for id in touched {
            try db.recordChange(.event, id, created.contains(id) ? .created : .updated, at: now)
        }
        return Outcome(touched: touched, created: created)
    }

    /// Rewrites the derived fields of `events` (deleting those left without reports) and records changes.
    func refresh(events: Set<Int64>, created: Set<Int64>, in db: Connection, now: String) throws {
        for id in events.sorted() {
            let exists = try refreshOne(id, in: db, now: now)
            let op: ChangeRecord.Operation = !exists ? .deleted : created.contains(id) ? .created : .updated
            try db.recordChange(.event, id, op, at: now)
        }
    }

    /// Recomputes one event from its reports; deletes it when it has none. Returns false if deleted.
    func refreshOne(_ id: Int64, in db: Connection, now: String) throws -> Bool {
        let inputs = try db.all("""
            SELECT r.id, r.article_id, r.source_id, r.origin_source_id, r.date, r.date_precision, r.status,
                r.published_at, coalesce(s.kind = 'party', 0)
            FROM reports r LEFT JOIN sources s ON s.id = r.origin_source_id WHERE r.event_id = ?
            """, [.integer(id)]) { row in
                EventSummary.Input(reportID: row.int64(0), articleID: row.int64(1), sourceID: row.optionalString(2),
                                   independentSourceID: row.optionalString(3), date: row.optionalString(4),
                                   datePrecision: row.string(5), status: row.string(6), publishedAt: row.optionalString(7),
                                   partySource: row.bool(8))
            }
        guard !inputs.isEmpty else {
            try db.run("DELETE FROM events WHERE id = ?", [.integer(id)])
            return false
        }
        guard let old = try db.one("SELECT type, sources, date, status, disputed FROM events WHERE id = ?", [.integer(id)], {
            (type: $0.string(0), sources: $0.string(1), date: $0.optionalString(2), status: $0.string(3), disputed: $0.bool(4))
        }) else { return false }
        let summary = EventSummary(type: old.type, inputs)
        let sources = JSONList.encode(summary.sourceIDs)
        // Columns in indexes (date, sort_key, status, disputed) are written only when they change:
        // SQLite rewrites every index naming a column in the SET list, whatever the value.
        if summary.date != old.date || summary.status != old.status || summary.disputed != old.disputed {
            try db.run("UPDATE events SET date = ?, sort_key = ?, status = ?, disputed = ? WHERE id = ?",
                       [SQLValue(summary.date), .text(summary.date ?? ""), .text(summary.status),
                        SQLValue(summary.disputed), .integer(id)])
        }
        try db.run("""
            UPDATE events SET date_precision = ?, date_from = ?, date_to = ?, dispute_reason = ?, dispute = ?,
                report_count = ?, source_count = ?, sources = ?, first_reported_at = ?, updated_at = ?
            WHERE id = ?
            """, [.text(summary.datePrecision), SQLValue(summary.dateFrom), SQLValue(summary.dateTo),
                  SQLValue(summary.disputeReason), SQLValue(summary.disputeJSON), .integer(Int64(summary.reportCount)),
                  .integer(Int64(summary.sourceCount)), .text(sources), SQLValue(summary.firstReportedAt), .text(now),
                  .integer(id)])
        let linked = try db.all("SELECT source_id FROM event_sources WHERE event_id = ? ORDER BY source_id",
                                [.integer(id)]) { $0.string(0) }
        guard linked != summary.linkedSourceIDs else { return true }
        try db.run("DELETE FROM event_sources WHERE event_id = ?", [.integer(id)])
        for source in summary.linkedSourceIDs {
            try db.run("INSERT INTO event_sources(source_id, event_id) VALUES (?, ?)", [.text(source), .integer(id)])
        }
        return true
    }

    private static func candidate(_ row: Row) -> MergeDecision.Candidate {
        MergeDecision.Candidate(id: row.int64(0), actorID: row.optionalString(1), date: row.optionalString(2),
                                dateFrom: row.optionalString(3), dateTo: row.optionalString(4))
    }
}
