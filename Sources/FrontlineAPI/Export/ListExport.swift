import FrontlineHTTP
import FrontlineStorage

/// How one listing turns into JSON, CSV and NDJSON, and how to walk all of its pages.
///
/// JSON answers one page; CSV and NDJSON stream every matching row from the cursor on (capped
/// by `limit` only when the client gives one), page by page with keyset cursors, so an export
/// of a million rows never sits in memory and each page is its own short read transaction.
struct ListExport<Item: Sendable>: Sendable {
    let name: String
    let csvHeader: [String]
    let csvRow: @Sendable (Item) -> [String?]
    let json: @Sendable (inout JSONWriter, Item) -> Void
    /// One page of at most `limit` rows after `cursor`.
    let page: @Sendable (Connection, Cursor?, Int) throws -> ListPage<Item>

    /// Rows per page of an export stream.
    static var exportPageSize: Int { 500 }

    /// The whole response for `format` (JSON: one page, with the envelope; `Services.list`
    /// answers JSON itself, through the response cache).
    func respond(format: ResponseFormat, database: Database, cursor: Cursor?, limit: Int, limitGiven: Bool,
                 etag: String, firstPage: ListPage<Item>? = nil) throws -> HTTPResponse {
        switch format {
        case .json:
            let page = try firstPage ?? database.read { try self.page($0, cursor, limit) }
            var writer = JSONWriter(capacity: 512 * max(1, page.items.count))
            writer.list(nextCursor: page.next?.token) { writer in
                for item in page.items { json(&writer, item) }
            }
            return ConditionalGet.tagged(.json(writer.bytes), etag: etag)
        case .csv, .ndjson:
            let cap = limitGiven ? limit : Int.max
            var response = HTTPResponse(status: .ok, headers: ["Content-Type": format.contentType]) { output in
                try self.stream(format: format, database: database, first: firstPage, cursor: cursor, cap: cap, to: output)
            }
            let ext = format == .csv ? "csv" : "ndjson"
            response.headers.add("Content-Disposition", "inline; filename=\"\(name).\(ext)\"")
            return ConditionalGet.tagged(response, etag: etag)
        }
    }

    /// `first` is the first page, read before the response started so that its errors (a bad
    /// query, say) are still a proper 400 rather than a broken stream.
    private func stream(format: ResponseFormat, database: Database, first: ListPage<Item>?, cursor: Cursor?, cap: Int,
                        to output: any HTTPBodyWriter) throws {
        var csv = CSVWriter()
        var json = JSONWriter(capacity: 64 * 1024)
        if format == .csv {
            csv.row(csvHeader)
            try output.write(csv.take())
        }
        var next = cursor
        var remaining = cap
        var pending = first
        repeat {
            let size = min(Self.exportPageSize, remaining)
            let page = try pending ?? database.read { try self.page($0, next, size) }
            pending = nil
            for item in page.items {
                if format == .csv {
                    csv.row(csvRow(item))
                } else {
                    self.json(&json, item)
                    json.append("\n")
                    json.resetSeparator()
                }
            }
            try output.write(format == .csv ? csv.take() : json.take())
            remaining -= page.items.count
            next = page.next
        } while next != nil && remaining > 0
        try output.flush()
    }
}

/// One page of a listing as the API hands it on (storage's `Page` has no public initializer,
/// and single-page listings such as provinces and sources make their own).
struct ListPage<Item: Sendable>: Sendable {
    var items: [Item]
    var next: Cursor?

    init(items: [Item], next: Cursor? = nil) {
        self.items = items
        self.next = next
    }

    init(_ page: Page<Item>) {
        self.init(items: page.items, next: page.next)
    }
}
