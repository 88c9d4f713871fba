/// Read queries over events (`GET /api/events`, `GET /api/events/{id}`).
extension Connection {
    /// One page of events, newest consensus date first (undated last), then id descending.
    /// - Throws: `StorageError.badCursor` for a cursor of another listing.
    public func eventPage(filter: EventFilter, limit: Int, after: Cursor? = nil) throws -> Page<EventRecord> {
        let limit = min(max(limit, 1), 500)
        // With a source, the walk is over the source's links in date order (`event_sources_sorted`,
        // whose sort_key mirrors the event's: 4–9 ms -> 0.1 ms at 1M events), unless a place narrows
        // the events more: then over that place's events, probing each for a link.
        let bySource = filter.sourceID != nil && filter.provinceID == nil && filter.cityID == nil
        let (sortKey, id) = bySource ? ("es.sort_key", "es.event_id") : ("e.sort_key", "e.id")
        var conditions = SQLConditions()
        if let type = filter.type { conditions.add("e.type = ?", .text(type)) }
        if let province = filter.provinceID { conditions.add("e.province_id = ?", .text(province)) }
        if let city = filter.cityID { conditions.add("e.city_id = ?", .text(city)) }
        if let actor = filter.actorID { conditions.add("e.actor_id = ?", .text(actor)) }
        if let status = filter.status { conditions.add("e.status = ?", .text(status)) }
        // sort_key is the date, or '' when undated: a range on it uses the sort indexes.
        if let from = filter.from { conditions.add("\(sortKey) >= ?", .text(from)) }
        if let to = filter.to { conditions.add("\(sortKey) <= ? AND \(sortKey) <> ''", .text(to)) }
        if let source = filter.sourceID {
            conditions.add(bySource ? "es.source_id = ?"
                           : "EXISTS (SELECT 1 FROM event_sources es WHERE es.source_id = ? AND es.event_id = e.id)",
                           .text(source))
        }
        if let minimum = filter.minSources { conditions.add("e.source_count >= ?", .integer(Int64(minimum))) }
        if let disputed = filter.disputed { conditions.add("e.disputed = ?", SQLValue(disputed)) }
        if let cursor = try after?.require(.events) {
            conditions.add("(\(sortKey), \(id)) < (?, ?)", .text(cursor.key), .integer(cursor.id))
        }
        let from = bySource ? "event_sources es JOIN events e ON e.id = es.event_id" : "events e"
        var items = try all("""
            SELECT \(Self.eventColumns) FROM \(from) \(conditions.whereClause)
            ORDER BY \(sortKey) DESC, \(id) DESC LIMIT ?
            """, conditions.arguments + [.integer(Int64(limit + 1))], Self.event)
        let next: Cursor? = items.count > limit ? {
            items.removeLast()
            let last = items[items.count - 1]
            return Cursor(listing: .events, key: last.date ?? "", id: last.id)
        }() : nil
        return Page(items: items, next: next)
    }

    /// One event without its reports; nil when absent.
    public func event(id: Int64) throws -> EventRecord? {
        try one("SELECT \(Self.eventColumns) FROM events e WHERE e.id = ?", [.integer(id)], Self.event)
    }

    /// Several events by id (order of the result: id ascending); missing ids are skipped.
    public func events(ids: [Int64]) throws -> [EventRecord] {
        try ids.sorted().compactMap { try event(id: $0) }
    }

    /// One event with its reports, each with its article, and the sources involved; nil when absent.
    public func eventDetail(id: Int64) throws -> EventDetail? {
        guard let event = try event(id: id) else { return nil }
        let reports = try all("""
            SELECT \(Self.reportColumns), \(Self.articleColumns)
            FROM reports r JOIN articles a ON a.id = r.article_id LEFT JOIN sources s ON s.id = a.source_id
            WHERE r.event_id = ? ORDER BY r.published_at, r.id
            """, [.integer(id)]) { row -> (report: ReportRecord, article: ArticleRecord) in
                (Self.report(row), Self.article(row.shifted(by: 20)))
            }
        let sources = try all("""
            SELECT \(Self.sourceColumns) FROM sources WHERE id IN (SELECT source_id FROM event_sources WHERE event_id = ?)
            ORDER BY id
            """, [.integer(id)], Self.source)
        return EventDetail(event: event, reports: reports, sources: sources)
    }

    // MARK: - Row mapping

    static let eventColumns = """
        e.id, e.type, e.province_id, e.city_id, e.actor_id, e.date, e.date_precision, e.date_from, e.date_to, \
        e.status, e.disputed, e.dispute_reason, e.dispute, e.report_count, e.source_count, e.sources, \
        e.first_reported_at, e.created_at, e.updated_at
        """

    static func event(_ row: Row) -> EventRecord {
        let range: (from: String, to: String)? = row.isNull(7) || row.isNull(8) ? nil : (row.string(7), row.string(8))
        return EventRecord(
            id: row.int64(0), type: row.string(1), provinceID: row.optionalString(2), cityID: row.optionalString(3),
            actorID: row.optionalString(4), date: row.optionalString(5), datePrecision: row.string(6), dateRange: range,
            status: row.string(9), disputed: row.bool(10), disputeReason: row.optionalString(11),
            disputeJSON: row.optionalString(12), reportCount: row.int(13), sourceCount: row.int(14),
            sourceIDs: JSONList.decode(row.string(15)), firstReportedAt: row.optionalString(16),
            createdAt: row.string(17), updatedAt: row.string(18))
    }
}
