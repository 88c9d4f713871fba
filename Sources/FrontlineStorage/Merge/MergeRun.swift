/// One `EventMerger.ingest` or `EventMerger.update`: the connection, the outcome so far and the
/// events it works on (`EventCache`, its own or its ingest batch's). Re-partitioning lives here;
/// event fields in `EventRefresh.swift`.
final class MergeRun {
    typealias GroupKey = EventMerger.GroupKey
    typealias PendingReport = EventMerger.PendingReport

    /// A report as the merger reads it.
    struct Member {
        var cluster: Clustering.Member
        var eventID: Int64?
        var provinceID: String?
        var cityID: String?
        var type: String
        /// `reports.place_precision` (only "facility" changes the merge group).
        var placePrecision: String? = nil
    }

    /// An event of a group with the span merging compares.
    struct Span {
        var id: Int64
        var actorID: String?
        var from: Int?
        var to: Int?
        var undated: Int
        /// Publication days of the earliest and latest undated report.
        var undatedFrom: Int?
        var undatedTo: Int?
    }

    let configuration: MergeConfiguration
    let db: Connection
    let now: String
    var outcome = EventMerger.Outcome()
    let cache: EventCache
    /// Whether the cache is this run's own, written back when the run finishes.
    private let ownsCache: Bool
    /// Places whose assault or visit events changed their `witness_value` (or were deleted).
    private var witnessPlaces = Set<String>()
    /// Events that lost reports before this run (deleted or replaced articles).
    private(set) var staleEvents = Set<Int64>()
    /// Undated reports that a fast attach in the group pulls out of other events: the events they
    /// leave, and the span the attach grows its target to (`moveUndated`).
    private var undatedMoves: [GroupKey: (losing: [Span], grown: (from: Int, to: Int))] = [:]

    /// - Parameter cache: the batch's events, written back by the batch; nil: the run's own.
    init(configuration: MergeConfiguration, db: Connection, now: String, cache: EventCache? = nil) {
        self.configuration = configuration
        self.db = db
        self.now = now
        self.cache = cache ?? EventCache()
        ownsCache = cache == nil
        self.cache.now = now
    }

    func ingest(_ reports: [PendingReport], store: (Int, Int64?) throws -> Int64) throws -> [Int64] {
        var groups: [GroupKey: [Int]] = [:]
        for (index, report) in reports.enumerated() {
            groups[Self.key(of: report.member), default: []].append(index)
        }
        let order = groups.keys.sorted()
        var targets: [Int: Int64] = [:]
        // Events created in their final state, with the threshold they were created with.
        var startedWith: [Int64: String?] = [:]
        for key in order {
            guard let indexes = groups[key], indexes.count == 1 else { continue }
            let report = reports[indexes[0]]
            let added = AddedReport(input: report.input, articlePublished: report.articlePublished)
            let threshold = try groupThreshold(key, actor: report.member.cluster.actorID)
            let before = outcome.created
            let target = try fastTarget(key, report.member, threshold: threshold, starting: added)
            targets[indexes[0]] = target
            if let target, !before.contains(target), outcome.created.contains(target) { startedWith[target] = threshold }
        }
        let ids = try reports.indices.map { try store($0, targets[$0]) }
        for key in order {
            let indexes = groups[key]!
            if indexes.count == 1, let target = targets[indexes[0]] {
                let report = reports[indexes[0]]
                var added = AddedReport(input: report.input, articlePublished: report.articlePublished)
                added.input.reportID = ids[indexes[0]]
                // Computed now, not with the target: a witness group refreshed just before may have moved it.
                let threshold = try groupThreshold(key, actor: report.member.cluster.actorID)
                if let created = startedWith[target] {
                    // Created in its final state; only a threshold moved since needs a recomputation.
                    if created != threshold {
                        _ = try refresh(target, membershipChanged: true, threshold: threshold)
                    }
                    try verifyStored(target, threshold: threshold)
                    outcome.touched.insert(target)
                } else if try refreshAdded(target, report: added, threshold: threshold) {
                    outcome.touched.insert(target)
                }
                try moveUndated(key, to: target, threshold: threshold)
                try verifyPartition(key)
            } else {
                try attachInTurn(key, indexes.map { index in
                    var member = reports[index].member
                    member.cluster.reportID = ids[index]
                    return member
                })
            }
            try noteProvince(of: key)
        }
        try finish()
        return ids
    }

