/// Migration 10: the place and actor columns of `reports` lose their foreign keys. SQLite
/// probed `provinces`, `cities` and `actors` at every report insert (a cursor opened, a key
/// built, a seek, the cursor closed; three reports per article): 3.3% of ingest's instructions.
/// The writer checks those ids itself (`KnownReferences`), `frontline check` looks for reports
/// naming unknown ones (`reportsNamingMissingRows`), and the events a report belongs to still
/// reference the same places and actor through their own foreign keys.
///
/// Foreign keys are not stored with the rows, so, as in migration 9, the table's SQL is edited
/// in place (a change SQLite documents as safe that way: https://sqlite.org/lang_altertable.html#otheralter).
enum SchemaV10 {
    static let sql = """
    PRAGMA writable_schema = ON;
    UPDATE sqlite_schema SET sql = replace(replace(replace(sql,
            'province_id TEXT REFERENCES provinces(id)', 'province_id TEXT'),
            'city_id TEXT REFERENCES cities(id)', 'city_id TEXT'),
            'actor_id TEXT REFERENCES actors(id)', 'actor_id TEXT')
        WHERE type = 'table' AND name = 'reports';
    PRAGMA writable_schema = OFF;
    """
}
