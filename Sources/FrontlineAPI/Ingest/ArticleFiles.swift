import Foundation
import FrontlineHTTP

/// Reads articles from files the way `frontline ingest` and `serve --demo` accept them:
/// `.txt` (the text itself, optionally with a ` date YYYY-MM-DD ` marker), `.json` (one
/// submission object or an array of them), `.ndjson` (one per line), any of those `.gz`, and
/// folders of them (recursively, in name order).
public enum ArticleFiles {
    /// One article read from a file, or why it could not be.
    public struct Entry: Sendable {
        /// `path` or `path:line` / `path[index]`, for messages.
        public var origin: String
        public var submission: Result<ArticleSubmission, ArticleSubmission.Invalid>

        public init(origin: String, submission: Result<ArticleSubmission, ArticleSubmission.Invalid>) {
            self.origin = origin
            self.submission = submission
        }
    }

    public struct ReadError: Error, CustomStringConvertible {
        public var description: String
    }

    static let extensions: Set<String> = ["txt", "json", "ndjson", "jsonl"]
    /// Decompressed size cap per `.gz` file.
    static let maxDecompressedBytes = 1 << 30

    /// Every article file under `path` (a file or a folder).
    public static func files(at path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReadError(description: "no such file or folder: \(path)")
        }
        guard isDirectory.boolValue else { return [path] }
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return [] }
        var found: [String] = []
        for case let relative as String in enumerator {
            let name = (relative as NSString).lastPathComponent
            guard !name.hasPrefix(".") else { continue }
            let stripped = name.hasSuffix(".gz") ? String(name.dropLast(3)) : name
            if extensions.contains((stripped as NSString).pathExtension.lowercased()) { found.append(path + "/" + relative) }
        }
        return found.sorted()
    }

    /// The articles of one file; `defaults` fills `source` and `published_at` where missing.
    public static func read(file path: String, defaults: ArticleSubmission.Defaults = .init()) throws -> [Entry] {
        guard let data = FileManager.default.contents(atPath: path) else { throw ReadError(description: "cannot read \(path)") }
        var bytes = [UInt8](data)
        var name = (path as NSString).lastPathComponent.lowercased()
        if name.hasSuffix(".gz") {
            do {
                bytes = try Gzip.decompress(bytes, maxOutput: maxDecompressedBytes)
            } catch {
                throw ReadError(description: "\(path): not valid gzip or larger than \(maxDecompressedBytes) bytes decompressed")
            }
            name = String(name.dropLast(3))
        }
        let kind = (name as NSString).pathExtension
        return parse(bytes, kind: kind.isEmpty ? nil : kind, origin: path, defaults: defaults)
    }

    /// Parses bytes as `kind` (`txt`, `json`, `ndjson`), or guesses from the first character.
    public static func parse(_ bytes: [UInt8], kind: String?, origin: String, defaults: ArticleSubmission.Defaults) -> [Entry] {
        let first = bytes.first { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }
        let guessed = kind ?? (first == UInt8(ascii: "[") ? "json" : first == UInt8(ascii: "{") ? "ndjson" : "txt")
        switch guessed {
        case "json":
            guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) else {
                // A file of several objects one per line is NDJSON whatever its name says.
                return parse(bytes, kind: "ndjson", origin: origin, defaults: defaults)
            }
            let objects = (object as? [Any]) ?? [object]
            return objects.enumerated().map { index, element in
                let where_ = objects.count == 1 ? origin : "\(origin)[\(index)]"
                guard let dictionary = element as? [String: Any] else {
                    return Entry(origin: where_, submission: .failure(.init(field: nil, message: "not a JSON object")))
                }
                return Entry(origin: where_, submission: Result { () throws(ArticleSubmission.Invalid) in
                    try defaults.apply(to: ArticleSubmission.parse(dictionary))
                })
            }
        case "ndjson", "jsonl":
            var entries: [Entry] = []
            for (index, line) in bytes.split(separator: 10, omittingEmptySubsequences: false).enumerated() {
                guard line.contains(where: { $0 != 32 && $0 != 9 && $0 != 13 }) else { continue }
                entries.append(Entry(origin: "\(origin):\(index + 1)", submission: Result { () throws(ArticleSubmission.Invalid) in
                    try defaults.apply(to: ArticleSubmission.parse(line))
                }))
            }
            return entries
        default:
            let text = String(decoding: bytes, as: UTF8.self)
            guard text.contains(where: { !$0.isWhitespace }) else {
                return [Entry(origin: origin, submission: .failure(.init(field: "text", message: "the file is empty")))]
            }
            var defaults = defaults
            // The text's own ` date YYYY-MM-DD ` marker beats --published (which only fills gaps).
            if DateMarker.present(in: text) { defaults.publishedAt = nil }
            return [Entry(origin: origin, submission: .success(defaults.apply(to: ArticleSubmission(text: text))))]
        }
    }
}

extension ArticleSubmission {
    /// What `--source` and `--published` supply to articles that lack them.
    public struct Defaults: Sendable {
        public var source: String?
        public var publishedAt: String?
        public init(source: String? = nil, publishedAt: String? = nil) {
            self.source = source
            self.publishedAt = publishedAt
        }

        func apply(to submission: ArticleSubmission) -> ArticleSubmission {
            var copy = submission
            if copy.source == nil { copy.source = source }
            if copy.publishedAt == nil { copy.publishedAt = publishedAt }
            return copy
        }
    }
}

/// Finds the ` date YYYY-MM-DD ` marker that plain-text articles carry.
enum DateMarker {
    static func present(in text: String) -> Bool {
        var search = text[...]
        while let range = search.range(of: "date ") {
            let candidate = String(text[range.upperBound...].prefix(10))
            if CalendarDate.isValid(candidate) { return true }
            search = text[range.upperBound...]
        }
        return false
    }
}
