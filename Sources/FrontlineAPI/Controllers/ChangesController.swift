import FrontlineHTTP
import FrontlineStorage

/// `GET /api/changes?since=<cursor>`: the append-only feed of created, updated and deleted
/// articles and events. The next cursor is always given, so a script keeps it and polls again.
struct ChangesController: RouteCollection {
    let services: Services

    func register(on router: Router) {
        let services = self.services
        router.get("/api/changes") { request, _ in
            let query = try QueryParameters(request, allowed: ["since", "limit"])
            let limit = try query.limit(default: 100)
            let since = try Self.cursor(query)
            return try services.document(request) { db in
                let page: Page<ChangeRecord>
                do {
                    page = try db.changePage(after: since, limit: limit)
                } catch StorageError.badCursor {
                    throw HTTPError.invalidParameter("since", "since is not a cursor of the changes feed")
                }
                var writer = JSONWriter(capacity: 96 * page.items.count + 64)
                writer.list(nextCursor: page.next?.token) { writer in
                    for change in page.items { writer.change(change) }
                }
                return writer.bytes
            }
        }
    }

    /// `since` is a cursor from this feed, or a bare sequence number (as SSE ids are).
    static func cursor(_ query: QueryParameters) throws -> Cursor? {
        guard let value = query.text("since") else { return nil }
        if value.utf8.count <= 18, value.utf8.allSatisfy({ (48...57).contains($0) }), let seq = Int64(value) {
            return Connection.changeCursor(afterSeq: seq)
        }
        let cursor = try query.cursor("since")
        return cursor
    }
}
