import CSQLite

/// A prepared statement owned by one `Connection` (and cached there by SQL text).
final class Statement {
    let handle: OpaquePointer
    let sql: String
    private unowned let connection: Connection
    private let parameterCount: Int
    /// 16 bytes per parameter, where short texts are copied to be bound in place (see `bindText`).
    private let shortTexts: UnsafeMutablePointer<UInt8>

    init(connection: Connection, sql: String) throws {
        var pointer: OpaquePointer?
        let code = sqlite3_prepare_v3(connection.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, nil)
        guard code == SQLITE_OK, let pointer else {
            throw SQLiteError.last(connection.handle, code: code, sql: sql)
        }
        self.handle = pointer
        self.sql = sql
        self.connection = connection
        parameterCount = Int(sqlite3_bind_parameter_count(pointer))
        shortTexts = .allocate(capacity: max(1, parameterCount) * Self.shortTextSlot)
    }

    deinit {
        sqlite3_finalize(handle)
        shortTexts.deallocate()
    }

    private static let shortTextSlot = 16

    /// Resets the statement and binds `arguments` to its parameters (1-based, in order). Every
    /// parameter is bound each time (the count is checked), so none keeps an earlier value.
    func bind(_ arguments: [SQLValue]) throws {
        sqlite3_reset(handle)
        guard parameterCount == arguments.count else {
            throw SQLiteError(resultCode: SQLITE_RANGE, message: "expected \(parameterCount) arguments, got \(arguments.count)", sql: sql)
        }
        for (offset, value) in arguments.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let v): code = sqlite3_bind_int64(handle, index, v)
            case .real(let v): code = sqlite3_bind_double(handle, index, v)
            case .text(let v): code = bindText(index, v)
            case .blob(let v):
                code = v.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), csqlite_transient()) }
            }
            guard code == SQLITE_OK else {
                let error = SQLiteError.last(connection.handle, code: code, sql: sql)
                sqlite3_clear_bindings(handle)
                throw error
            }
        }
    }

    /// Binds a string in place (SQLITE_STATIC) instead of letting SQLite copy it: SQLite's copy
    /// (a malloc, a memcpy and a free per bound text, about ten per report) was 6% of ingest's
    /// instructions. `reset()` clears the bindings, so no pointer outlives the call that bound it.
    ///
    /// A text longer than 15 bytes is never a small (inline) string: its bytes live in storage
    /// that the caller's argument array keeps alive until the statement is reset. A shorter one
    /// (an id, a date, a status) may be inline, with no address of its own, so it is copied into
    /// this parameter's slot of `shortTexts`, which lives as long as the statement.
    private func bindText(_ index: Int32, _ value: String) -> Int32 {
        let count = value.utf8.count
        if count >= Self.shortTextSlot, let code = value.utf8.withContiguousStorageIfAvailable({ bytes in
            sqlite3_bind_text(handle, index, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self),
                              Int32(count), csqlite_static())
        }) {
            return code
        }
        if count < Self.shortTextSlot {
            let slot = shortTexts + Int(index - 1) * Self.shortTextSlot
            var value = value
            value.withUTF8 { bytes in
                if let base = bytes.baseAddress { slot.update(from: base, count: bytes.count) }
            }
            return UnsafeRawPointer(slot).withMemoryRebound(to: CChar.self, capacity: Self.shortTextSlot) {
                sqlite3_bind_text(handle, index, $0, Int32(count), csqlite_static())
            }
        }
        // A long text without contiguous UTF-8 (a bridged string): SQLite copies it.
        var value = value
        return value.withUTF8 { bytes in
            bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(handle, index, $0, Int32(bytes.count), csqlite_transient())
            }
        }
    }

    /// Steps once; returns true when a row is available.
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = SQLiteError.last(connection.handle, code: code, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Releases read locks held by a partially stepped statement, and drops the bindings (some
    /// point into the caller's strings; see `bindText`).
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }
}

/// The current row of a stepping statement; valid only inside the closure that receives it.
public struct Row {
    let handle: OpaquePointer
    /// Added to every column index, so a mapper can read columns that follow another mapper's.
    var base: Int32 = 0

    /// The same row with column 0 at `offset` (for joined column lists).
    public func shifted(by offset: Int32) -> Row { Row(handle: handle, base: base + offset) }

    /// True when column `index` is NULL.
    public func isNull(_ index: Int32) -> Bool { sqlite3_column_type(handle, index + base) == SQLITE_NULL }

    public func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(handle, index + base) }
    public func int(_ index: Int32) -> Int { Int(sqlite3_column_int64(handle, index + base)) }
    public func double(_ index: Int32) -> Double { sqlite3_column_double(handle, index + base) }
    public func bool(_ index: Int32) -> Bool { sqlite3_column_int64(handle, index + base) != 0 }

    /// The column as text (empty for NULL).
    public func string(_ index: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, index + base) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, index + base))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    public func optionalString(_ index: Int32) -> String? { isNull(index) ? nil : string(index) }
    public func optionalInt64(_ index: Int32) -> Int64? { isNull(index) ? nil : int64(index) }
    public func optionalInt(_ index: Int32) -> Int? { isNull(index) ? nil : int(index) }
    public func optionalDouble(_ index: Int32) -> Double? { isNull(index) ? nil : double(index) }

    /// The column as a value of any storage class.
    public func value(_ index: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, index + base) {
        case SQLITE_INTEGER: return .integer(int64(index))
        case SQLITE_FLOAT: return .real(double(index))
        case SQLITE_TEXT: return .text(string(index))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, index + base))
            guard count > 0, let pointer = sqlite3_column_blob(handle, index + base) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: pointer, count: count)))
        default: return .null
        }
    }
}
