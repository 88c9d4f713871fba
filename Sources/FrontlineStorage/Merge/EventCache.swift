/// The events a merge run, or a whole ingest batch, reads and changes: their derived state,
/// their date votes, their new source links and the groups they form, held in memory and
/// written back once (`flush`).
///
/// Popular events (the fall of a provincial capital) gain many reports in one batch; writing the
/// row, its index entries and its votes once per batch instead of once per report is most of the
/// batch ingest rate. Nothing outside the transaction sees the difference: the owner flushes
/// before anything reads events with SQL (control derivation, the end of the transaction).
/// Reads inside the merge go through the cache; the few SQL reads of derived columns are kept
/// correct by writing those rows first (`flushWitnesses`) or by reading the cache (`state`).
///
/// A cache must be dropped, not flushed, when its transaction rolls back. After a commit it
/// still matches the database until anything else writes (`Stamp`), so ingest batches reuse it.
final class EventCache {
    typealias GroupKey = EventMerger.GroupKey

    /// Set by whoever keeps the cache after its transaction committed.
    var stamp: Stamp?
    /// Events held.
    var count: Int { entries.count }

    private var entries: [Int64: Entry] = [:]
    /// The ids of a group's events, for groups read so far.
    private var groups: [GroupKey: [Int64]] = [:]
    /// The spans of groups in `groups`, in the same order, kept current as their events change:
    /// the fast path reads a group's spans for every report, and rebuilding them from `entries`
    /// hashed every event id of the group each time.
    private var groupSpans: [GroupKey: [MergeRun.Span]] = [:]
    /// Memoised `MergeRun.threshold(place:actor:)`, by place, then actor ("" for none).
    private var thresholds: [String: [String: String?]] = [:]
    /// Events whose `witness_value` differs from the row's (thresholds read that column).
    private var witnessDirty = Set<Int64>()
    private var changes: [Int64: ChangeRecord.Operation] = [:]
    /// Memoised `MergeRun.province(of:)` by city place key (cities change only in other writes,
    /// which end the cache's life).
    var controlledProvince: [String: String?] = [:]
    /// The time written rows are stamped with (`updated_at`) and changes recorded at.
    var now = ""

    // MARK: - Events

    /// The event's entry, read from the row on first use; nil when no such event exists.
    /// - Parameter settled: false leaves a deferred dispute unbuilt (`refreshAdded`, and the
    ///   cache's own reads of votes and claims, which it makes on the way).
    func entry(_ id: Int64, in db: Connection, settled: Bool = true) throws -> Entry? {
        if let known = entries[id] {
            if settled { Self.settle(known) }
            return known
        }
        guard let entry = try db.one("SELECT e.id, \(EventState.columns) FROM events e WHERE e.id = ?", [.integer(id)], Self.row)
        else { return nil }
        entries[id] = entry
        return entry
    }

    /// The state the event has now, if the cache holds it (the row may be older).
    func state(_ id: Int64) -> EventState? {
        guard let entry = entries[id] else { return nil }
        Self.settle(entry)
        return entry.state
    }

    /// Builds a dispute deferred by `refreshAdded`. A popular disputed event gains a side with
    /// most reports, and its dispute lists every source key of every side (one per article for
    /// articles without a source): rebuilding it per report was quadratic in the event's size,
    /// so it is rebuilt once, when the event is next read for anything else or written.
    static func settle(_ entry: Entry) {
        guard entry.disputeStale else { return }
        entry.disputeStale = false
        entry.state.dispute = disputeJSON(entry.state.disputeReason, votes: { entry.votes ?? [:] }, claims: { entry.claims ?? [:] })
    }

    /// The dispute of `reason` with the sides it lists: dates with their sources, or statuses
    /// with theirs (nil for no dispute).
    static func disputeJSON(_ reason: String?, votes: () throws -> [String: [String: Vote]],
                            claims: () throws -> [String: Set<String>]) rethrows -> String? {
        switch reason {
        case "dates_disagree": return EventSummary.datesDisagreeJSON(try votes().mapValues { Set($0.keys) })
        case "claim_denied": return EventSummary.claimDeniedJSON(try claims())
        default: return nil
        }
    }

    /// The events of a merge group, with the spans merging compares.
    func spans(_ key: GroupKey, in db: Connection) throws -> [MergeRun.Span] {
        if let known = groupSpans[key] { return known }
        let spans = try groupIDs(key, in: db).map { entries[$0]!.span }
        groupSpans[key] = spans
        return spans
    }