    func update(newReportIDs: [Int64], staleEvents: Set<Int64>) throws {
        self.staleEvents = staleEvents
        var pending: [GroupKey: [Member]] = [:]
        for id in newReportIDs {
            guard let member = try db.one("""
                SELECT type, province_id, city_id, actor_id, date, published_at, status, place_precision FROM reports WHERE id = ?
                """, [.integer(id)], { row in
                    Member(cluster: Self.clusterMember(id, actor: row.optionalString(3), date: row.optionalString(4),
                                                       published: row.optionalString(5), status: row.string(6)),
                           eventID: nil, provinceID: row.optionalString(1), cityID: row.optionalString(2),
                           type: row.string(0), placePrecision: row.optionalString(7))
                }) else { continue }
            pending[Self.key(of: member), default: []].append(member)
        }
        var groups = Set(pending.keys)
        for id in staleEvents {
            if let key = try db.one("SELECT place_key, type, actor_id FROM events WHERE id = ?", [.integer(id)], {
                GroupKey(placeKey: $0.string(0), type: $0.string(1), actorID: $0.optionalString(2))
            }) {
                groups.insert(key)
            }
        }
        let incremental = staleEvents.isEmpty
        for key in groups.sorted() {
            let members = pending[key] ?? []
            if incremental { try attachInTurn(key, members) } else { try recluster(key, pending: members) }
            try noteProvince(of: key)
        }
        try finish()
    }

    /// Attaches stored reports of one group one at a time, each on the fast path or by
    /// re-partitioning the events around it. Either leaves the partition a full re-partition
    /// would give, so the next report sees a correct group.
    private func attachInTurn(_ key: GroupKey, _ members: [Member]) throws {
        for member in members {
            let threshold = try groupThreshold(key, actor: member.cluster.actorID)
            if let target = try fastTarget(key, member, threshold: threshold) {
                try attach(member, to: target, threshold: threshold)
                try moveUndated(key, to: target, threshold: threshold)
            } else {
                try reclusterAround(key, member)
            }
            try verifyPartition(key)
        }
    }

    static func key(of member: Member) -> GroupKey {
        GroupKey(placeKey: PlaceKey.of(city: member.cityID, province: member.provinceID, precision: member.placePrecision),
                 type: member.type,
                 actorID: member.cluster.actorID)
    }

    /// Re-derives captures whose thresholds moved and records every event change (written back
    /// with the events when the cache is the run's own).
    private func finish() throws {
        // Captures of a place whose assaults or visits moved its thresholds may have a new consensus.
        for place in witnessPlaces.sorted() {
            // The place's captures through the cache: a batch reads them once, not once per article.
            let captures = try cache.group(GroupKey(placeKey: place, type: "capture", actorID: nil), in: db)
                .map { ($0.id, $0.actorID, $0.state.threshold) }
            for (id, actor, current) in captures where outcome.touched.contains(id) == false {
                let threshold = try threshold(place: place, actor: actor)
                guard threshold != current else { continue }
                if try retarget(id, threshold: threshold) {
                    outcome.touched.insert(id)
                    if let province = try province(of: place) { outcome.provinces.insert(province) }
                }
            }
        }
        for id in outcome.touched.union(outcome.deleted).sorted() {
            let op: ChangeRecord.Operation = outcome.deleted.contains(id) ? .deleted
                : outcome.created.contains(id) ? .created : .updated
            cache.changed(id, op)
        }
        if ownsCache { try cache.flush(in: db) }
    }

    // MARK: - Partitioning

