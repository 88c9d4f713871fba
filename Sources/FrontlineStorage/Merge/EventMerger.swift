/// The merge step of ingest, delete and re-extraction, run inside their transaction: re-partitions
/// every merge group a change touches (`Clustering`, pure and order-independent), maps the new
/// clusters onto the existing events (keeping ids where it can), rewrites the derived fields of
/// the events that changed (`EventSummary`), and records the changes.
struct EventMerger {
    var configuration: MergeConfiguration

    struct Outcome {
        /// Events created or whose fields changed (not deleted ones).
        var touched: Set<Int64> = []
        var created: Set<Int64> = []
        var deleted: Set<Int64> = []
        /// Provinces whose control may have moved (capture and assault groups).
        var provinces: Set<String> = []
    }

    /// One merge group: captures of a place by any actor (`actorID` unused), or reports of one
    /// type, place and actor.
    struct GroupKey: Hashable, Comparable {
        var placeKey: String
        var type: String
        var actorID: String?

        init(placeKey: String, type: String, actorID: String?) {
            self.placeKey = placeKey
            self.type = type
            self.actorID = type == "capture" ? nil : actorID
        }

        static func < (a: GroupKey, b: GroupKey) -> Bool {
            (a.placeKey, a.type, a.actorID ?? "") < (b.placeKey, b.type, b.actorID ?? "")
        }
    }

    /// A report as the merger reads it.
    private struct Member {
        var cluster: Clustering.Member
        var eventID: Int64?
        var provinceID: String?
        var cityID: String?
    }

    /// Merges `newReportIDs` (stored, not yet in an event) and re-partitions the groups of
    /// `staleEvents` (events that lost reports), then records every event change.
    func update(newReportIDs: [Int64], staleEvents: Set<Int64>, in db: Connection, now: String) throws -> Outcome {
        var pending: [GroupKey: [Member]] = [:]
        for id in newReportIDs {
            guard let (key, member) = try db.one("""
                SELECT type, province_id, city_id, actor_id, date, published_at, status FROM reports WHERE id = ?
                """, [.integer(id)], { row -> (GroupKey, Member) in
                    let (province, city) = (row.optionalString(1), row.optionalString(2))
                    let key = GroupKey(placeKey: PlaceKey.of(city: city, province: province), type: row.string(0),
                                       actorID: row.optionalString(3))
                    return (key, Member(cluster: Self.clusterMember(id, actor: row.optionalString(3), date: row.optionalString(4),
                                                                    published: row.optionalString(5), status: row.string(6)),
                                        eventID: nil, provinceID: province, cityID: city))
                }) else { continue }
            pending[key, default: []].append(member)
        }
        var groups = Set(pending.keys)
        for id in staleEvents {
            if let key = try db.one("SELECT place_key, type, actor_id FROM events WHERE id = ?", [.integer(id)], {
                GroupKey(placeKey: $0.string(0), type: $0.string(1), actorID: $0.optionalString(2))
            }) {
                groups.insert(key)
            }
        }
        var outcome = Outcome()
        for key in groups.sorted() {
            try recluster(key, pending: pending[key] ?? [], in: db, now: now, into: &outcome)
            if key.type == "capture" || key.type == "assault", let province = try province(of: key.placeKey, in: db) {
                outcome.provinces.insert(province)
            }
        }
        // Assaults and visits of a place can contradict the dates of its captures: re-derive them
        // after every group is settled.
        for place in Set(groups.filter { $0.type == "assault" || $0.type == "visit" }.map(\.placeKey)).sorted() {
            let captures = try db.all("SELECT id FROM events WHERE place_key = ? AND type = 'capture'", [.text(place)]) {
                $0.int64(0)
            }
            for id in captures {
                guard try refreshOne(id, membershipChanged: false, in: db, now: now) else { continue }
                outcome.touched.insert(id)
                if let province = try province(of: place, in: db) { outcome.provinces.insert(province) }
            }
        }
        for id in outcome.touched.union(outcome.deleted).sorted() {
            let op: ChangeRecord.Operation = outcome.deleted.contains(id) ? .deleted
                : outcome.created.contains(id) ? .created : .updated
            try db.recordChange(.event, id, op, at: now)
        }
        return outcome
    }

