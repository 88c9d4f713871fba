import CSQLite

/// The version of the SQLite library this process linked against (logged at start).
public func sqliteLibraryVersion() -> String { String(cString: sqlite3_libversion()) }