    /// The events of a merge group.
    func group(_ key: GroupKey, in db: Connection) throws -> [Entry] {
        let group = try groupIDs(key, in: db).map { entries[$0]! }
        group.forEach(Self.settle)
        return group
    }

    private func groupIDs(_ key: GroupKey, in db: Connection) throws -> [Int64] {
        if groups[key] == nil {
            let actorClause = key.isCapture ? "" : "AND e.actor_id IS ?"
            let arguments: [SQLValue] = key.isCapture ? [.text(key.placeKey), .text(key.type)]
                : [.text(key.placeKey), .text(key.type), SQLValue(key.actorID)]
            let rows = try db.all("SELECT e.id, \(EventState.columns) FROM events e WHERE e.place_key = ? AND e.type = ? \(actorClause)",
                                  arguments, Self.row)
            for entry in rows where entries[entry.id] == nil { entries[entry.id] = entry }
            groups[key] = rows.map(\.id)
        }
        return groups[key]!
    }

    /// Records a new event's row, inserted in `state` (nil: with the column defaults, read on use)
    /// with its links and claims.
    func inserted(_ id: Int64, key: GroupKey, actorID: String?, state: EventState?, links: Set<String> = [],
                  claims: [String: Set<String>] = [:]) {
        guard let state else {
            groups[key] = nil
            groupSpans[key] = nil
            return
        }
        let entry = Entry(id: id, type: key.type, placeKey: key.placeKey, actorID: actorID, state: state)
        entry.votes = [:]
        entry.links = links
        entry.linksComplete = true
        entry.newLinks = links
        entry.claims = claims
        entries[id] = entry
        groups[key]?.append(id)
        groupSpans[key]?.append(entry.span)
    }

    /// Sets the event's state; it reaches the row at the next flush. Returns whether the event
    /// changed or `force` asked for a write (which stamps `updated_at`).
    func update(_ id: Int64, to state: EventState, force: Bool) -> Bool {
        guard let entry = entries[id], force || entry.state != state else { return false }
        if state.witness != entry.stored.witness { witnessDirty.insert(id) }
        let spanMoved = state.spanFrom != entry.state.spanFrom || state.spanTo != entry.state.spanTo
            || state.undated != entry.state.undated || state.undatedPublishedFrom != entry.state.undatedPublishedFrom
            || state.undatedPublishedTo != entry.state.undatedPublishedTo
        entry.state = state
        entry.dirty = true
        // Most reports land inside their event's span: its group's spans then stay as they are.
        let key = entry.groupKey
        if spanMoved, let index = groupSpans[key]?.firstIndex(where: { $0.id == id }) { groupSpans[key]![index] = entry.span }
        return true
    }

    /// Forgets an event whose row was deleted.
    func deleted(_ id: Int64) {
        guard let entry = entries.removeValue(forKey: id) else {
            for key in groups.keys { groups[key]!.removeAll { $0 == id } }
            for key in groupSpans.keys { groupSpans[key]!.removeAll { $0.id == id } }
            return
        }
        groups[entry.groupKey]?.removeAll { $0 == id }
        groupSpans[entry.groupKey]?.removeAll { $0.id == id }
        witnessDirty.remove(id)
    }

    /// Links a source to the event at the next flush (`writeLinks`); nothing when it is known to
    /// be linked already. The event must be held.
    func link(_ id: Int64, source: String) {
        guard let entry = entries[id], entry.links.insert(source).inserted else { return }
        entry.newLinks.insert(source)
    }

    /// Inserts the event's pending links (before SQL reads its links, and at the flush).
    func writeLinks(_ id: Int64, in db: Connection) throws {
        guard let entry = entries[id], !entry.newLinks.isEmpty else { return }
        for source in entry.newLinks.sorted() { try db.link(id, source: source, sortKey: entry.stored.sortKey) }
        entry.newLinks = []
    }

    /// Replaces the event's links in `event_sources` with `sources` (a full refresh found them
    /// changed).
    func rewriteLinks(_ id: Int64, _ sources: [String], in db: Connection) throws {
        guard let entry = entries[id] else { throw StorageError.inconsistent("links rewritten for an event not in the cache") }
        try db.run("DELETE FROM event_sources WHERE event_id = ?", [.integer(id)])
        for source in sources { try db.link(id, source: source, sortKey: entry.stored.sortKey) }
        setLinks(id, sources)
    }

    /// Sets the full list of the event's linked sources (after a rewrite or a read of its links;
    /// pending links must have been written or be replaced).
    func setLinks(_ id: Int64, _ sources: [String]) {
        entries[id]?.links = Set(sources)
        entries[id]?.linksComplete = true
        entries[id]?.newLinks = []
    }

