/// An ingest batch's bookkeeping of sources: which exist, which are parties, and the article and
/// citation counters it owes them, written once per source at the end of the batch instead of
/// three statements per article. Only the batch's own transaction uses it; a batch that rolls
/// back drops it with everything else.
final class SourceTally {
    private struct Counts {
        var articles = 0
        var cited = 0
        var first: String
        var last: String
    }

    private var known = Set<String>()
    private var parties: [String: Bool] = [:]
    private var counts: [String: Counts] = [:]

    /// `Connection.ensureSource`, once per source and batch.
    func ensure(_ id: String, kind: String, in db: Connection) throws {
        guard known.insert(id).inserted else { return }
        try db.ensureSource(id, kind: kind)
    }

    /// Whether `ensure` ran for the source in this batch (it exists).
    func isKnown(_ id: String) -> Bool { known.contains(id) }

    /// `Connection.isParty`, once per source and batch (kinds change only through reference data,
    /// in other writes).
    func isParty(_ id: String?, in db: Connection) throws -> Bool {
        guard let id else { return false }
        if let known = parties[id] { return known }
        let party = try db.isParty(id)
        parties[id] = party
        return party
    }

    /// Counts an article published (or first seen) at `seen` by `id`, or citing it.
    func count(_ id: String, seen: String, cited: Bool) {
        var entry = counts[id] ?? Counts(first: seen, last: seen)
        if cited { entry.cited += 1 } else { entry.articles += 1 }
        entry.first = min(entry.first, seen)
        entry.last = max(entry.last, seen)
        counts[id] = entry
    }

    /// Adds the counted articles to the sources' counters and widens their first and last seen.
    func write(in db: Connection) throws {
        for (id, entry) in counts.sorted(by: { $0.key < $1.key }) {
            try db.run("""
                UPDATE sources SET article_count = article_count + ?3, cited_count = cited_count + ?4,
                    first_seen = min(coalesce(first_seen, ?1), ?1), last_seen = max(coalesce(last_seen, ?2), ?2)
                WHERE id = ?5
                """, [.text(entry.first), .text(entry.last), .integer(Int64(entry.articles)), .integer(Int64(entry.cited)),
                      .text(id)])
        }
        counts = [:]
    }
}
