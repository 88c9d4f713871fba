/// How many indexed articles hold each search phrase, for the IDF of `frontline_bm25` (see
/// `csqlite_bm25` in the CSQLite shim). FTS5's own `bm25()` counts them on every query by reading
/// each phrase's whole doclist: about 3 ms of a 5 ms two-word search over 100,000 articles.
///
/// One per reader connection (no locking). The counts hold for one state of the search file,
/// named by the articles it has indexed and the outbox rows it has applied, read in the same
/// snapshot as the search; any other state starts afresh, so the ranking is exactly bm25's.
struct PhraseDocumentCounts {
    private var state: [Int64] = []
    private var counts: [String: Int64] = [:]
    /// Bounds the memory of a connection that serves many different searches in one state.
    static let capacity = 4_096

    /// The document count of each phrase (a MATCH expression), in order.
    mutating func documents(of phrases: [String], in db: Connection) throws -> [Int64] {
        let current = try db.one("""
            SELECT (SELECT value FROM search_state WHERE key = 'indexed_through'),
                (SELECT value FROM search_state WHERE key = 'outbox_applied')
            """) { [$0.optionalInt64(0) ?? -1, $0.optionalInt64(1) ?? -1] } ?? []
        if current != state || counts.count + phrases.count > Self.capacity {
            state = current
            counts = [:]
        }
        return try phrases.map { phrase in
            if let known = counts[phrase] { return known }
            let count = try db.scalar("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", [.text(phrase)]) ?? 0
            counts[phrase] = count
            return count
        }
    }
}
