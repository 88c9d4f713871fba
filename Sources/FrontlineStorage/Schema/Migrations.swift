/// The ordered, append-only list of schema migrations, tracked in `PRAGMA user_version`.
/// Never edit a shipped migration: append a new one.
enum Migrations {
    /// Migration `n` (1-based) is `all[n - 1]`.
    static let all: [String] = [SchemaV1.sql, SchemaV2.sql, SchemaV3.sql, SchemaV4.sql]

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
            for version in current..<latestVersion {
                try connection.execute(all[version])
            }
            if current != latestVersion {
                // PRAGMA takes no bound parameters; the value is our own integer.
                try connection.execute("PRAGMA user_version = \(latestVersion)")
            }
        }
    }
}
