import FrontlineHTTP
import FrontlineStorage

/// `GET /api/articles` (filters, full-text `q` with snippets, exports) and `GET /api/articles/{id}`.
/// Writes live in `IngestController`.
struct ArticlesController: RouteCollection {
    let services: Services
    let expansion: SearchExpansion?
    /// Runs the current extractor over a stored text, for the quotes that storage does not keep.
    let quotes: @Sendable (String, String?) -> [QuoteJSON]

    static let listParameters: Set<String> = ["q", "source", "province", "from", "to", "limit", "cursor", "format"]

    static let columns = ["id", "url", "title", "source", "source_name", "published_at", "ingested_at",
                          "extractor_version", "report_count"]

    static func row(_ record: ArticleRecord) -> [String?] {
        [String(record.id), record.url, record.title, record.sourceID, record.sourceName, record.publishedAt,
         record.ingestedAt, record.extractorVersion, String(record.reportCount)]
    }

    /// The listing for one filter; full-text results carry `snippet` and `rank` in every format.
    static func export(_ filter: ArticleFilter, expansion: SearchExpansion?) -> ListExport<ArticleRecord> {
        let search = filter.query != nil
        return ListExport(
            name: "articles",
            csvHeader: search ? columns + ["snippet", "rank"] : columns,
            csvRow: { record in
                search ? row(record) + [record.snippet.map(SnippetText.plain), record.rank.map { String($0) }] : row(record)
            },
            json: { $0.article($1) },
            page: { db, cursor, limit in ListPage(try db.articlePage(filter: filter, limit: limit, after: cursor, expansion: expansion)) })
    }

    /// Words searched at most; later words are ignored rather than refused.
    static let maxSearchWords = 32

    /// `q`, at most 1000 characters, keeping its first `maxSearchWords` searchable words.
    static func searchText(_ query: QueryParameters) throws -> String? {
        guard let text = query.text("q") else { return nil }
        guard text.unicodeScalars.count <= 1000 else { throw HTTPError.invalidParameter("q", "q is longer than 1000 characters") }
        let words = text.split(whereSeparator: { $0.isWhitespace }).filter { $0.contains { $0.isLetter || $0.isNumber } }
        guard words.count > maxSearchWords else { return text }
        return words.prefix(maxSearchWords).joined(separator: " ")
    }

    func register(on router: Router) {
        let services = self.services
        let expansion = self.expansion
        let quotes = self.quotes
        router.get("/api/articles") { request, _ in
            let query = try QueryParameters(request, allowed: Self.listParameters)
            let range = try query.dateRange()
            let filter = ArticleFilter(query: try Self.searchText(query), sourceID: try services.source(query),
                                       provinceID: try services.province(query), from: range.from, to: range.to)
            let export = Self.export(filter, expansion: expansion)
            return try services.list(request, query, export: export, cursor: try query.cursor())
        }
        router.get("/api/articles/{id}") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let id = try PathID.require(context)
            return try services.document(request) { db in
                guard let detail = try db.article(id: id) else { return nil }
                var writer = JSONWriter(capacity: 4096 + detail.text.utf8.count)
                writer.beginObject()
                writer.articleFields(detail.article)
                writer.field("text", detail.text)
                writer.key("reports"); writer.beginArray()
                for report in detail.reports { writer.report(report) }
                writer.endArray()
                writer.key("tallies"); writer.beginArray()
                for tally in detail.tallies { writer.tally(tally) }
                writer.endArray()
                writer.key("quotes"); writer.beginArray()
                for quote in quotes(detail.text, detail.article.publishedAt) { quote.write(&writer) }
                writer.endArray()
                writer.key("sources_cited"); writer.strings(detail.citedSourceIDs)
                writer.endObject()
                return writer.bytes
            }
        }
    }
}

/// A quote as the article detail shows it.
struct QuoteJSON: Sendable {
    var speaker: String?
    var actor: String?
    var text: String
    var sentence: String
    var start: Int
    var end: Int

    func write(_ writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("speaker", speaker)
        writer.field("actor", actor)
        writer.field("text", text)
        writer.key("evidence"); writer.beginObject()
        writer.field("sentence", sentence)
        writer.field("start", start)
        writer.field("end", end)
        writer.endObject()
        writer.endObject()
    }
}
