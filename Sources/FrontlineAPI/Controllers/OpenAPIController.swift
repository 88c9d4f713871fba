import Foundation
import FrontlineHTTP

/// `GET /api/openapi.json`: `Config/openapi.json` with its `x-frontline-enum` placeholders
/// replaced by the slugs this server knows (provinces, cities, actors, sources, event types),
/// so the document describes exactly what the filters accept. Built once at start.
struct OpenAPIController: RouteCollection {
    let body: [UInt8]
    let etag: String

    /// - Throws: when the file is missing or is not JSON.
    init(path: String, enums: [String: [String]]) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReferenceData.LoadError(description: "cannot read \(path)")
        }
        let document = try JSONSerialization.jsonObject(with: data)
        let filled = Self.fill(document, enums: enums)
        let bytes = [UInt8](try JSONSerialization.data(withJSONObject: filled, options: [.sortedKeys, .withoutEscapingSlashes]))
        body = bytes
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        etag = "\"" + String(hash, radix: 16) + "\""
    }

    static func fill(_ value: Any, enums: [String: [String]]) -> Any {
        if var object = value as? [String: Any] {
            if let name = object["x-frontline-enum"] as? String {
                object["x-frontline-enum"] = nil
                object["enum"] = (enums[name] ?? []).sorted()
            }
            return object.mapValues { fill($0, enums: enums) }
        }
        if let array = value as? [Any] { return array.map { fill($0, enums: enums) } }
        return value
    }

    func register(on router: Router) {
        let body = self.body
        let etag = self.etag
        router.get("/api/openapi.json") { request, _ in
            _ = try QueryParameters(request, allowed: [])
            if ConditionalGet.matches(request, etag: etag) { return ConditionalGet.notModified(etag: etag) }
            return ConditionalGet.tagged(.json(body), etag: etag)
        }
    }
}
