/// Rewriting an event's derived fields: in full from all its reports (`refresh`), or from the one
/// report it just gained (`refreshAdded`), which is what ingest does nearly every time. The full
/// path is the definition; the one-report path gives the same state from running totals
/// (`events` counters, `event_votes`, index seeks) so ingest does not slow down as events grow.
/// Both read and write the event through the run's `EventCache`.
/// Debug builds check every one-report update against the full recomputation.
extension MergeRun {
    /// Recomputes an event's fields from all its reports, rebuilds its votes, writes what changed
    /// (everything when `membershipChanged`) and relinks its sources. Returns whether it wrote.
    func refresh(_ id: Int64, membershipChanged: Bool, threshold: String?) throws -> Bool {
        guard let entry = try cache.entry(id, in: db),
              let full = try recompute(id, type: entry.type, threshold: threshold) else { return false }
        let old = entry.state
        if full.state.witness != old.witness { witnessChanged(entry.placeKey) }
        try rebuildVotes(entry, from: full.inputs)
        guard cache.update(id, to: full.state, force: membershipChanged) else { return false }
        guard membershipChanged || full.state.reportCount != old.reportCount else { return true }
        let linked: [String]
        if let known = cache.knownLinks(id) {
            linked = known
        } else {
            try cache.writeLinks(id, in: db)
            linked = try db.all("SELECT source_id FROM event_sources WHERE event_id = ? ORDER BY source_id",
                                [.integer(id)]) { $0.string(0) }
            cache.setLinks(id, linked)
        }
        guard linked != full.linked else { return true }
        try cache.rewriteLinks(id, full.linked, in: db)
        return true
    }

    /// Updates an event that gained one report (already linked to it) and lost none. Falls back
    /// to `refresh` when the event also lost reports or its capture threshold moved.
    func refreshAdded(_ id: Int64, report reportID: Int64, threshold: String?) throws -> Bool {
        guard let report = try addedReport(reportID) else { return try refresh(id, membershipChanged: true, threshold: threshold) }
        return try refreshAdded(id, report: report, threshold: threshold)
    }

