import Foundation
import FrontlineExtraction
import FrontlineHTTP
import FrontlineStorage

/// Writes: `POST /api/articles` (one JSON article, or NDJSON bulk, optionally gzipped),
/// `DELETE /api/articles/{id}`, and `POST /api/extract` (extraction only, stores nothing).
/// Authorisation is `WriteAuthMiddleware`'s job; it runs before these handlers.
struct IngestController: RouteCollection {
    let services: Services
    let pipeline: IngestPipeline
    /// Largest decompressed bulk body; a gzip bomb stops here with 413.
    let maxDecompressedBytes: Int

    func register(on router: Router) {
        let services = self.services
        let pipeline = self.pipeline
        let maxDecompressed = maxDecompressedBytes
        router.post("/api/articles") { request, _ in
            _ = try QueryParameters(request, allowed: [])
            let kind = try Self.mediaType(request, accepted: ["application/json", "application/x-ndjson", "application/ndjson"])
            let body = try Self.decodedBody(request, maxBytes: maxDecompressed)
            if kind == "application/json" {
                return try Self.ingestOne(body, services: services, pipeline: pipeline)
            }
            return try Self.ingestBulk(body, services: services, pipeline: pipeline)
        }
        router.delete("/api/articles/{id}") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let id = try PathID.require(context)
            let deleted = try services.storage { try services.database.deleteArticle(id: id) }
            guard deleted else { throw HTTPError.notFound("no article \(id)") }
            services.notifier.notify()
            return HTTPResponse(status: .noContent)
        }
        router.post("/api/extract") { request, _ in
            _ = try QueryParameters(request, allowed: [])
            _ = try Self.mediaType(request, accepted: ["application/json"])
            let submission = try Self.submission(try Self.decodedBody(request, maxBytes: maxDecompressed))
            let result = pipeline.extract(submission)
            return .json(try ExtractionJSON.encode(result))
        }
    }

    // MARK: - One article

    static func ingestOne(_ body: [UInt8], services: Services, pipeline: IngestPipeline) throws -> HTTPResponse {
        let submission = try submission(body)
        let (item, _) = pipeline.prepare(submission)
        let result = try services.storage { try services.database.ingest(item) }
        if !result.duplicate { services.notifier.notify() }
        let detail = try services.storage { try services.database.read { try $0.article(id: result.articleID) } }
        guard let detail else { throw HTTPError.notFound("article \(result.articleID) was deleted meanwhile") }
        var writer = JSONWriter(capacity: 4096)
        writer.beginObject()
        writer.key("article"); writer.article(detail.article)
        writer.key("reports"); writer.beginArray()
        for report in detail.reports { writer.report(report) }
        writer.endArray()
        writer.key("events"); writer.beginArray()
        for id in result.eventIDs { writer.int(id) }
        writer.endArray()
        writer.field("duplicate", result.duplicate)
        writer.endObject()
        var response = HTTPResponse.json(writer.bytes, status: result.duplicate ? .ok : .created)
        response.headers.add("Location", "/api/articles/\(result.articleID)")
        return response
    }

    static func submission(_ body: [UInt8]) throws -> ArticleSubmission {
        do {
            return try ArticleSubmission.parse(body)
        } catch {
            throw HTTPError(status: .unprocessableContent, code: "invalid_body", message: error.message, field: error.field)
        }
    }

    // MARK: - Bulk

    /// One NDJSON line per article. Bad lines are reported and skipped; good ones are stored in
    /// batched transactions (each article in its own savepoint), so one bad line costs nothing else.
    static func ingestBulk(_ body: [UInt8], services: Services, pipeline: IngestPipeline) throws -> HTTPResponse {
        var rejected: [(line: Int, reason: String)] = []
        var submissions: [(line: Int, submission: ArticleSubmission)] = []
        var lineNumber = 0
        for line in body.split(separator: 10, omittingEmptySubsequences: false) {
            lineNumber += 1
            var slice = line[...]
            if slice.last == 13 { slice = slice.dropLast() }
            guard slice.contains(where: { $0 != 32 && $0 != 9 }) else { continue }
            do {
                submissions.append((lineNumber, try ArticleSubmission.parse(slice)))
            } catch {
                rejected.append((lineNumber, error.field.map { "\($0): " + error.message } ?? error.message))
            }
        }
        let items = BulkExtraction.prepare(submissions.map(\.submission), pipeline: pipeline)
        let results = try services.storage { try services.database.ingest(items) }
        var accepted = 0
        var duplicates = 0
        var ids: [Int64] = []
        for (index, outcome) in results.enumerated() {
            switch outcome {
            case .success(let result):
                if result.duplicate {
                    duplicates += 1
                } else {
                    accepted += 1
                    ids.append(result.articleID)
                }
            case .failure(let error):
                rejected.append((submissions[index].line, "not stored: \(error)"))
            }
        }
        if accepted > 0 { services.notifier.notify() }
        rejected.sort { $0.line < $1.line }
        var writer = JSONWriter(capacity: 256 + 16 * ids.count + 96 * rejected.count)
        writer.beginObject()
        writer.field("accepted", accepted)
        writer.field("duplicates", duplicates)
        writer.key("rejected"); writer.beginArray()
        for entry in rejected {
            writer.beginObject()
            writer.field("line", entry.line)
            writer.field("reason", entry.reason)
            writer.endObject()
        }
        writer.endArray()
        writer.key("ids"); writer.beginArray()
        for id in ids { writer.int(id) }
        writer.endArray()
        writer.endObject()
        return .json(writer.bytes)
    }

    // MARK: - Body

    /// The media type of the body, which must be one of `accepted` (415 otherwise).
    static func mediaType(_ request: HTTPRequest, accepted: [String]) throws -> String {
        let type = request.headers["Content-Type"].map { HTTPSyntaxLite.trim($0.split(separator: ";").first ?? "").lowercased() }
        guard let type, accepted.contains(type) else {
            throw HTTPError(status: .unsupportedMediaType, code: "unsupported_media_type",
                            message: "Content-Type must be " + accepted.joined(separator: " or "), field: "Content-Type")
        }
        return type
    }

    /// The body, gunzipped when `Content-Encoding: gzip` (capped: 413 past `maxBytes`).
    static func decodedBody(_ request: HTTPRequest, maxBytes: Int) throws -> [UInt8] {
        let encodings = request.headers.tokens(for: "Content-Encoding").filter { $0 != "identity" }
        guard !encodings.isEmpty else { return request.body }
        guard encodings == ["gzip"] || encodings == ["x-gzip"] else {
            throw HTTPError(status: .unsupportedMediaType, code: "unsupported_media_type",
                            message: "Content-Encoding must be gzip or identity", field: "Content-Encoding")
        }
        do {
            return try Gzip.decompress(request.body, maxOutput: maxBytes)
        } catch .outputLimitExceeded(let limit) {
            throw HTTPError(status: .contentTooLarge, code: "payload_too_large",
                            message: "the decompressed body exceeds \(limit) bytes; nothing was stored")
        } catch {
            throw HTTPError(status: .badRequest, code: "invalid_body", message: "the body is not valid gzip", field: "Content-Encoding")
        }
    }
}

