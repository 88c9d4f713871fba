/// Migration 8: the CHECK constraints of `changes` and `control` compare with `=` instead of
/// `IN (…)`. SQLite evaluates an IN list of three or more values through an ephemeral table
/// built afresh on every run of a statement, so each row of the changes feed (one or more per
/// article ingested) cost a b-tree opened, two 4 KiB pages zeroed and the b-tree closed again.
/// SQLite cannot alter a CHECK constraint, so both tables are rebuilt; their AUTOINCREMENT
/// high-water marks are carried over, so no sequence number is ever reused.
enum SchemaV8 {
    static let sql = """
    CREATE TABLE changes_v8 (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        entity TEXT NOT NULL CHECK (entity = 'article' OR entity = 'event'),
        entity_id INTEGER NOT NULL,
        op TEXT NOT NULL CHECK (op = 'created' OR op = 'updated' OR op = 'deleted'),
        at TEXT NOT NULL
    );
    INSERT INTO changes_v8(seq, entity, entity_id, op, at) SELECT seq, entity, entity_id, op, at FROM changes ORDER BY seq;
    \(carrySequence(from: "changes", to: "changes_v8"))
    DROP TABLE changes;
    ALTER TABLE changes_v8 RENAME TO changes;

    CREATE TABLE control_v8 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        province_id TEXT NOT NULL REFERENCES provinces(id),
        status TEXT NOT NULL CHECK (status = 'government' OR status = 'contested' OR status = 'taliban' OR status = 'unknown'),
        since TEXT NOT NULL,
        until TEXT,
        event_id INTEGER REFERENCES events(id) ON DELETE SET NULL
    );
    INSERT INTO control_v8(id, province_id, status, since, until, event_id)
        SELECT id, province_id, status, since, until, event_id FROM control ORDER BY id;
    \(carrySequence(from: "control", to: "control_v8"))
    DROP TABLE control;
    ALTER TABLE control_v8 RENAME TO control;
    CREATE INDEX control_province ON control(province_id, since);
    CREATE INDEX control_since ON control(since);
    """

    /// Gives `to` the AUTOINCREMENT mark of `from` when that is higher than what the copied rows
    /// set (rows deleted from the top of `from` still count as used).
    private static func carrySequence(from: String, to: String) -> String {
        """
        INSERT INTO sqlite_sequence(name, seq)
            SELECT '\(to)', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = '\(to)');
        UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = '\(from)'), 0))
            WHERE name = '\(to)';
        """
    }
}