    /// `refreshAdded` with the report's fields at hand (ingest knows them before storing it).
    func refreshAdded(_ id: Int64, report: AddedReport, threshold: String?) throws -> Bool {
        guard !staleEvents.contains(id), let entry = try cache.entry(id, in: db, settled: false)
        else { return try refresh(id, membershipChanged: true, threshold: threshold) }
        // The one-report update below needs the consensus under the current threshold.
        if entry.state.threshold != threshold { _ = try retarget(id, threshold: threshold, verifying: false) }
        let (type, placeKey, old) = (entry.type, entry.placeKey, entry.state)
        let input = report.input
        let witnessValue = Self.isWitness(type) ? Self.witnessValue(input, articlePublished: report.articlePublished) : nil
        var new = old
        new.reportCount += 1
        if let published = input.publishedAt {
            // The new report has the highest id: it is the first only when strictly earlier.
            if old.reportCount == 0 || old.firstReportedAt.map({ published < $0 }) ?? true { new.firstSourceID = input.sourceID }
            new.firstReportedAt = min(old.firstReportedAt ?? published, published)
        }
        let rank = EventSummary.statusRank(status: input.status, partySource: input.partySource)
        new.status = EventSummary.statusNames[max(EventSummary.statusNames.firstIndex(of: old.status) ?? 0, rank)]
        new.statusMask |= EventState.statusBit(input.status)
        if let date = input.date {
            new.spanFrom = min(old.spanFrom ?? date, date)
            new.spanTo = max(old.spanTo ?? date, date)
        } else {
            new.undated += 1
            if let day = input.publishedAt.map({ String($0.prefix(10)) }) {
                new.undatedPublishedFrom = min(old.undatedPublishedFrom ?? day, day)
                new.undatedPublishedTo = max(old.undatedPublishedTo ?? day, day)
            }
        }
        if let value = witnessValue { new.witness = max(old.witness ?? value, value) }
        // One more report can only raise the maximum.
        if let value = new.witness, new.witness != old.witness {
            witnessRaised(placeKey, type: type, actor: entry.actorID, to: value)
        }
        // `sources` lists the independent sources of the event's reports (all of them linked in
        // `event_sources`), so only a report without one needs a look at the others.
        // At most two sources: an array, where a Set cost two allocations per report.
        var unlisted: [String] = []
        for case let source? in [input.sourceID, input.independentSourceID]
        where !unlisted.contains(source) && !JSONList.contains(old.sources, source) {
            unlisted.append(source)
        }
        if let source = input.independentSourceID {
            if unlisted.contains(source) {
                new.sourceCount += 1
                new.sources = JSONList.inserting(source, intoSorted: old.sources)
                    ?? JSONList.encode((JSONList.decode(old.sources) + [source]).sorted())
            }
        } else if try !hasOtherReport(id, like: input) {
            new.sourceCount += 1
        }
        var newVote = false
        if let date = input.date, EventSummary.countsTowardsDate(input.status) {
            newVote = try addVote(id, date: date, input)
            new.from = min(old.from ?? date, date)
            new.to = max(old.to ?? date, date)
            try updateConsensus(id, &new, old: old, date: date, threshold: threshold)
        }
        let reason = EventSummary.disputeReason(type: type, from: new.from, to: new.to,
                                                hasDenial: new.statusMask & 4 != 0, hasClaim: new.statusMask & 3 != 0)
        let isClaim = EventCache.claimStatuses.contains(input.status)
        var newClaim = false
        if isClaim, reason == "claim_denied" || cache.holdsClaims(id) {
            newClaim = try cache.addClaim(id, status: input.status, source: input.sourceKey, reportID: input.reportID, in: db)
        }
        let sidesChanged: Bool
        switch reason {
        case "dates_disagree": sidesChanged = newVote
        case "claim_denied" where isClaim: sidesChanged = newClaim
        default: sidesChanged = false
        }
        // true: the dispute is left to `EventCache.settle`; false: built here; nil: unchanged.
        var disputeDeferred: Bool?
        if reason != old.disputeReason || sidesChanged {
            new.disputeReason = reason
            if reason == old.disputeReason, reason == "claim_denied" || reason == "dates_disagree" {
                disputeDeferred = true
            } else {
                new.dispute = try disputeJSON(id, reason: reason)
                disputeDeferred = false
            }
        }
        #if DEBUG
        var settled = new
        if disputeDeferred ?? entry.disputeStale { settled.dispute = try disputeJSON(id, reason: reason) }
        try verify(id, type: type, threshold: threshold, state: settled)
        #endif
        _ = cache.update(id, to: new, force: true)
        if let disputeDeferred { entry.disputeStale = disputeDeferred }
        for source in unlisted { cache.link(id, source: source) }
        return true
    }

    /// Recomputes the consensus of a capture whose contradiction threshold moved, from its votes:
    /// of all its fields only the date and its precision depend on the threshold (see
    /// `EventSummary.init`), so its reports need not be read. Returns whether the event changed.
    /// - Parameter verifying: debug builds compare with the full recomputation (not while a
    ///   report is stored but not yet counted).
    func retarget(_ id: Int64, threshold: String?, verifying: Bool = true) throws -> Bool {
        guard let entry = try cache.entry(id, in: db) else { return false }
        var new = entry.state
        new.threshold = threshold
        let votes = try cache.votes(id, in: db)
        let standing = threshold.map { day in votes.filter { $0.key >= day } } ?? votes
        let ranked = (standing.isEmpty ? votes : standing).map { (date: $0.key, standing: Self.standing(of: $0.value)) }
        let consensus = ranked.max { a, b in
            (a.standing.sources, a.standing.latest, a.date) < (b.standing.sources, b.standing.latest, b.date)
        }
        new.date = consensus?.date
        new.precision = consensus?.standing.precision ?? "unknown"
        #if DEBUG
        if verifying { try verify(id, type: entry.type, threshold: threshold, state: new) }
        #endif
        return cache.update(id, to: new, force: false)
    }