    /// The fast path of ingest for one new report: the event it joins (created when it starts a
    /// new one) when attaching it there provably changes no other cluster; nil when the group
    /// must be re-partitioned instead.
    /// - Parameter starting: the report's fields when it is not stored yet (ingest): an event it
    ///   starts is then created in its final state.
    private func fastTarget(_ key: GroupKey, _ member: Member, threshold: String?, starting: AddedReport? = nil) throws -> Int64? {
        func start() throws -> Int64 {
            guard let starting else { return try createEvent(key, for: member, threshold: threshold) }
            let id = try createEvent(key, for: member, report: starting, threshold: threshold)
            outcome.created.insert(id)
            return id
        }
        let spans = try groupSpans(key)
        let actor = member.cluster.actorID
        let own = key.isCapture ? spans.filter { $0.actorID == actor } : spans
        if let day = member.cluster.day {
            // A dated capture that is reported or claimed splits other actors' events it falls inside.
            if key.isCapture, member.cluster.status == "reported" || member.cluster.status == "claimed" {
                for span in spans where span.actorID != actor {
                    if try splits(span, at: day) { return nil }
                }
            }
            if let inside = own.first(where: { ($0.from ?? Int.max) <= day && day <= ($0.to ?? Int.min) }) {
                return inside.id
            }
            // The first report of its actor (captures) or of its group starts an event.
            if own.isEmpty { return try start() }
            if key.isCapture { return captureTarget(key, day, own: own, spans: spans, actor: actor) }
            // Other types: a date within the window of exactly one event extends it (it cannot reach
            // another: that one would be within the window too); within the window of none, it
            // starts an event of its own. Two or more: they merge.
            // An event of undated reports only would merge into the first dated cluster.
            guard !key.isCapture, spans.allSatisfy({ $0.from != nil && $0.to != nil }) else { return nil }
            let near = spans.filter { Self.distance(day, $0) <= configuration.windowDays }
            guard near.count <= 1 else { return nil }
            let target = try near.first?.id ?? start()
            noteUndatedMoves(key, day: day, joining: near.first, others: spans)
            return target
        }
        let dated = own.filter { $0.from != nil }.sorted { ($0.from!, $0.id) < ($1.from!, $1.id) }
        guard var best = dated.first else {
            // Undated reports without a dated event of their actor share one event.
            switch own.count {
            case 0: return try start()
            case 1: return own[0].id
            default: return nil
            }
        }
        let published = member.cluster.publishedDay
        for span in dated where Self.distance(published, span) <= Self.distance(published, best) {
            best = span
        }
        return best.id
    }

    /// The fast path for a dated capture outside every event of its actor, when its actor has
    /// an event on one side only: it chains to that event when no other actor's event overlaps
    /// the gap (so no recapture can lie between), noting the undated reports that follow it.
    /// Nil (re-partition) when another actor's event overlaps the gap (a recapture may or may not
    /// lie between) or when the actor has events on both sides.
    private func captureTarget(_ key: GroupKey, _ day: Int, own: [Span], spans: [Span], actor: String?) -> Int64? {
        let (_, before, after) = Self.neighbours(of: day, among: own)
        guard (before == nil) != (after == nil), let target = before ?? after else { return nil }
        let gap = before != nil ? (low: target.to!, high: day) : (low: day, high: target.from!)
        guard !spans.contains(where: { $0.actorID != actor && $0.from != nil && $0.to != nil
                                        && $0.from! < gap.high && $0.to! > gap.low }) else { return nil }
        noteUndatedMoves(key, day: day, joining: target, others: own)
        return target.id
    }

    /// Notes for `moveUndated` the undated reports of `others` that a dated report on `day` draws
    /// to the event it joins (`joined`, whose span grows to the day; nil: the event it starts).
    func noteUndatedMoves(_ key: GroupKey, day: Int, joining joined: Span?, others: [Span]) {
        let grown = joined.map { (from: min($0.from!, day), to: max($0.to!, day)) } ?? (from: day, to: day)
        let losing = others.filter { Self.losesUndated($0, to: grown, except: joined?.id) }
        if !losing.isEmpty { undatedMoves[key] = (losing, grown) }
    }

    /// Where a day falls among one actor's dated capture events (their spans are disjoint): the
    /// event holding it; else the nearest event ending before it and the nearest starting after.
    static func neighbours(of day: Int, among own: [Span]) -> (inside: Span?, before: Span?, after: Span?) {
        let dated = own.filter { $0.from != nil && $0.to != nil }
        if let inside = dated.first(where: { $0.from! <= day && day <= $0.to! }) { return (inside, nil, nil) }
        let before = dated.filter { $0.to! < day }.max { ($0.to!, $0.id) < ($1.to!, $1.id) }
        let after = dated.filter { $0.from! > day }.min { ($0.from!, $0.id) < ($1.from!, $1.id) }
        return (nil, before, after)
    }

    /// The threshold a capture of `key` by `actor` is computed with (nil for other types).
    func groupThreshold(_ key: GroupKey, actor: String?) throws -> String? {
        key.isCapture ? try threshold(place: key.placeKey, actor: actor) : nil
    }