    /// Re-partitions one group and maps clusters onto events: each cluster keeps the event that
    /// holds most of its reports (ties: the lowest id) unless an earlier cluster took it; events
    /// left without a cluster are deleted.
    private func recluster(_ key: GroupKey, pending: [Member], in db: Connection, now: String,
                           into outcome: inout Outcome) throws {
        let isCapture = key.type == "capture"
        let actorClause = isCapture ? "" : "AND e.actor_id IS ?"
        var arguments: [SQLValue] = [.text(key.placeKey), .text(key.type)]
        if !isCapture { arguments.append(SQLValue(key.actorID)) }
        let events = try db.all("SELECT e.id FROM events e WHERE e.place_key = ? AND e.type = ? \(actorClause) ORDER BY e.id",
                                arguments) { $0.int64(0) }
        var members = pending
        if !events.isEmpty {
            members += try db.all("""
                SELECT r.id, r.event_id, r.actor_id, r.date, r.published_at, r.status, r.province_id, r.city_id
                FROM events e JOIN reports r ON r.event_id = e.id
                WHERE e.place_key = ? AND e.type = ? \(actorClause)
                """, arguments) { row in
                    Member(cluster: Self.clusterMember(row.int64(0), actor: row.optionalString(2), date: row.optionalString(3),
                                                       published: row.optionalString(4), status: row.string(5)),
                           eventID: row.int64(1), provinceID: row.optionalString(6), cityID: row.optionalString(7))
                }
        }
        let byID = Dictionary(uniqueKeysWithValues: members.map { ($0.cluster.reportID, $0) })
        let clusters = Clustering.partition(members.map(\.cluster), isCapture: isCapture, windowDays: configuration.windowDays)
        var used = Set<Int64>()
        var changed = Set<Int64>()
        var assigned: [Int64] = []
        for cluster in clusters {
            var counts: [Int64: Int] = [:]
            for id in cluster { if let event = byID[id]!.eventID { counts[event, default: 0] += 1 } }
            let kept = counts.filter { !used.contains($0.key) }
                .max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
            let eventID: Int64
            if let kept {
                eventID = kept
            } else {
                let first = byID[cluster[0]]!
                try db.run("""
                    INSERT INTO events(type, province_id, city_id, actor_id, place_key, status, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, 'expected', ?, ?)
                    """, [.text(key.type), SQLValue(first.provinceID), SQLValue(first.cityID), SQLValue(first.cluster.actorID),
                          .text(key.placeKey), .text(now), .text(now)])
                eventID = db.lastInsertRowID
                outcome.created.insert(eventID)
            }
            used.insert(eventID)
            assigned.append(eventID)
            for id in cluster where byID[id]!.eventID != eventID {
                try db.run("UPDATE reports SET event_id = ? WHERE id = ?", [.integer(eventID), .integer(id)])
                // Both ends of a move change: the event gaining the report and the one losing it.
                changed.insert(eventID)
                if let from = byID[id]!.eventID { changed.insert(from) }
            }
        }
        for eventID in assigned {
            if try refreshOne(eventID, membershipChanged: changed.contains(eventID), in: db, now: now) {
                outcome.touched.insert(eventID)
            }
        }
        for id in events where !used.contains(id) {
            try db.run("DELETE FROM events WHERE id = ?", [.integer(id)])
            outcome.deleted.insert(id)
            outcome.touched.remove(id)
        }
    }

