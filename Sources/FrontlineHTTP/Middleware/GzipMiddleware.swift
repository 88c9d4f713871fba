/// Compresses responses with gzip when the client accepts it (q-values honoured) and the body
/// is worth it (`minimumBytes`, default 1 KiB). Streamed bodies are compressed chunk by chunk,
/// flushing whenever the producer flushes, so Server-Sent Events still arrive one by one.
public struct GzipMiddleware: Middleware {
    public var minimumBytes: Int
    public var level: Int32

    public init(minimumBytes: Int = 1024, level: Int32 = 6) {
        self.minimumBytes = minimumBytes
        self.level = level
    }

    public func handle(_ request: HTTPRequest, context: RequestContext,
                       next: (HTTPRequest, RequestContext) throws -> HTTPResponse) throws -> HTTPResponse {
        var response = try next(request, context)
        guard response.status.allowsBody, !response.headers.contains("Content-Encoding"),
              Self.isCompressible(response.headers["Content-Type"]) else { return response }
        let eligible: Bool
        switch response.body {
        case .bytes(let bytes): eligible = bytes.count >= minimumBytes
        case .stream: eligible = true
        }
        guard eligible else { return response }
        Self.addVary(&response.headers)
        guard Self.acceptsGzip(request.headers.values(for: "Accept-Encoding")) else { return response }
        switch response.body {
        case .bytes(let bytes):
            response.body = .bytes(Gzip.compress(bytes, level: level))
        case .stream(let producer):
            let level = self.level
            response.body = .stream { writer in
                let gzip = GzipBodyWriter(inner: writer, level: level)
                try producer(gzip)
                try gzip.finish()
            }
        }
        response.headers.set("Content-Encoding", "gzip")
        if let etag = response.headers["ETag"], etag.hasSuffix("\"") {
            // A different representation needs a different validator (RFC 9110 §8.8.3).
            response.headers.set("ETag", String(etag.dropLast()) + "-gz\"")
        }
        return response
    }

    /// Whether `Accept-Encoding` values allow gzip: an explicit `gzip`/`x-gzip` with q > 0, or
    /// a `*` with q > 0 when gzip is not listed (RFC 9110 §12.5.3).
    public static func acceptsGzip(_ values: [String]) -> Bool {
        var gzipQ: Double?
        var starQ: Double?
        for element in values.flatMap({ $0.split(separator: ",") }) {
            let parts = element.split(separator: ";")
            guard let first = parts.first else { continue }
            let coding = HTTPSyntax.trimmed(first).lowercased()
            var q = 1.0
            for parameter in parts.dropFirst() {
                let pair = HTTPSyntax.trimmed(parameter).lowercased()
                if pair.hasPrefix("q=") { q = Double(pair.dropFirst(2)) ?? 0 }
            }
            if coding == "gzip" || coding == "x-gzip" { gzipQ = max(gzipQ ?? 0, q) }
            if coding == "*" { starQ = q }
        }
        if let gzipQ { return gzipQ > 0 }
        if let starQ { return starQ > 0 }
        return false
    }

    static func isCompressible(_ contentType: String?) -> Bool {
        guard let type = contentType?.lowercased() else { return false }
        return type.hasPrefix("text/") || type.contains("json") || type.contains("javascript")
            || type.contains("xml") || type.contains("svg") || type.contains("csv") || type.contains("ndjson")
    }

    static func addVary(_ headers: inout HTTPHeaders) {
        if let vary = headers["Vary"] {
            if !vary.lowercased().contains("accept-encoding") { headers.set("Vary", vary + ", Accept-Encoding") }
        } else {
            headers.add("Vary", "Accept-Encoding")
        }
    }
}

/// Gzips a streamed body on its way to the real writer.
final class GzipBodyWriter: HTTPBodyWriter {
    private let inner: any HTTPBodyWriter
    private let stream: GzipStream

    init(inner: any HTTPBodyWriter, level: Int32) {
        self.inner = inner
        self.stream = GzipStream(level: level)
    }

    func write(_ bytes: [UInt8]) throws {
        let out = stream.compress(bytes, flush: false)
        if !out.isEmpty { try inner.write(out) }
    }

    func flush() throws {
        try inner.write(stream.compress([], flush: true))
        try inner.flush()
    }

    func finish() throws {
        try inner.write(stream.finish())
    }
}
