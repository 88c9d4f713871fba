import FrontlineHTTP
import FrontlineStorage

/// `GET /api/timeline?from=&to=&bucket=day`: per day, events by type, provinces changing hands
/// (with the statuses before and after) and provinces held per status, for charts.
struct TimelineController: RouteCollection {
    let services: Services

    func register(on router: Router) {
        let services = self.services
        router.get("/api/timeline") { request, _ in
            let query = try QueryParameters(request, allowed: ["from", "to", "bucket"])
            _ = try query.choice("bucket", ["day"])
            let range = try query.dateRange()
            return try services.document(request, variant: "j" + (range.from ?? "") + "_" + (range.to ?? "")) { db in
                let span = try Self.span(db, from: range.from, to: range.to)
                guard let first = CalendarDate.dayNumber(span.from), let last = CalendarDate.dayNumber(span.to),
                      last - first < Connection.maxTimelineDays else {
                    throw HTTPError.invalidParameter("from", "the range may span at most \(Connection.maxTimelineDays) days")
                }
                let days = try db.timeline(from: span.from, to: span.to)
                var timelines: [String: [ControlRecord]] = [:]
                var writer = JSONWriter(capacity: 256 * days.count + 64)
                writer.beginObject()
                writer.field("from", span.from)
                writer.field("to", span.to)
                writer.field("bucket", "day")
                writer.key("data"); writer.beginArray()
                for day in days {
                    writer.beginObject()
                    writer.field("date", day.date)
                    writer.key("events"); writer.beginObject()
                    for (type, count) in day.eventsByType.sorted(by: { $0.key < $1.key }) { writer.dynamicKey(type); writer.int(count) }
                    writer.endObject()
                    writer.key("changes"); writer.beginArray()
                    for province in day.changedHands {
                        if timelines[province] == nil { timelines[province] = try db.controlTimeline(provinceID: province) }
                        let intervals = timelines[province] ?? []
                        guard let index = intervals.lastIndex(where: { $0.since == day.date }) else { continue }
                        writer.beginObject()
                        writer.field("province", province)
                        writer.field("from", index > 0 ? intervals[index - 1].status : "unknown")
                        writer.field("to", intervals[index].status)
                        writer.field("event_id", intervals[index].eventID)
                        writer.endObject()
                    }
                    writer.endArray()
                    writer.key("held"); writer.beginObject()
                    for status in ReferenceIndex.controlStatuses { writer.dynamicKey(status); writer.int(day.held[status] ?? 0) }
                    writer.endObject()
                    writer.endObject()
                }
                writer.endArray()
                writer.endObject()
                return writer.bytes
            }
        }
    }

    /// The requested range, or the span of the stored event dates (today alone when there are none).
    static func span(_ db: Connection, from: String?, to: String?) throws -> (from: String, to: String) {
        if let from, let to { return (from, to) }
        let latest = try db.eventPage(filter: EventFilter(), limit: 1).items.first?.date
        let end = to ?? latest ?? from ?? CalendarDate.today()
        if let from, let first = CalendarDate.dayNumber(from) {
            // Only `from`: up to the latest event, at most the longest range.
            let last = min(max(first, CalendarDate.dayNumber(end) ?? first), first + Connection.maxTimelineDays - 1)
            return (from, CalendarDate.date(dayNumber: last))
        }
        guard let endDay = CalendarDate.dayNumber(end) else { return (end, end) }
        // No "earliest event" query in storage: binary search on "is there an event dated on or
        // before d", each probe one indexed LIMIT 1 (about 12 probes over the longest range).
        var low = endDay - (Connection.maxTimelineDays - 1)
        var high = endDay
        func exists(_ day: Int) throws -> Bool {
            !(try db.eventPage(filter: EventFilter(to: CalendarDate.date(dayNumber: day)), limit: 1).items.isEmpty)
        }
        guard try exists(high) else { return (end, end) }
        if try exists(low) { return (CalendarDate.date(dayNumber: low), end) }
        while high - low > 1 {
            let middle = (low + high) / 2
            if try exists(middle) { high = middle } else { low = middle }
        }
        return (CalendarDate.date(dayNumber: high), end)
    }
}
