#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// Serves files under a root directory for GET and HEAD, with content types, `ETag` /
/// `If-None-Match` (304) and `Cache-Control`.
///
/// Nothing outside the root is reachable: encoded slashes or backslashes (`%2f`, `%5c`, `\`),
/// NUL, `.` / `..` and dot-file segments give 404, and the resolved real path (symlinks
/// followed) must still lie inside the root's real path.
public struct StaticFileHandler: HTTPHandler {
    struct CachedFile {
        let path: String
        let modified: Int
        let size: Int
        let bytes: [UInt8]
        let etag: String
    }

    final class Cache: Sendable {
        let files = Mutex<[String: CachedFile]>([:])
    }

    public let root: String
    /// The route label static responses carry in metrics and logs.
    public static let routeLabel = "/{static}"
    private let realRoot: String?
    public var indexFile: String
    /// Cache-Control for most files, and for the index page (which must revalidate).
    public var cacheControl: String
    public var indexCacheControl: String
    /// Files larger than this are read per request instead of kept in memory.
    public var maxCachedFileBytes: Int = 1024 * 1024
    private let cache = Cache()

    public init(root: String, indexFile: String = "index.html",
                cacheControl: String = "public, max-age=300", indexCacheControl: String = "no-cache") {
        self.root = root
        self.realRoot = Self.realPath(root)
        self.indexFile = indexFile
        self.cacheControl = cacheControl
        self.indexCacheControl = indexCacheControl
    }

    public func handle(_ request: HTTPRequest, context: RequestContext) throws -> HTTPResponse {
        guard request.method == .get || request.method == .head else {
            throw HTTPError(status: .methodNotAllowed, code: "method_not_allowed",
                            message: "\(request.method) is not allowed here", headers: ["Allow": "GET, HEAD, OPTIONS"])
        }
        guard let realRoot, let relative = Self.safeRelativePath(request), let file = try load(relative, realRoot: realRoot) else {
            throw HTTPError.notFound("No file at \(request.path)")
        }
        var headers: HTTPHeaders = [
            "ETag": file.etag,
            "Cache-Control": file.path.hasSuffix("/" + indexFile) ? indexCacheControl : cacheControl,
        ]
        if let match = request.headers["If-None-Match"], Self.matches(match, etag: file.etag) {
            var notModified = HTTPResponse(status: .notModified, headers: headers)
            notModified.routePattern = Self.routeLabel
            return notModified
        }
        headers.add("Content-Type", Self.contentType(for: file.path))
        var response = HTTPResponse(status: .ok, headers: headers, body: file.bytes)
        response.routePattern = Self.routeLabel
        return response
    }

    /// The decoded path as a relative file path, or nil when it tries to leave the root.
    static func safeRelativePath(_ request: HTTPRequest) -> String? {
        let rawPath = request.target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let lowered = rawPath.lowercased()
        if lowered.contains("%2f") || lowered.contains("%5c") || lowered.contains("%00") || rawPath.contains("\\") { return nil }
        let path = request.path
        if path.contains("\0") || path.contains("\\") || !path.hasPrefix("/") { return nil }
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment.hasPrefix(".") { return nil }
            segments.append(segment)
        }
        return segments.joined(separator: "/")
    }

    private func load(_ relative: String, realRoot: String) throws -> CachedFile? {
        var candidate = relative.isEmpty ? indexFile : relative
        var info = stat()
        guard var resolved = Self.realPath(realRoot + "/" + candidate), Self.isInside(resolved, realRoot) else { return nil }
        guard stat(resolved, &info) == 0 else { return nil }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            candidate += "/" + indexFile
            guard let index = Self.realPath(realRoot + "/" + candidate), Self.isInside(index, realRoot),
                  stat(index, &info) == 0 else { return nil }
            resolved = index
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
        let size = Int(info.st_size)
        if let hit = cache.files.withLock({ $0[resolved] }), hit.modified == modified, hit.size == size { return hit }
        guard let data = FileManager.default.contents(atPath: resolved) else { return nil }
        let file = CachedFile(path: resolved, modified: modified, size: size, bytes: [UInt8](data),
                              etag: "\"" + String(size, radix: 16) + "-" + String(modified, radix: 16) + "\"")
        if size <= maxCachedFileBytes { cache.files.withLock { $0[resolved] = file } }
        return file
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(validatingCString: resolved)
    }

    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// `If-None-Match` uses weak comparison (RFC 9110 §13.1.2): `W/` prefixes are ignored.
    static func matches(_ header: String, etag: String) -> Bool {
        header.split(separator: ",").contains { element in
            let tag = HTTPSyntax.trimmed(element)
            return tag == "*" || tag == etag || tag == "W/" + etag
        }
    }

    static let types: [String: String] = [
        "html": "text/html; charset=utf-8", "htm": "text/html; charset=utf-8", "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8", "mjs": "text/javascript; charset=utf-8", "json": "application/json",
        "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
        "webp": "image/webp", "ico": "image/x-icon", "txt": "text/plain; charset=utf-8", "csv": "text/csv; charset=utf-8",
        "xml": "application/xml", "woff": "font/woff", "woff2": "font/woff2", "map": "application/json",
        "geojson": "application/geo+json", "wasm": "application/wasm", "pdf": "application/pdf",
    ]

    static func contentType(for path: String) -> String {
        let name = path.isEmpty ? "index.html" : path
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        return types[name[name.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }
}
