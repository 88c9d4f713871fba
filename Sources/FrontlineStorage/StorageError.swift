/// Errors of the storage layer that are not raw SQLite failures.
public enum StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database file was written by a newer Frontline (its schema version is higher).
    case databaseTooNew(found: Int, supported: Int)
    /// A full-text query had no searchable terms (after sanitising).
    case badQuery(String)
    /// A pagination cursor that this layer did not produce (or for another listing).
    case badCursor
    /// A referenced row does not exist (e.g. an unknown province in a reference upsert).
    case notFound(String)
    /// An argument outside what the layer accepts.
    case invalidArgument(String)
    /// The database was closed.
    case closed
    /// The file says it has schema `version` but lacks columns that version has (written by a
    /// development build whose migrations differed).
    case schemaMismatch(version: Int, missing: [String])
    /// Stored derived data disagreed with its recomputation (a bug; checked in debug builds).
    case inconsistent(String)

    public var description: String {
        switch self {
        case .databaseTooNew(let found, let supported):
            return "database schema version \(found) is newer than this binary supports (\(supported)); upgrade frontline"
        case .badQuery(let why): return "bad search query: \(why)"
        case .badCursor: return "invalid cursor"
        case .notFound(let what): return "not found: \(what)"
        case .invalidArgument(let why): return "invalid argument: \(why)"
        case .closed: return "database is closed"
        case .inconsistent(let what): return "internal inconsistency: \(what)"
        case .schemaMismatch(let version, let missing):
            return "the database says schema version \(version) but lacks \(missing.prefix(8).joined(separator: ", "))"
                + (missing.count > 8 ? " and \(missing.count - 8) more" : "")
                + ": it was written by a development build of frontline; move the file aside and start again"
                + " (re-ingest its articles from their sources or from a backup)"
        }
    }
}