    /// Every source linked to the event, sorted, when the cache knows them all (pending included).
    func knownLinks(_ id: Int64) -> [String]? {
        guard let entry = entries[id], entry.linksComplete else { return nil }
        return entry.links.sorted()
    }

    // MARK: - Votes

    /// Adds one report's vote for `date`. Returns true when its source had not given that date before.
    func addVote(_ id: Int64, date: String, source: String, published: String?, precisionRank: String,
                 in db: Connection) throws -> Bool {
        _ = try votes(id, in: db)
        guard let entry = entries[id] else { return false }
        var vote = entry.votes![date]?[source] ?? Vote(reports: 0, latest: nil, precisionRank: precisionRank)
        vote.add(published: published, precisionRank: precisionRank)
        entry.votes![date, default: [:]][source] = vote
        entry.dirtyVotes.insert(VoteKey(date: date, source: source))
        // A vote only grows: one more source at most, a later publication, a better precision.
        if var standing = entry.standings[date] {
            if vote.reports == 1 { standing.sources += 1 }
            if let published, published > standing.latest { standing.latest = published }
            standing.bestRank = min(standing.bestRank, precisionRank)
            entry.standings[date] = standing
        }
        return vote.reports == 1
    }

    /// The standing of one date of the event's votes; nil when no source gave that date.
    /// Remembered per date: a popular event's date has a vote per source (per article for
    /// articles without a source), and counting them again for every report was quadratic.
    func standing(_ id: Int64, date: String, in db: Connection) throws -> Standing? {
        let votes = try votes(id, in: db)
        guard let entry = entries[id] else { return nil }
        if let known = entry.standings[date] { return known }
        guard let byDate = votes[date], let standing = Self.standing(of: byDate) else { return nil }
        entry.standings[date] = standing
        return standing
    }

    /// The standing of one date from its votes by source (nil for none).
    static func standing(of votes: [String: Vote]) -> Standing? {
        // One pass without intermediate arrays.
        var best: String?
        var latest = ""
        for vote in votes.values {
            if best.map({ vote.precisionRank < $0 }) ?? true { best = vote.precisionRank }
            if let published = vote.latest, published > latest { latest = published }
        }
        return best.map { Standing(sources: votes.count, latest: latest, bestRank: $0) }
    }

    /// The votes of the event, by date and source.
    func votes(_ id: Int64, in db: Connection) throws -> [String: [String: Vote]] {
        if let known = entries[id]?.votes { return known }
        guard try entry(id, in: db, settled: false) != nil else { return [:] }
        var votes: [String: [String: Vote]] = [:]
        try db.query("SELECT date, source_key, reports, latest, precision_rank FROM event_votes WHERE event_id = ?",
                     [.integer(id)]) { row in
            votes[row.string(0), default: [:]][row.string(1)] = Vote(reports: row.int(2), latest: row.optionalString(3),
                                                                     precisionRank: row.string(4))
        }
        entries[id]!.votes = votes
        entries[id]!.standings = [:]
        return votes
    }

    /// Sets the event's votes and claims, counted again from all its reports after they changed
    /// (its `event_votes` rows deleted): every vote is written at the flush.
    func reportsRecounted(_ entry: Entry, votes: [String: [String: Vote]], claims: [String: Set<String>]) {
        Self.settle(entry)
        entry.votes = votes
        entry.standings = [:]
        entry.dirtyVotes = Set(votes.flatMap { date, bySource in bySource.keys.map { VoteKey(date: date, source: $0) } })
        entry.claims = claims
    }

    // MARK: - Claims

    /// Statuses whose sources a claim-denied dispute lists (`EventSummary.claimDeniedJSON`).
    static let claimStatuses: Set<String> = ["reported", "claimed", "denied"]

    /// Whether the event's claims are in memory (then every new report's must be added).
    func holdsClaims(_ id: Int64) -> Bool { entries[id]?.claims != nil }

    /// Adds a stored report's status and source key, first reading those of the event's other
    /// reports if needed. Returns whether no other report gave that pair.
    func addClaim(_ id: Int64, status: String, source: String, reportID: Int64, in db: Connection) throws -> Bool {
        guard let entry = try entry(id, in: db, settled: false) else { return false }
        if entry.claims == nil { entry.claims = try Self.readClaims(id, except: reportID, in: db) }
        return entry.claims![status, default: []].insert(source).inserted
    }