    /// Attaches a stored report (of the reextraction path) to an event and updates the event.
    func attach(_ member: Member, to event: Int64, threshold: String?) throws {
        try db.run("UPDATE reports SET event_id = ? WHERE id = ?", [.integer(event), .integer(member.cluster.reportID)])
        if try refreshAdded(event, report: member.cluster.reportID, threshold: threshold) {
            outcome.touched.insert(event)
        }
    }

    /// A new, empty event of the group with the place and actor of `member`.
    func createEvent(_ key: GroupKey, for member: Member, threshold: String? = nil) throws -> Int64 {
        try db.run("""
            INSERT INTO events(type, province_id, city_id, actor_id, place_key, status, contradicted_before, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, 'expected', ?, ?, ?)
            """, [.text(key.type), SQLValue(member.provinceID), SQLValue(member.cityID), SQLValue(member.cluster.actorID),
                  .text(key.placeKey), SQLValue(threshold), .text(now), .text(now)])
        let id = db.lastInsertRowID
        cache.inserted(id, key: key, actorID: member.cluster.actorID, state: nil)
        outcome.created.insert(id)
        return id
    }

    /// After a fast attach to `target` whose span grew: moves there the undated reports of other
    /// events that are now nearer to it by publication day (as `Clustering` places them; ties to
    /// the later event), and recomputes the events at both ends. Only the target's span changed,
    /// so no other report moves, and reading these events' undated reports replaces reading and
    /// re-partitioning the whole group.
    func moveUndated(_ key: GroupKey, to target: Int64, threshold: String?) throws {
        guard let (losing, grown) = undatedMoves.removeValue(forKey: key) else { return }
        var moved = false
        for span in losing {
            let later = grown.from > (span.from ?? Int.min)
            let leaving = try db.all("SELECT id, published_at FROM reports WHERE event_id = ? AND date IS NULL",
                                     [.integer(span.id)]) { ($0.int64(0), $0.optionalString(1)) }
                .filter { _, published in
                    let day = published.flatMap(Timestamp.dayNumber)
                    let (kept, offered) = (Self.distance(day, span), Clustering.distance(day, grown))
                    return offered < kept || (offered == kept && later)
                }
            guard !leaving.isEmpty else { continue }
            for (id, _) in leaving {
                try db.run("UPDATE reports SET event_id = ? WHERE id = ?", [.integer(target), .integer(id)])
            }
            if try refresh(span.id, membershipChanged: true, threshold: try groupThreshold(key, actor: span.actorID)) {
                outcome.touched.insert(span.id)
            }
            moved = true
        }
        if moved, try refresh(target, membershipChanged: true, threshold: threshold) { outcome.touched.insert(target) }
    }

    /// Re-partitions one whole group (`recluster(_:pending:events:stored:outside:)`).
    private func recluster(_ key: GroupKey, pending: [Member]) throws {
        let (actorClause, arguments) = Self.groupFilter(key)
        let events = try db.all("SELECT e.id FROM events e WHERE e.place_key = ? AND e.type = ? \(actorClause) ORDER BY e.id",
                                arguments) { $0.int64(0) }
        try recluster(key, pending: pending, events: events, stored: events.isEmpty ? [] : groupMembers(key))
    }