    /// Recomputes one event's derived fields from its reports and writes those that changed.
    /// Returns whether anything was written.
    func refreshOne(_ id: Int64, membershipChanged: Bool, in db: Connection, now: String) throws -> Bool {
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
        guard !inputs.isEmpty, let old = try db.one("""
            SELECT type, place_key, actor_id, date, date_precision, date_from, date_to, status, disputed, dispute_reason,
                dispute, report_count, source_count, sources, first_reported_at
            FROM events WHERE id = ?
            """, [.integer(id)], { row in
                (type: row.string(0), placeKey: row.string(1), actor: row.optionalString(2), date: row.optionalString(3),
                 precision: row.string(4), from: row.optionalString(5), to: row.optionalString(6), status: row.string(7),
                 disputed: row.bool(8), reason: row.optionalString(9), dispute: row.optionalString(10),
                 reports: row.int(11), sourceCount: row.int(12), sources: row.string(13), first: row.optionalString(14))
            }) else { return false }
        let threshold = old.type == "capture" ? try contradictionThreshold(place: old.placeKey, actor: old.actor, in: db) : nil
        let summary = EventSummary(type: old.type, inputs, contradictedBefore: threshold)
        let sources = JSONList.encode(summary.sourceIDs)
        let indexedChanged = summary.date != old.date || summary.status != old.status || summary.disputed != old.disputed
        let otherChanged = summary.datePrecision != old.precision || summary.dateFrom != old.from || summary.dateTo != old.to
            || summary.disputeReason != old.reason || summary.disputeJSON != old.dispute
            || summary.reportCount != old.reports || summary.sourceCount != old.sourceCount || sources != old.sources
            || summary.firstReportedAt != old.first
        guard membershipChanged || indexedChanged || otherChanged else { return false }
        // Columns in indexes (date, sort_key, status, disputed) are written only when they change:
        // SQLite rewrites every index naming a column in the SET list, whatever the value.
        if indexedChanged {
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
        guard membershipChanged || summary.reportCount != old.reports else { return true }
        let linked = try db.all("SELECT source_id FROM event_sources WHERE event_id = ? ORDER BY source_id",
                                [.integer(id)]) { $0.string(0) }
        guard linked != summary.linkedSourceIDs else { return true }
        try db.run("DELETE FROM event_sources WHERE event_id = ?", [.integer(id)])
        for source in summary.linkedSourceIDs {
            try db.run("INSERT INTO event_sources(source_id, event_id) VALUES (?, ?)", [.text(source), .integer(id)])
        }
        return true
    }

    /// Capture dates strictly before the returned day are contradicted (issue 6): an article
    /// published after that date still describes the place as attacked, besieged or contested (an
    /// `assault` by the capturing actor, or by no named actor) or visited by someone else
    /// (government leaders). A witness contradicts day D when it was published after D and its own
    /// date is after D or unknown, i.e. when D < min(published day, date); over all witnesses,
    /// D < the maximum of that. An aggregate in SQL: a busy place has thousands of witnesses.
    private func contradictionThreshold(place: String, actor: String?, in db: Connection) throws -> String? {
        try db.one("""
            SELECT max(min(substr(a.published_at, 1, 10), coalesce(r.date, '9999-12-31')))
            FROM events e JOIN reports r ON r.event_id = e.id JOIN articles a ON a.id = r.article_id
            WHERE e.place_key = ?1 AND r.status IN ('reported', 'claimed') AND a.published_at IS NOT NULL
                AND ((e.type = 'assault' AND (r.actor_id IS NULL OR r.actor_id = ?2))
                     OR (e.type = 'visit' AND r.actor_id IS NOT ?2))
            """, [.text(place), SQLValue(actor)]) { $0.optionalString(0) } ?? nil
    }

    /// The province a place key belongs to (a city's province), nil for none.
    private func province(of placeKey: String, in db: Connection) throws -> String? {
        if placeKey.hasPrefix("province:") { return String(placeKey.dropFirst("province:".count)) }
        guard placeKey.hasPrefix("city:") else { return nil }
        return try db.one("SELECT province_id FROM cities WHERE id = ?", [.text(String(placeKey.dropFirst("city:".count)))]) {
            $0.optionalString(0)
        } ?? nil
    }

    private static func clusterMember(_ id: Int64, actor: String?, date: String?, published: String?,
                                      status: String) -> Clustering.Member {
        Clustering.Member(reportID: id, actorID: actor, day: date.flatMap(Timestamp.dayNumber),
                          publishedDay: published.flatMap(Timestamp.dayNumber), status: status)
    }
}