    /// The event's source keys by claim status.
    func claims(_ id: Int64, in db: Connection) throws -> [String: Set<String>] {
        guard let entry = try entry(id, in: db, settled: false) else { return [:] }
        if entry.claims == nil { entry.claims = try Self.readClaims(id, except: 0, in: db) }
        return entry.claims!
    }

    /// No DISTINCT and no IN list in the SQL: each makes SQLite build an ephemeral table on every
    /// run, and the sets drop the repeats anyway.
    private static func readClaims(_ id: Int64, except reportID: Int64, in db: Connection) throws -> [String: Set<String>] {
        var claims: [String: Set<String>] = [:]
        try db.query(readClaimsSQL, [.integer(id), .integer(reportID)]) { row in
            claims[row.string(0), default: []].insert(row.string(1))
        }
        return claims
    }

    private static let readClaimsSQL = """
        SELECT status, coalesce(origin_source_id, 'article:' || article_id) FROM reports
        WHERE event_id = ? AND (\(claimStatuses.sorted().map { "status = '\($0)'" }.joined(separator: " OR "))) AND id <> ?
        """

    // MARK: - Thresholds and changes

    func threshold(place: String, actor: String?) -> String?? { thresholds[place]?[actor ?? ""] }
    func setThreshold(place: String, actor: String?, _ value: String?) { thresholds[place, default: [:]][actor ?? ""] = value }

    /// Drops the memoised thresholds of a place whose witnesses changed.
    func witnessesChanged(place: String) { thresholds[place] = nil }

    /// A witness event of the place (an assault or a visit by `actor`) rose to `value`: each
    /// memoised threshold it counts towards (see `MergeRun.threshold`) rises with it, so the
    /// maximum need not be read again. A value that falls or goes must use `witnessesChanged`.
    func witnessRaised(place: String, type: String, actor: String?, to value: String) {
        guard var byActor = thresholds[place] else { return }
        for (key, current) in byActor {
            let capturer: String? = key.isEmpty ? nil : key
            let counts = type == "assault" ? actor == nil || actor == capturer : actor != capturer
            if counts { byActor[key] = max(current ?? value, value) }
        }
        thresholds[place] = byActor
    }

    /// Writes the rows of the place's events whose `witness_value` changed, so SQL reads it right.
    func flushWitnesses(place: String, in db: Connection) throws {
        for id in witnessDirty.sorted() where entries[id]?.placeKey == place { try write(id, in: db) }
    }

    /// Records a change of the event for the feed; a deletion outranks a creation, which
    /// outranks an update.
    func changed(_ id: Int64, _ op: ChangeRecord.Operation) {
        switch (changes[id], op) {
        case (.deleted?, _), (.created?, .updated): break
        default: changes[id] = op
        }
    }

    // MARK: - Writing back

    /// Writes every changed event row, its new links and votes, then the event changes, in id order.
    func flush(in db: Connection) throws {
        for id in entries.keys.sorted() {
            try write(id, in: db)
            try writeLinks(id, in: db)
            try writeVotes(id, in: db)
        }
        for (id, op) in changes.sorted(by: { $0.key < $1.key }) { try db.recordChange(.event, id, op, at: now) }
        changes = [:]
    }

    /// Debug builds: writes one event's votes so they can be compared with a recount.
    func writeVotes(_ id: Int64, in db: Connection) throws {
        guard let entry = entries[id], !entry.dirtyVotes.isEmpty, let votes = entry.votes else { return }
        for key in entry.dirtyVotes.sorted(by: { ($0.date, $0.source) < ($1.date, $1.source) }) {
            guard let vote = votes[key.date]?[key.source] else { continue }
            try db.run("""
                INSERT INTO event_votes(event_id, date, source_key, reports, latest, precision_rank) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                ON CONFLICT(event_id, date, source_key) DO UPDATE SET
                    reports = excluded.reports, latest = excluded.latest, precision_rank = excluded.precision_rank
                """, [.integer(id), .text(key.date), .text(key.source), .integer(Int64(vote.reports)), SQLValue(vote.latest),
                      .text(vote.precisionRank)])
        }
        entries[id]!.dirtyVotes = []
    }

    private func write(_ id: Int64, in db: Connection) throws {
        guard let entry = entries[id], entry.dirty else { return }
        Self.settle(entry)
        try entry.state.write(id, type: entry.type, over: entry.stored, now: now, in: db)
        entry.stored = entry.state
        entry.dirty = false
        witnessDirty.remove(id)
    }

    private static func row(_ row: Row) -> Entry {
        let (type, placeKey, actorID, state) = EventState.read(row, from: 1)
        return Entry(id: row.int64(0), type: type, placeKey: placeKey, actorID: actorID, state: state)
    }
}
