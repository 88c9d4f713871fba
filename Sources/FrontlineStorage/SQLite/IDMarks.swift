/// Ids that are never given twice, without AUTOINCREMENT (migration 9). AUTOINCREMENT read the
/// table's row of `sqlite_sequence` at the start of every insert and wrote it back at the end;
/// here the highest id ever given lives in `id_marks`, read once per write transaction and
/// written back once before it commits. The writer is the only connection that inserts, and it
/// holds the write lock for the whole transaction, so no other writer can take an id between.
struct IDMarks {
    /// A table whose ids the writer gives (its key column holds them).
    enum Table: Int, CaseIterable {
        case articles, reports, changes

        var name: String {
            switch self {
            case .articles: "articles"
            case .reports: "reports"
            case .changes: "changes"
            }
        }

        /// The key column.
        var key: String { self == .changes ? "seq" : "id" }

        /// The highest id ever given: the table's mark, or its largest key should a row have been
        /// written around the mark (`SELECT max` seeks the last row of the rowid b-tree). The
        /// writer, the data version and the search index (over `store`, the attached database)
        /// all read it this way. Built once, so the statement caches find it by address.
        var highestIDSQL: String { Self.highestInMain[rawValue] }
        var highestIDSQLInStore: String { Self.highestInStore[rawValue] }

        private static let highestInMain = allCases.map { $0.highestIDSQL(schema: "main") }
        private static let highestInStore = allCases.map { $0.highestIDSQL(schema: "store") }

        private func highestIDSQL(schema: String) -> String {
            """
            SELECT max(coalesce((SELECT seq FROM \(schema).id_marks WHERE name = '\(name)'), 0),
                       coalesce((SELECT max(\(key)) FROM \(schema).\(name)), 0))
            """
        }
    }

    /// The highest id given in the open transaction, per table; nil until the first is asked for.
    private var given: [Int64?] = Array(repeating: nil, count: Table.allCases.count)
    /// The highest id when the transaction first asked, or as last written back, per table.
    private var stored: [Int64?] = Array(repeating: nil, count: Table.allCases.count)

    /// Forgets the marks at the start of each transaction, which reads them afresh: another
    /// process may have written since, and the ids a rolled-back transaction took were never stored.
    mutating func reset() {
        given = Array(repeating: nil, count: Table.allCases.count)
        stored = given
    }

    /// The next id of `table`. Ids taken inside a savepoint that rolls back are skipped, never reused.
    mutating func next(_ table: Table, in db: Connection) throws -> Int64 {
        let slot = table.rawValue
        if given[slot] == nil {
            given[slot] = try db.scalar(table.highestIDSQL) ?? 0
            stored[slot] = given[slot]
        }
        let id = (given[slot] ?? 0) + 1
        given[slot] = id
        return id
    }

    /// Takes back `id`, the last id given, when the row it was for was not written (an article
    /// found to be a duplicate), so that duplicates leave no gaps.
    mutating func giveBack(_ table: Table, _ id: Int64) {
        if given[table.rawValue] == id { given[table.rawValue] = id - 1 }
    }

    /// Writes back the marks that moved in the open transaction.
    mutating func save(in db: Connection) throws {
        for table in Table.allCases {
            guard let mark = given[table.rawValue], mark != stored[table.rawValue] else { continue }
            try db.run("UPDATE id_marks SET seq = ? WHERE name = ?", [.integer(mark), .text(table.name)])
            stored[table.rawValue] = mark
        }
    }
}
