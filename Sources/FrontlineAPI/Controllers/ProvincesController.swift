import FrontlineHTTP
import FrontlineStorage

/// `GET /api/provinces?at=` (the map on a day) and `GET /api/provinces/{id}` (control timeline, recent events).
struct ProvincesController: RouteCollection {
    let services: Services

    static let columns = ["id", "name", "iso_code", "capital", "capital_name", "lat", "lon", "status", "since", "event_id"]

    static func row(_ province: ProvinceRecord) -> [String?] {
        [province.place.id, province.place.name, province.place.isoCode, province.capital?.id, province.capital?.name,
         province.capital?.lat.map { String($0) }, province.capital?.lon.map { String($0) },
         province.control?.status ?? "unknown", province.control?.since, province.control?.eventID.map { String($0) }]
    }

    func register(on router: Router) {
        let services = self.services
        router.get("/api/provinces") { request, _ in
            let query = try QueryParameters(request, allowed: ["at", "format"])
            let at = try query.date("at") ?? CalendarDate.today()
            let format = try ResponseFormat.of(request, query)
            if format != .json {
                let export = ListExport<ProvinceRecord>(
                    name: "provinces", csvHeader: Self.columns, csvRow: Self.row, json: { $0.province($1) },
                    page: { db, _, _ in ListPage(items: try db.provinces(at: at)) })
                return try services.list(request, query, export: export, cursor: nil, variant: at)
            }
            return try services.document(request, variant: "j" + at) { db in
                let provinces = try db.provinces(at: at)
                var writer = JSONWriter(capacity: 300 * provinces.count + 64)
                writer.beginObject()
                writer.field("at", at)
                writer.key("data"); writer.beginArray()
                for province in provinces { writer.province(province) }
                writer.endArray()
                writer.endObject()
                return writer.bytes
            }
        }
        router.get("/api/provinces/{id}") { request, context in
            let query = try QueryParameters(request, allowed: ["at"])
            let id = try context.parameters.require("id")
            let at = try query.date("at") ?? CalendarDate.today()
            guard services.reference.provinces.contains(id) else { throw HTTPError.notFound("no province \(id)") }
            return try services.document(request, variant: "j" + at) { db in
                guard let detail = try db.provinceDetail(id: id, at: at) else { return nil }
                var writer = JSONWriter(capacity: 4096)
                writer.beginObject()
                writer.provinceFields(detail.province)
                writer.field("at", at)
                writer.key("timeline"); writer.beginArray()
                for interval in detail.timeline { writer.controlInterval(interval) }
                writer.endArray()
                writer.key("events"); writer.beginArray()
                for event in detail.recentEvents { writer.event(event) }
                writer.endArray()
                writer.endObject()
                return writer.bytes
            }
        }
    }
}