    /// Creates the event a new report starts, already in its final one-report state, with its
    /// vote and source links (both written at the flush), so the report can be stored linked to it
    /// and nothing rewrites the event's indexed columns a moment later.
    func createEvent(_ key: GroupKey, for member: Member, report: AddedReport, threshold: String?) throws -> Int64 {
        let input = report.input
        let witness = Self.isWitness(key.type) ? Self.witnessValue(input, articlePublished: report.articlePublished) : nil
        let state = EventState.single(type: key.type, input, witness: witness, threshold: threshold)
        let id = try state.insert(type: key.type, provinceID: member.provinceID, cityID: member.cityID,
                                  actorID: member.cluster.actorID, placeKey: key.placeKey, now: now, in: db)
        let links = Set([input.sourceID, input.independentSourceID].compactMap { $0 })
        let claims = EventCache.claimStatuses.contains(input.status) ? [input.status: Set([input.sourceKey])] : [:]
        cache.inserted(id, key: key, actorID: member.cluster.actorID, state: state, links: links, claims: claims)
        if let date = input.date, EventSummary.countsTowardsDate(input.status) { _ = try addVote(id, date: date, input) }
        if let witness { witnessRaised(key.placeKey, type: key.type, actor: member.cluster.actorID, to: witness) }
        return id
    }

    /// Debug builds: a stored event's state equals the full recomputation from its reports.
    func verifyStored(_ id: Int64, threshold: String?) throws {
        #if DEBUG
        guard let entry = try cache.entry(id, in: db) else { return }
        try verify(id, type: entry.type, threshold: threshold, state: entry.state)
        #endif
    }

    // MARK: - Full recomputation

    /// Events whose row differs from the full recomputation from their reports, or that hold
    /// none: what the one-report updates and the batch write-back must never produce.
    func eventsDifferingFromRecomputation() throws -> [Int64] {
        var differing: [Int64] = []
        try db.query("SELECT e.id, \(EventState.columns) FROM events e ORDER BY e.id") { row in
            let id = row.int64(0)
            let (type, placeKey, actorID, stored) = EventState.read(row, from: 1)
            let threshold = type == "capture" ? try threshold(place: placeKey, actor: actorID) : nil
            if try recompute(id, type: type, threshold: threshold)?.state != stored { differing.append(id) }
        }
        return differing
    }

    /// The event's state computed from all its reports, and the sources to link.
    private func recompute(_ id: Int64, type: String, threshold: String?)
        throws -> (state: EventState, linked: [String], inputs: [EventSummary.Input])?
    {
        let isWitness = Self.isWitness(type)
        var witness: String?
        // Witnesses need their articles' own publication dates (reports carry the ingest time for
        // undated ones); other events skip the join, a seek into the largest table per report.
        let inputs = try db.all(isWitness ? Self.reportsWithArticleDates : Self.reportsOnly, [.integer(id)]) { row in
                let input = Self.input(row)
                if isWitness, let value = Self.witnessValue(input, articlePublished: row.optionalString(9)) {
                    witness = max(witness ?? value, value)
                }
                return input
            }
        guard !inputs.isEmpty else { return nil }
        let summary = EventSummary(type: type, inputs, contradictedBefore: threshold)
        let undated = inputs.filter { $0.date == nil }
        let undatedDays = undated.compactMap { $0.publishedAt.map { String($0.prefix(10)) } }
        let state = EventState(
            date: summary.date, precision: summary.datePrecision, from: summary.dateFrom, to: summary.dateTo,
            status: summary.status, disputeReason: summary.disputeReason, dispute: summary.disputeJSON,
            reportCount: summary.reportCount, sourceCount: summary.sourceCount, sources: JSONList.encode(summary.sourceIDs),
            firstReportedAt: summary.firstReportedAt,
            firstSourceID: inputs.min { ($0.publishedAt ?? "", $0.reportID) < ($1.publishedAt ?? "", $1.reportID) }?.sourceID,
            spanFrom: summary.spanFrom, spanTo: summary.spanTo,
            threshold: threshold, witness: witness, undated: undated.count,
            undatedPublishedFrom: undatedDays.min(), undatedPublishedTo: undatedDays.max(),
            statusMask: inputs.reduce(0) { $0 | EventState.statusBit($1.status) })
        return (state, summary.linkedSourceIDs, inputs)
    }

