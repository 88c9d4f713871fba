import FrontlineHTTP

/// Weak ETags derived from the database's data version (a counter that grows with every
/// committed change, reference data included) and If-None-Match → 304.
///
/// The tag also names the representation (`j`, `c`, `n`) and any input that changes the answer
/// without changing the data (today's date for `/api/provinces` without `at`). The gzip
/// middleware appends `-gz` to the tag of compressed bodies; `matches` ignores that suffix,
/// because the client revalidates the same resource either way.
enum ConditionalGet {
    static func etag(version: Int64, variant: String) -> String {
        "W/\"v\(version)-\(variant)\""
    }

    static func matches(_ request: HTTPRequest, etag: String) -> Bool {
        guard let header = request.headers["If-None-Match"] else { return false }
        let ours = opaque(etag)
        for element in header.split(separator: ",") {
            let tag = HTTPSyntaxLite.trim(element)
            if tag == "*" || opaque(tag) == ours { return true }
        }
        return false
    }

    /// The opaque part of a tag: without `W/`, quotes and the gzip suffix.
    static func opaque(_ tag: String) -> String {
        var text = Substring(tag)
        if text.hasPrefix("W/") { text = text.dropFirst(2) }
        if text.hasPrefix("\"") { text = text.dropFirst() }
        if text.hasSuffix("\"") { text = text.dropLast() }
        if text.hasSuffix("-gz") { text = text.dropLast(3) }
        return String(text)
    }

    static func notModified(etag: String) -> HTTPResponse {
        HTTPResponse(status: .notModified, headers: ["ETag": etag, "Cache-Control": "no-cache"])
    }

    /// Adds the validator and the revalidation policy to a fresh response.
    static func tagged(_ response: HTTPResponse, etag: String) -> HTTPResponse {
        var response = response
        response.headers.set("ETag", etag)
        response.headers.set("Cache-Control", "no-cache")
        // Lists answer CSV or NDJSON for `Accept` too: caches must key on it.
        if let vary = response.headers["Vary"] {
            let tokens = vary.split(separator: ",").map { HTTPSyntaxLite.trim($0).lowercased() }
            if !tokens.contains("accept") { response.headers.set("Vary", vary + ", Accept") }
        } else {
            response.headers.add("Vary", "Accept")
        }
        return response
    }
}
