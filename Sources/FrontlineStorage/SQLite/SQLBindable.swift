import CSQLite

/// A Swift value bound straight to a statement parameter, for the statements an ingest runs for
/// every article and report (`Connection.run(_:binding:)`).
///
/// Those statements took their arguments as an `[SQLValue]` array: an allocation per statement,
/// and a retain, an enum copy and a release per text. With tens of statements per article that
/// was several percent of ingest's instructions; a parameter pack binds each value as it is.
protocol SQLBindable {
    /// Binds this value to parameter `index` (1-based); returns SQLite's result code.
    func bind(to statement: Statement, at index: Int32) -> Int32
}

extension String: SQLBindable {
    func bind(to statement: Statement, at index: Int32) -> Int32 { statement.bindText(index, self) }
}

extension Int64: SQLBindable {
    func bind(to statement: Statement, at index: Int32) -> Int32 { sqlite3_bind_int64(statement.handle, index, self) }
}

extension Int: SQLBindable {
    func bind(to statement: Statement, at index: Int32) -> Int32 { sqlite3_bind_int64(statement.handle, index, Int64(self)) }
}

extension Bool: SQLBindable {
    func bind(to statement: Statement, at index: Int32) -> Int32 { sqlite3_bind_int64(statement.handle, index, self ? 1 : 0) }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    func bind(to statement: Statement, at index: Int32) -> Int32 {
        switch self {
        case .some(let value): value.bind(to: statement, at: index)
        case .none: sqlite3_bind_null(statement.handle, index)
        }
    }
}

extension SQLValue: SQLBindable {
    func bind(to statement: Statement, at index: Int32) -> Int32 { statement.bindValue(index, self) }
}
