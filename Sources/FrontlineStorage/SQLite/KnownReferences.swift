import CSQLite

/// The place and actor ids a report may name. Since migration 10 the report columns that hold
/// them carry no foreign key: SQLite probed the three parent tables at every report insert, a
/// cursor opened, a key built and a seek each, 3.3% of ingest's instructions. The writer checks
/// them here instead, against the ids it has seen exist, and asks the database about any other.
/// Nothing deletes places or actors, so an id once seen stays valid; a rolled-back transaction
/// forgets what it learnt (`reset`), since a place it added is gone again.
struct KnownReferences {
    enum Kind: Int, CaseIterable {
        case province, city, actor

        var table: String { ["provinces", "cities", "actors"][rawValue] }
        var column: String { ["province_id", "city_id", "actor_id"][rawValue] }
    }

    /// SQLITE_CONSTRAINT_FOREIGNKEY, a macro Swift cannot import.
    static let foreignKeyCode: Int32 = SQLITE_CONSTRAINT | (3 << 8)

    private var known: [Set<String>] = Array(repeating: [], count: Kind.allCases.count)

    mutating func reset() {
        known = Array(repeating: [], count: Kind.allCases.count)
    }

    /// - Throws: `SQLiteError` with `SQLITE_CONSTRAINT_FOREIGNKEY`, as the foreign key did, when
    ///   `id` names no row of its table.
    mutating func check(_ id: String?, _ kind: Kind, in db: Connection) throws {
        guard let id, !known[kind.rawValue].contains(id) else { return }
        // Runs only for an id not seen yet: a few dozen times in the life of a connection.
        guard try db.scalar("SELECT 1 FROM \(kind.table) WHERE id = ?", [.text(id)]) != nil else {
            throw SQLiteError(resultCode: SQLITE_CONSTRAINT, extendedCode: Self.foreignKeyCode,
                              message: "FOREIGN KEY constraint failed: reports.\(kind.column) names no row of \(kind.table)")
        }
        known[kind.rawValue].insert(id)
    }
}