    /// Re-partitions `events` (all of a group, or the part `reclusterAround` proves the others
    /// do not depend on) with their `stored` reports and the `pending` ones, and maps clusters
    /// onto events: each cluster keeps the event that holds most of its reports (ties: the
    /// lowest id) unless an earlier cluster took it; events left without a cluster are deleted.
    /// - Parameter outside: recaptures in reports left out that may split these events.
    func recluster(_ key: GroupKey, pending: [Member], events: [Int64], stored: [Member],
                   outside: [Clustering.Splitter] = []) throws {
        let members = pending + stored
        let byID = Dictionary(uniqueKeysWithValues: members.map { ($0.cluster.reportID, $0) })
        let clusters = Clustering.partition(members.map(\.cluster), isCapture: key.isCapture,
                                            windowDays: configuration.windowDays, outside: outside)
        var used = Set<Int64>()
        var changed = Set<Int64>()
        // Events whose only change is one new report: they take the one-report update.
        var gained: [Int64: [Int64]] = [:]
        var rebuilt = Set<Int64>()
        var assigned: [(event: Int64, actor: String?)] = []
        for cluster in clusters {
            var counts: [Int64: Int] = [:]
            for id in cluster { if let event = byID[id]!.eventID { counts[event, default: 0] += 1 } }
            let kept = counts.filter { !used.contains($0.key) }
                .max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
            let first = byID[cluster[0]]!
            let eventID: Int64
            if let kept {
                eventID = kept
            } else {
                eventID = try createEvent(key, for: first, threshold: try groupThreshold(key, actor: first.cluster.actorID))
                changed.insert(eventID)
            }
            used.insert(eventID)
            assigned.append((eventID, first.cluster.actorID))
            for id in cluster where byID[id]!.eventID != eventID {
                try db.run("UPDATE reports SET event_id = ? WHERE id = ?", [.integer(eventID), .integer(id)])
                // Both ends of a move change: the event gaining the report and the one losing it.
                changed.insert(eventID)
                if let from = byID[id]!.eventID {
                    changed.insert(from)
                    rebuilt.formUnion([from, eventID])
                } else {
                    gained[eventID, default: []].append(id)
                }
            }
        }
        // Unchanged events keep their fields (a capture's threshold moves only with its place's
        // witnesses, and `update` re-derives those captures afterwards).
        for (eventID, actor) in assigned where changed.contains(eventID) || staleEvents.contains(eventID) {
            let threshold = try groupThreshold(key, actor: actor)
            let written: Bool
            if !rebuilt.contains(eventID), let added = gained[eventID], added.count == 1 {
                written = try refreshAdded(eventID, report: added[0], threshold: threshold)
            } else {
                written = try refresh(eventID, membershipChanged: changed.contains(eventID), threshold: threshold)
            }
            if written { outcome.touched.insert(eventID) }
        }
        for id in events where !used.contains(id) {
            try Self.deleteEvent(id, in: db)
            cache.deleted(id)
            outcome.deleted.insert(id)
            outcome.touched.remove(id)
            if key.isWitness { witnessChanged(key.placeKey) }
        }
    }

    /// Deletes an event with its source links and date votes, which have no foreign key to
    /// cascade from it (migration 11). A report still naming it loses its event, as the foreign
    /// key's SET NULL did before migration 12 (the merge moves every report first, so none does).
    static func deleteEvent(_ id: Int64, in db: Connection) throws {
        try db.run("UPDATE reports SET event_id = NULL WHERE event_id = ?", [.integer(id)])
        try db.run("DELETE FROM event_sources WHERE event_id = ?", [.integer(id)])
        try db.run("DELETE FROM event_votes WHERE event_id = ?", [.integer(id)])
        if let (date, type) = try db.one("SELECT date, type FROM events WHERE id = ?", [.integer(id)], { ($0.optionalString(0), $0.string(1)) }) {
            try db.countEventDay(type: type, from: date, to: nil)
        }
        try db.run("DELETE FROM events WHERE id = ?", [.integer(id)])
    }

    /// Every stored report of a group, with its event.
    private func groupMembers(_ key: GroupKey) throws -> [Member] {
        let (actorClause, arguments) = Self.groupFilter(key)
        return try db.all("""
            SELECT r.id, r.event_id, r.actor_id, r.date, r.published_at, r.status, r.province_id, r.city_id
            FROM events e JOIN reports r ON r.event_id = e.id
            WHERE e.place_key = ? AND e.type = ? \(actorClause)
            """, arguments) { row in
                Member(cluster: Self.clusterMember(row.int64(0), actor: row.optionalString(2), date: row.optionalString(3),
                                                   published: row.optionalString(4), status: row.string(5)),
                       eventID: row.int64(1), provinceID: row.optionalString(6), cityID: row.optionalString(7),
                       type: key.type)
            }
    }

    /// Debug builds, after a fast attach: the group's events are exactly the clusters a full
    /// re-partition gives (each cluster one event, no event shared).
    func verifyPartition(_ key: GroupKey) throws {
        #if DEBUG
        let members = try groupMembers(key)
        let eventOf = Dictionary(uniqueKeysWithValues: members.map { ($0.cluster.reportID, $0.eventID) })
        let clusters = Clustering.partition(members.map(\.cluster), isCapture: key.isCapture, windowDays: configuration.windowDays)
        let events = clusters.map { Set($0.map { eventOf[$0] ?? nil }) }
        guard events.allSatisfy({ $0.count == 1 }), Set(events.map { $0.first! }).count == clusters.count else {
            throw StorageError.inconsistent("group \(key.placeKey) \(key.type): events \(events) != clusters \(clusters)")
        }
        #endif
    }