    private static let reportsWithArticleDates = """
        SELECT r.id, r.article_id, r.source_id, r.origin_source_id, r.date, r.date_precision, r.status,
            r.published_at, r.origin_party, a.published_at
        FROM reports r JOIN articles a ON a.id = r.article_id WHERE r.event_id = ?
        """

    private static let reportsOnly = """
        SELECT id, article_id, source_id, origin_source_id, date, date_precision, status, published_at, origin_party, NULL
        FROM reports WHERE event_id = ?
        """

    /// `event_votes` rows recounted from `reports` (add a condition on `event_id` and `GROUP BY 1, 2, 3`).
    static let votesRecount = """
        SELECT event_id, date, coalesce(origin_source_id, 'article:' || article_id), count(*), max(published_at),
            min(CASE date_precision WHEN 'day' THEN '0' ELSE '1' || date_precision END)
        FROM reports
        WHERE event_id IS NOT NULL AND date IS NOT NULL AND status NOT IN ('expected', 'denied')
        """

    private static let votesQuery = votesRecount + " AND event_id = ?1 GROUP BY 1, 2, 3"

    /// Replaces the event's votes and claims with a count of `inputs`, all its reports (read by
    /// `recompute`; reading them again for SQL's `votesQuery` cost a second pass and a sort).
    /// The votes reach `event_votes` with the event, at the flush; debug builds compare them
    /// with `votesQuery` (`verify`).
    private func rebuildVotes(_ entry: EventCache.Entry, from inputs: [EventSummary.Input]) throws {
        try db.run("DELETE FROM event_votes WHERE event_id = ?", [.integer(entry.id)])
        var votes: [String: [String: EventCache.Vote]] = [:]
        var claims: [String: Set<String>] = [:]
        for input in inputs {
            let source = input.sourceKey
            if EventCache.claimStatuses.contains(input.status) { claims[input.status, default: []].insert(source) }
            guard let date = input.date, EventSummary.countsTowardsDate(input.status) else { continue }
            let rank = Self.precisionRank(input.datePrecision)
            var vote = votes[date]?[source] ?? EventCache.Vote(reports: 0, latest: nil, precisionRank: rank)
            vote.add(published: input.publishedAt, precisionRank: rank)
            votes[date, default: [:]][source] = vote
        }
        cache.reportsRecounted(entry, votes: votes, claims: claims)
    }

    // MARK: - One-report update

    /// A report joining an event, with its article's own publication date (witness values need it).
    struct AddedReport {
        var input: EventSummary.Input
        var articlePublished: String?
    }

    private func addedReport(_ id: Int64) throws -> AddedReport? {
        try db.one("""
            SELECT r.id, r.article_id, r.source_id, r.origin_source_id, r.date, r.date_precision, r.status,
                r.published_at, r.origin_party, a.published_at
            FROM reports r JOIN articles a ON a.id = r.article_id WHERE r.id = ?
            """, [.integer(id)]) { row in
                AddedReport(input: Self.input(row), articlePublished: row.optionalString(9))
            }
    }

    /// Whether the event holds another report of the same source-less article: a seek in `reports_event`.
    private func hasOtherReport(_ event: Int64, like input: EventSummary.Input) throws -> Bool {
        try db.scalar("""
            SELECT EXISTS(SELECT 1 FROM reports WHERE event_id = ?1 AND origin_source_id IS NULL AND article_id = ?2 AND id <> ?3)
            """, [.integer(event), .integer(input.articleID), .integer(input.reportID)]) == 1
    }

    /// Counts the report's vote for its date. Returns true when its source had not given that date before.
    private func addVote(_ id: Int64, date: String, _ input: EventSummary.Input) throws -> Bool {
        try cache.addVote(id, date: date, source: input.sourceKey, published: input.publishedAt,
                          precisionRank: Self.precisionRank(input.datePrecision), in: db)
    }

