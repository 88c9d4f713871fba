import CSQLite

/// An error returned by SQLite, carrying its result codes, message and (never the arguments of) the statement.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The primary result code (`SQLITE_BUSY`, `SQLITE_CONSTRAINT`, ...).
    public var resultCode: Int32
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE`, ...).
    public var extendedCode: Int32
    /// SQLite's message (`sqlite3_errmsg`).
    public var message: String
    /// The SQL of the statement that failed, if any. Bound values are never recorded.
    public var sql: String?

    public init(resultCode: Int32, extendedCode: Int32? = nil, message: String, sql: String? = nil) {
        self.resultCode = resultCode & 0xFF
        self.extendedCode = extendedCode ?? resultCode
        self.message = message
        self.sql = sql
    }

    /// Reads the last error of a connection handle.
    static func last(_ handle: OpaquePointer?, code: Int32, sql: String? = nil) -> SQLiteError {
        let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
        let extended = handle.map { sqlite3_extended_errcode($0) } ?? code
        return SQLiteError(resultCode: code, extendedCode: extended, message: message, sql: sql)
    }

    public var description: String {
        var text = "SQLite error \(extendedCode): \(message)"
        if let sql { text += " (in: \(sql.prefix(200)))" }
        return text
    }

    /// True for `SQLITE_BUSY` / `SQLITE_LOCKED`.
    public var isBusy: Bool { resultCode == SQLITE_BUSY || resultCode == SQLITE_LOCKED }
    /// True for constraint violations (unique, foreign key, check, not null).
    public var isConstraint: Bool { resultCode == SQLITE_CONSTRAINT }
    /// True when the disk or database is full (`SQLITE_FULL`) or an I/O error occurred.
    public var isResourceFailure: Bool { resultCode == SQLITE_FULL || resultCode == SQLITE_IOERR }

    // MARK: - Pattern constants (`catch let e as SQLiteError where e ~= .constraint`)

    public static let busy = Pattern(code: SQLITE_BUSY)
    public static let constraint = Pattern(code: SQLITE_CONSTRAINT)
    public static let full = Pattern(code: SQLITE_FULL)
    public static let readOnly = Pattern(code: SQLITE_READONLY)

    /// Matches an error by primary result code.
    public struct Pattern: Sendable {
        let code: Int32
        public static func ~= (pattern: Pattern, error: any Error) -> Bool {
            (error as? SQLiteError)?.resultCode == pattern.code
        }
    }
}
