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
        }
    }
}
