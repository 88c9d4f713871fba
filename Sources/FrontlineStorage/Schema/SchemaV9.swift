/// Migration 9: `articles`, `reports` and `changes` lose AUTOINCREMENT. With it, every insert
/// read the table's row of `sqlite_sequence` as it started and wrote the row back as it ended;
/// an article, three reports and about two changes per ingested article made that 3.8% of
/// ingest's instructions.
/// Their ids are still never reused: the writer gives them from `id_marks` (`IDMarks`), which
/// starts from AUTOINCREMENT's marks, so ids of rows deleted from the top stay used.
///
/// Only the declarations change, not the way rows are stored, so the tables' SQL in
/// `sqlite_schema` is edited in place (SQLite's documented procedure for such changes,
/// https://sqlite.org/lang_altertable.html#otheralter) instead of copying both tables;
/// `Migrations.apply` then bumps the schema cookie, so that every connection reloads the schema.
enum SchemaV9 {
    static let sql = """
    CREATE TABLE id_marks (name TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;
    INSERT INTO id_marks(name, seq)
        SELECT 'articles', max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'articles'), 0),
                               coalesce((SELECT max(id) FROM articles), 0))
        UNION ALL
        SELECT 'reports', max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'reports'), 0),
                              coalesce((SELECT max(id) FROM reports), 0))
        UNION ALL
        SELECT 'changes', max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'changes'), 0),
                              coalesce((SELECT max(seq) FROM changes), 0));
    PRAGMA writable_schema = ON;
    UPDATE sqlite_schema SET sql = replace(sql, 'id INTEGER PRIMARY KEY AUTOINCREMENT', 'id INTEGER PRIMARY KEY')
        WHERE type = 'table' AND (name = 'articles' OR name = 'reports');
    UPDATE sqlite_schema SET sql = replace(sql, 'seq INTEGER PRIMARY KEY AUTOINCREMENT', 'seq INTEGER PRIMARY KEY')
        WHERE type = 'table' AND name = 'changes';
    PRAGMA writable_schema = OFF;
    DELETE FROM sqlite_sequence WHERE name = 'articles' OR name = 'reports' OR name = 'changes';
    """
}
