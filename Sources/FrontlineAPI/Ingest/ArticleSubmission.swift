import Foundation
import FrontlineHTTP

/// One article as a client submits it: `{"url"?, "title"?, "text", "published_at"?, "source"?}`.
public struct ArticleSubmission: Sendable, Hashable {
    public var url: String?
    public var title: String?
    public var text: String
    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SSZ`, as given.
    public var publishedAt: String?
    public var source: String?

    public init(url: String? = nil, title: String? = nil, text: String, publishedAt: String? = nil, source: String? = nil) {
        self.url = url
        self.title = title
        self.text = text
        self.publishedAt = publishedAt
        self.source = source
    }

    static let fields: Set<String> = ["url", "title", "text", "published_at", "source"]
    /// Longest text, in Unicode scalars (JSON Schema's `maxLength` counts the same way).
    static let maxTextLength = 1_000_000

    /// A problem with one field of a submission (422 in the API, a rejected line in bulk).
    public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        public var field: String?
        public var message: String
        public var description: String { message }

        public init(field: String?, message: String) {
            self.field = field
            self.message = message
        }
    }

    /// Parses and validates one JSON object.
    /// - Throws: `Invalid` naming the field at fault.
    public static func parse(_ bytes: some Collection<UInt8>) throws(Invalid) -> ArticleSubmission {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            throw Invalid(field: nil, message: "body is not valid JSON")
        }
        guard let dictionary = object as? [String: Any] else {
            throw Invalid(field: nil, message: "body must be a JSON object")
        }
        return try parse(dictionary)
    }

    public static func parse(_ object: [String: Any]) throws(Invalid) -> ArticleSubmission {
        for key in object.keys.sorted() where !fields.contains(key) {
            throw Invalid(field: key, message: "unknown field \(key) (accepted: url, title, text, published_at, source)")
        }
        let text = try string(object, "text", maxLength: maxTextLength)
        // Blank means nothing but white space, information separators (U+001C-1F) included, as
        // the OpenAPI pattern `[^\s\x1c-\x1f]` says.
        guard let text, text.unicodeScalars.contains(where: { !$0.properties.isWhitespace && !(0x1C...0x1F).contains($0.value) }) else {
            throw Invalid(field: "text", message: "text is required and must not be blank")
        }
        let url = try string(object, "url", maxLength: 2048)
        if let url {
            let rest = url.hasPrefix("https://") ? url.dropFirst(8) : url.hasPrefix("http://") ? url.dropFirst(7) : nil
            guard let rest, !rest.isEmpty, !rest.unicodeScalars.contains(where: { $0.properties.isWhitespace }) else {
                throw Invalid(field: "url", message: "url must be an absolute http or https URL")
            }
        }
        let published = try string(object, "published_at", maxLength: 64)
        var publishedAt: String?
        if let published {
            guard let normalised = CalendarDate.timestamp(published) else {
                throw Invalid(field: "published_at", message: "published_at must be a date (YYYY-MM-DD) or an RFC 3339 timestamp")
            }
            // A bare date stays a date (the extractor resolves weekdays against it); timestamps become UTC.
            publishedAt = published.count == 10 ? published : normalised
        }
        let source = try string(object, "source", maxLength: 200)
        if let source, !source.contains(where: { $0.isLetter || $0.isNumber || $0 == "_" }) {
            throw Invalid(field: "source", message: "source must name an outlet")
        }
        return ArticleSubmission(url: url, title: try string(object, "title", maxLength: 2000), text: text,
                                 publishedAt: publishedAt, source: source)
    }

    private static func string(_ object: [String: Any], _ key: String, maxLength: Int) throws(Invalid) -> String? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw Invalid(field: key, message: "\(key) must be a string") }
        guard text.unicodeScalars.count <= maxLength else {
            throw Invalid(field: key, message: "\(key) is longer than \(maxLength) characters")
        }
        return text.isEmpty ? nil : text
    }
}
