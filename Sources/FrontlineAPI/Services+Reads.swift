import FrontlineHTTP
import FrontlineStorage

/// Helpers every read endpoint uses: storage errors as HTTP errors, filter validation against
/// the reference data, and the conditional, format-aware list response.
extension Services {
    /// Runs storage work, turning storage errors into client-visible errors.
    func storage<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StorageError {
            throw Self.httpError(error)
        } catch let error as SQLiteError where error.isResourceFailure || error.isBusy {
            // Nothing was stored; the client may retry once the disk has room or the lock clears.
            // The response says only that; the log keeps SQLite's own words for the operator.
            let full = SQLiteError.full ~= error
            logger.error("database \(full ? "full" : error.isBusy ? "busy" : "I/O error"), answered \(full ? 507 : 503): \(error)")
            throw HTTPError(status: full ? .insufficientStorage : .serviceUnavailable,
                            code: full ? "storage_full" : "storage_unavailable",
                            message: full ? "the database is full; nothing was stored" : "the database is unavailable; nothing was stored",
                            headers: ["Retry-After": "30"])
        }
    }

    static func httpError(_ error: StorageError) -> HTTPError {
        switch error {
        case .badCursor: return .invalidParameter("cursor", "cursor is not a cursor returned by this listing")
        case .badQuery(let why): return .invalidParameter("q", "q: \(why)")
        case .invalidArgument(let why): return .badRequest(why, code: "invalid_parameter")
        case .notFound(let what): return .notFound("not found: \(what)")
        case .closed: return HTTPError(status: .serviceUnavailable, code: "unavailable", message: "the database is closed")
        case .databaseTooNew, .schemaMismatch:
            return HTTPError(status: .serviceUnavailable, code: "unavailable", message: error.description)
        case .inconsistent: return HTTPError(status: .internalServerError, code: "internal_error", message: error.description)
        }
    }

    func province(_ query: QueryParameters, _ name: String = "province") throws -> String? {
        guard let value = query.text(name) else { return nil }
        guard reference.provinces.contains(value) else {
            throw HTTPError.invalidParameter(name, "unknown province \(value) (see /api/provinces)")
        }
        return value
    }

    func city(_ query: QueryParameters) throws -> String? {
        guard let value = query.text("city") else { return nil }
        guard reference.cities.contains(value) else { throw HTTPError.invalidParameter("city", "unknown city \(value)") }
        return value
    }

    func actor(_ query: QueryParameters) throws -> String? {
        guard let value = query.text("actor") else { return nil }
        guard reference.actors.contains(value) else { throw HTTPError.invalidParameter("actor", "unknown actor \(value)") }
        return value
    }

    func source(_ query: QueryParameters) throws -> String? {
        guard let value = query.text("source") else { return nil }
        let known = try storage { try database.read { try $0.source(id: value) } } != nil
        guard known else { throw HTTPError.invalidParameter("source", "unknown source \(value) (see /api/sources)") }
        return value
    }

    /// A conditional list response in the requested format: 304 when the client's tag is
    /// current, else the first page (JSON, cached per data version) or a stream of every row
    /// (CSV, NDJSON).
    func list<Item>(_ request: HTTPRequest, _ query: QueryParameters, export: ListExport<Item>,
                    cursor: Cursor?, variant: String = "") throws -> HTTPResponse {
        let format = try ResponseFormat.of(request, query)
        let limitGiven = query.text("limit") != nil
        let limit = try query.limit()
        if format == .json {
            return try document(request, variant: format.tag + variant) { db in
                let page = try export.page(db, cursor, limit)
                var writer = JSONWriter(capacity: 512 * max(1, page.items.count))
                writer.list(nextCursor: page.next?.token) { writer in
                    for item in page.items { export.json(&writer, item) }
                }
                return writer.bytes
            }
        }
        let firstSize = min(limitGiven ? limit : Int.max, ListExport<Item>.exportPageSize)
        return try storage {
            let answer: (String, ListPage<Item>?) = try database.read { db in
                let etag = ConditionalGet.etag(version: try db.dataVersion(), variant: format.tag + variant)
                if ConditionalGet.matches(request, etag: etag) { return (etag, nil) }
                return (etag, try export.page(db, cursor, firstSize))
            }
            guard let page = answer.1 else { return ConditionalGet.notModified(etag: answer.0) }
            return try export.respond(format: format, database: database, cursor: cursor, limit: limit,
                                      limitGiven: limitGiven, etag: answer.0, firstPage: page)
        }
    }

    /// A conditional JSON document built in one read snapshot, or taken from the cache when
    /// the same target was answered at the current data version.
    func document(_ request: HTTPRequest, variant: String = "j",
                  _ build: (Connection) throws -> [UInt8]?) throws -> HTTPResponse {
        let key = variant + " " + request.target
        return try storage {
            let answer: (etag: String, body: [UInt8]?, notModified: Bool) = try database.read { db in
                let version = try db.dataVersion()
                if let hit = cache.lookup(key, version: version) {
                    return (hit.etag, hit.body, ConditionalGet.matches(request, etag: hit.etag))
                }
                // Built before the validator is compared: a resource that does not exist is a
                // 404 whatever If-None-Match says (`*` included).
                let etag = ConditionalGet.etag(version: version, variant: variant)
                let body = try build(db)
                if let body { cache.store(key, ResponseCache.Entry(version: version, etag: etag, body: body)) }
                return (etag, body, body != nil && ConditionalGet.matches(request, etag: etag))
            }
            if answer.notModified { return ConditionalGet.notModified(etag: answer.etag) }
            guard let body = answer.body else { throw HTTPError.notFound() }
            return ConditionalGet.tagged(.json(body), etag: answer.etag)
        }
    }
}