/// Extraction of many articles on all cores (it is pure), keeping their order.
enum BulkExtraction {
    static func prepare(_ submissions: [ArticleSubmission], pipeline: IngestPipeline) -> [IngestItem] {
        guard submissions.count > 1 else { return submissions.map { pipeline.prepare($0).item } }
        let results = UnsafeResults(count: submissions.count)
        DispatchQueue.concurrentPerform(iterations: submissions.count) { index in
            results.set(index, pipeline.prepare(submissions[index]).item)
        }
        return results.values()
    }

    /// Slots written by exactly one iteration each, read after `concurrentPerform` returns.
    /// A raw buffer, not an array property: concurrent modify accesses to one stored array
    /// would trip Swift's exclusivity checks even though the slots never overlap.
    final class UnsafeResults: @unchecked Sendable {
        private let slots: UnsafeMutableBufferPointer<IngestItem?>
        init(count: Int) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: nil)
        }
        deinit {
            slots.deinitialize()
            slots.deallocate()
        }
        func set(_ index: Int, _ item: IngestItem) { slots[index] = item }
        func values() -> [IngestItem] { slots.map { $0! } }
    }
}

/// `ExtractionResult` as the snake_case JSON of `POST /api/extract` (not a hot path: JSONEncoder).
enum ExtractionJSON {
    static func encode(_ result: ExtractionResult) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(result))
    }
}