    /// One date's standing in the consensus: distinct sources, latest publication, best precision.
    private func vote(_ id: Int64, date: String) throws -> (sources: Int, latest: String, precision: String) {
        Self.standing(try cache.standing(id, date: date, in: db))
    }

    private static func standing(of votes: [String: EventCache.Vote]) -> (sources: Int, latest: String, precision: String) {
        standing(EventCache.standing(of: votes))
    }

    private static func standing(_ standing: EventCache.Standing?) -> (sources: Int, latest: String, precision: String) {
        guard let standing else { return (0, "", "unknown") }
        return (standing.sources, standing.latest, precision(fromRank: standing.bestRank))
    }

    /// Only `date` gained support, so the consensus is the better of the old consensus and
    /// `date` (see `EventSummary.init`): dates before the threshold compete only when no date is
    /// at or after it, and an old consensus before the threshold means none was.
    private func updateConsensus(_ id: Int64, _ new: inout EventState, old: EventState, date: String,
                                 threshold: String?) throws {
        let standing = { (day: String) in threshold.map { day >= $0 } ?? true }
        let candidate = try vote(id, date: date)
        var wins = true
        if let current = old.date, current != date {
            switch (standing(current), standing(date)) {
            case (true, false): wins = false
            case (false, true): wins = true
            default:
                let held = try vote(id, date: current)
                wins = (candidate.sources, candidate.latest, date) > (held.sources, held.latest, current)
            }
        }
        if wins {
            new.date = date
            new.precision = candidate.precision
        }
    }

    private func disputeJSON(_ id: Int64, reason: String?) throws -> String? {
        try EventCache.disputeJSON(reason, votes: { try cache.votes(id, in: db) }, claims: { try cache.claims(id, in: db) })
    }

    /// Debug builds: the one-report update must equal the full recomputation, votes included.
    private func verify(_ id: Int64, type: String, threshold: String?, state: EventState) throws {
        guard let full = try recompute(id, type: type, threshold: threshold) else { return }
        try cache.writeVotes(id, in: db)
        guard full.state == state else {
            throw StorageError.inconsistent("event \(id): incremental \(state) != full \(full.state)")
        }
        let stored = try db.all("SELECT event_id, date, source_key, reports, latest, precision_rank FROM event_votes WHERE event_id = ? ORDER BY 2, 3",
                                [.integer(id)]) { "\($0.value(1)) \($0.value(2)) \($0.value(3)) \($0.value(4)) \($0.value(5))" }
        let expected = try db.all(Self.votesQuery + " ORDER BY 2, 3", [.integer(id)]) {
            "\($0.value(1)) \($0.value(2)) \($0.value(3)) \($0.value(4)) \($0.value(5))"
        }
        guard stored == expected else { throw StorageError.inconsistent("event \(id): votes \(stored) != \(expected)") }
    }

    // MARK: - Helpers

    static func isWitness(_ type: String) -> Bool { type == "assault" || type == "visit" }

    private static func input(_ row: Row) -> EventSummary.Input {
        EventSummary.Input(reportID: row.int64(0), articleID: row.int64(1), sourceID: row.optionalString(2),
                           independentSourceID: row.optionalString(3), date: row.optionalString(4),
                           datePrecision: row.string(5), status: row.string(6), publishedAt: row.optionalString(7),
                           partySource: row.bool(8))
    }

    /// A witness report's contribution to `witness_value` (see `threshold(place:actor:)`).
    private static func witnessValue(_ input: EventSummary.Input, articlePublished: String?) -> String? {
        guard input.status == "reported" || input.status == "claimed", let published = articlePublished else { return nil }
        return min(String(published.prefix(10)), input.date ?? "9999-12-31")
    }

    private static func precisionRank(_ precision: String) -> String { precision == "day" ? "0" : "1" + precision }
    private static func precision(fromRank rank: String) -> String { rank == "0" ? "day" : String(rank.dropFirst()) }
}
