import FrontlineHTTP
import FrontlineStorage

/// `GET /api/events` (filters, exports) and `GET /api/events/{id}` (reports, their articles and evidence).
struct EventsController: RouteCollection {
    let services: Services

    static let listParameters: Set<String> = [
        "type", "province", "city", "actor", "status", "from", "to", "source", "min_sources", "disputed",
        "limit", "cursor", "format",
    ]

    static let columns = [
        "id", "type", "province", "city", "actor", "date", "date_precision", "date_from", "date_to", "status",
        "disputed", "dispute_reason", "report_count", "source_count", "sources", "first_reported_at", "updated_at",
    ]

    static func row(_ event: EventRecord) -> [String?] {
        [String(event.id), event.type, event.provinceID, event.cityID, event.actorID, event.date, event.datePrecision,
         event.dateRange?.from, event.dateRange?.to, event.status, event.disputed ? "true" : "false",
         event.disputed ? event.disputeReason : nil, String(event.reportCount), String(event.sourceCount),
         event.sourceIDs.joined(separator: ";"), event.firstReportedAt, event.updatedAt]
    }

    static func export(_ filter: EventFilter) -> ListExport<EventRecord> {
        ListExport(name: "events", csvHeader: columns, csvRow: row, json: { $0.event($1) },
                   page: { db, cursor, limit in ListPage(try db.eventPage(filter: filter, limit: limit, after: cursor)) })
    }

    /// The filter of a query string, validated.
    static func filter(_ query: QueryParameters, services: Services) throws -> EventFilter {
        let range = try query.dateRange()
        return EventFilter(
            type: try query.choice("type", services.reference.eventTypes),
            provinceID: try services.province(query), cityID: try services.city(query), actorID: try services.actor(query),
            status: try query.choice("status", ReferenceIndex.eventStatuses), from: range.from, to: range.to,
            sourceID: try services.source(query), minSources: try query.integer("min_sources", in: 0...1_000_000),
            disputed: try query.boolean("disputed"))
    }

    func register(on router: Router) {
        let services = self.services
        router.get("/api/events") { request, _ in
            let query = try QueryParameters(request, allowed: Self.listParameters)
            let filter = try Self.filter(query, services: services)
            return try services.list(request, query, export: Self.export(filter), cursor: try query.cursor())
        }
        router.get("/api/events/{id}") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let id = try PathID.require(context)
            return try services.document(request) { db in
                guard let detail = try db.eventDetail(id: id) else { return nil }
                var writer = JSONWriter(capacity: 2048 * (detail.reports.count + 1))
                writer.beginObject()
                writer.eventFields(detail.event)
                writer.key("reports"); writer.beginArray()
                for (report, article) in detail.reports {
                    writer.beginObject()
                    writer.reportFields(report)
                    writer.key("article"); writer.beginObject()
                    writer.field("id", article.id)
                    writer.field("title", article.title)
                    writer.field("url", article.url)
                    writer.field("published_at", article.publishedAt)
                    writer.key("source"); writer.sourceReference(id: article.sourceID, name: article.sourceName)
                    writer.endObject()
                    writer.endObject()
                }
                writer.endArray()
                writer.endObject()
                return writer.bytes
            }
        }
    }
}
