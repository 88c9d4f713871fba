/// The ordered, append-only list of schema migrations, tracked in `PRAGMA user_version`.
/// Never edit a shipped migration: append a new one.
enum Migrations {
    /// Migration `n` (1-based) is `all[n - 1]`.
    static let all: [String] = [SchemaV1.sql, SchemaV2.sql, SchemaV3.sql, SchemaV4.sql, SchemaV5.sql, SchemaV6.sql, SchemaV7.sql, SchemaV8.sql, SchemaV9.sql, SchemaV10.sql, SchemaV11.sql, SchemaV12.sql, SchemaV13.sql, SchemaV14.sql, SchemaV15.sql]

    /// The schema version this binary writes.
    static var latestVersion: Int { all.count }

    /// Applies every pending migration in one transaction on the writer.
    /// - Throws: `StorageError.databaseTooNew` when the file's version is above `latestVersion`.
    static func apply(to connection: Connection) throws {
        try connection.transaction(immediate: true) {
            let current = Int(try connection.scalar("PRAGMA user_version") ?? 0)
            guard current <= latestVersion else {
                throw StorageError.databaseTooNew(found: current, supported: latestVersion)
            }
            if current > 0 {
                let missing = try missingColumns(in: connection, version: current)
                guard missing.isEmpty else { throw StorageError.schemaMismatch(version: current, missing: missing) }
            }
            for version in current..<latestVersion {
                try connection.execute(all[version])
            }
            if current != latestVersion {
                try bumpSchemaCookie(connection)
                // PRAGMA takes no bound parameters; the value is our own integer.
                try connection.execute("PRAGMA user_version = \(latestVersion)")
            }
        }
    }

    /// Makes every connection, this one included, reload the schema once migrations ran: some
    /// edit `sqlite_schema` directly (migrations 9 to 12), which SQLite does not notice by itself.
    /// The migrations after such an edit only read the edited tables, so one reload at the end
    /// suffices. PRAGMA takes no bound parameters; the value is an integer we read.
    private static func bumpSchemaCookie(_ connection: Connection) throws {
        let cookie = try connection.scalar("PRAGMA schema_version") ?? 0
        try connection.execute("PRAGMA schema_version = \(cookie + 1)")
    }

    /// Columns that migrations 1...`version` create but the file lacks ("table.column"): a file
    /// written by a development build whose migrations differed. Found by applying those
    /// migrations to an empty in-memory database and comparing every table's columns.
    static func missingColumns(in connection: Connection, version: Int) throws -> [String] {
        let reference = try Connection(path: ":memory:", readOnly: false, configuration: connection.configuration)
        for sql in all.prefix(version) { try reference.execute(sql) }
        let tables = try reference.all("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name") {
            $0.string(0)
        }
        var missing: [String] = []
        for table in tables {
            // PRAGMA table_info takes no bound parameters; the name comes from our own schema.
            let actual = Set(try connection.all("PRAGMA table_info(\"\(table)\")") { $0.string(1) })
            let expected = try reference.all("PRAGMA table_info(\"\(table)\")") { $0.string(1) }
            missing += expected.filter { !actual.contains($0) }.map { "\(table).\($0)" }
        }
        return missing
    }
}