    func groupSpans(_ key: GroupKey) throws -> [Span] { try cache.spans(key, in: db) }

    private static func groupFilter(_ key: GroupKey) -> (String, [SQLValue]) {
        key.isCapture ? ("", [.text(key.placeKey), .text(key.type)])
            : ("AND e.actor_id IS ?", [.text(key.placeKey), .text(key.type), SQLValue(key.actorID)])
    }

    /// Whether an undated report of `span`'s event would rather join the cluster that grows to
    /// `grown` (Clustering: the nearest cluster by publication day, ties to the later one). The
    /// reports that would are those on `grown`'s side of the midpoint between two disjoint spans,
    /// so checking the earliest and latest publication day suffices. Unknown extremes: assume so.
    private static func losesUndated(_ span: Span, to grown: (from: Int, to: Int), except target: Int64?) -> Bool {
        guard span.undated > 0, span.id != target else { return false }
        guard let from = span.from, let to = span.to, let first = span.undatedFrom, let last = span.undatedTo else { return true }
        let later = grown.from > from
        return [first, last].contains { day in
            let (kept, offered) = (Clustering.distance(day, (from, to)), Clustering.distance(day, grown))
            return offered < kept || (offered == kept && later)
        }
    }

    /// `Clustering.distance` to an event's span (0 when the event has no dated report).
    private static func distance(_ day: Int?, _ span: Span) -> Int {
        guard let from = span.from, let to = span.to else { return 0 }
        return Clustering.distance(day, (from, to))
    }

    /// Capture dates strictly before the returned day are contradicted (issue 6): an article
    /// published after that date still describes the place as attacked, besieged or contested (an
    /// `assault` by the capturing actor, or by no named actor) or visited by someone else
    /// (government leaders). A witness report contradicts day D when its article was published
    /// after D and its own date is after D or unknown, i.e. when D < min(published day, date);
    /// over all witnesses, D < the maximum of that. Each assault or visit event stores that
    /// maximum over its reports (`witness_value`), so this reads a few events, not their reports;
    /// memoised per place and actor until the place's witnesses change.
    func threshold(place: String, actor: String?) throws -> String? {
        if let known = cache.threshold(place: place, actor: actor) { return known }
        try cache.flushWitnesses(place: place, in: db)
        let value = try db.one("""
            SELECT max(witness_value) FROM events
            WHERE place_key = ?1 AND ((type = 'assault' AND (actor_id IS NULL OR actor_id = ?2))
                                      OR (type = 'visit' AND actor_id IS NOT ?2))
            """, [.text(place), SQLValue(actor)]) { $0.optionalString(0) } ?? nil
        cache.setThreshold(place: place, actor: actor, value)
        return value
    }

    func witnessChanged(_ place: String) {
        witnessPlaces.insert(place)
        cache.witnessesChanged(place: place)
    }

    /// `witnessChanged` for an event whose witness value only rose (it gained a report).
    func witnessRaised(_ place: String, type: String, actor: String?, to value: String) {
        witnessPlaces.insert(place)
        cache.witnessRaised(place: place, type: type, actor: actor, to: value)
    }

    /// Captures and assaults can move their province's control: remember it for re-derivation.
    private func noteProvince(of key: GroupKey) throws {
        guard key.isCapture || key.type == "assault", let province = try province(of: key.placeKey) else { return }
        outcome.provinces.insert(province)
    }

    /// The province whose control a place's events can move: the province itself, or the
    /// province of a capital; nil for other towns and for no place.
    private func province(of placeKey: String) throws -> String? {
        if placeKey.hasPrefix("province:") { return String(placeKey.dropFirst("province:".count)) }
        guard placeKey.hasPrefix("city:") else { return nil }
        if let known = cache.controlledProvince[placeKey] { return known }
        let province = try db.one("SELECT province_id FROM cities WHERE id = ? AND is_capital = 1",
                                  [.text(String(placeKey.dropFirst("city:".count)))]) { $0.optionalString(0) } ?? nil
        cache.controlledProvince[placeKey] = province
        return province
    }

    static func clusterMember(_ id: Int64, actor: String?, date: String?, published: String?,
                                      status: String) -> Clustering.Member {
        Clustering.Member(reportID: id, actorID: actor, day: date.flatMap(Timestamp.dayNumber),
                          publishedDay: published.flatMap(Timestamp.dayNumber), status: status)
    }
}
