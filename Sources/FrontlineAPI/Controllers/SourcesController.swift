import FrontlineHTTP
import FrontlineStorage

/// `GET /api/sources` and `GET /api/sources/{id}` (counters and track record).
struct SourcesController: RouteCollection {
    let services: Services

    static let columns = ["id", "name", "kind", "domain", "aliases", "article_count", "cited_count", "first_seen", "last_seen"]

    static func row(_ source: SourceRecord) -> [String?] {
        [source.id, source.name, source.kind, source.domain, source.aliases.joined(separator: ";"),
         String(source.articleCount), String(source.citedCount), source.firstSeen, source.lastSeen]
    }

    static let export = ListExport<SourceRecord>(
        name: "sources", csvHeader: columns, csvRow: row, json: { $0.source($1) },
        page: { db, _, _ in ListPage(items: try db.sources()) })

    func register(on router: Router) {
        let services = self.services
        router.get("/api/sources") { request, _ in
            let query = try QueryParameters(request, allowed: ["format"])
            return try services.list(request, query, export: Self.export, cursor: nil)
        }
        router.get("/api/sources/{id}") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let id = try context.parameters.require("id")
            return try services.document(request) { db in
                guard let source = try db.source(id: id) else { return nil }
                let record = try db.trackRecord(sourceID: id)
                var writer = JSONWriter(capacity: 1024)
                writer.beginObject()
                writer.sourceFields(source)
                writer.key("track_record"); writer.beginObject()
                writer.field("reports", record.reports)
                writer.field("agree_with_consensus", record.agreeWithConsensus)
                writer.field("first_to_report", record.firstToReport)
                writer.key("median_lag_days"); writer.double(record.medianLagDays)
                writer.endObject()
                writer.endObject()
                return writer.bytes
            }
        }
    }
}
