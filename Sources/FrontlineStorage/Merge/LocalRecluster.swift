/// Re-partitioning only the events one report can change, when the fast path cannot place it.
///
/// A full re-partition reads every report of the group, and a place's captures gather reports
/// all summer: its cost grew with the group while the number of re-partitions grew with the
/// reports, so ingest slowed as the store grew. One new report changes little of a correct
/// partition (`Clustering.partition`):
/// - Its own actor's clusters next to its day: the one holding the day (which it joins), or the
///   nearest before and after (which it may bridge, join, or fall between as a cluster of its
///   own); for other types, the events within the window of its day (one on each side at most,
///   as clusters are more than a window apart); and events of undated reports only, which the
///   first dated report absorbs.
/// - As a recapture (a dated, reported or claimed capture), the other actors' captures whose
///   span holds its day strictly inside: they split there.
/// Undated reports of these events stay among them: their clusters only grow or split, and a
/// grown cluster never reaches past its neighbours. Undated reports elsewhere keep their nearer
/// cluster. So the other events' clusters are unchanged, and re-partitioning the chosen events
/// alone gives what the whole group would. The one thing the chosen events cannot tell is a
/// recapture elsewhere that falls between two of them: those are read from the events that
/// overlap the gaps. Debug builds compare the result with a full re-partition (`verifyPartition`).
///
/// A dated capture rarely needs even that: the captures its recapture splits are re-partitioned
/// alone, and then it joins its actor's event that holds its day, or the one before or after it
/// that no recapture separates it from, or starts an event, as the fast path attaches (undated
/// reports that are now nearer follow it). Only when it bridges two events do they and their
/// reports take the re-partition above.
extension MergeRun {
    func reclusterAround(_ key: GroupKey, _ member: Member) throws {
        if key.isCapture, let day = member.cluster.day {
            if let splitter = Clustering.Splitter(member.cluster) { try split(key, at: splitter) }
            if try placeCapture(key, member, day: day) { return }
        }
        try reclusterNeighbourhood(key, member)
    }

    /// Re-partitions the other actors' captures that hold `splitter`'s day strictly inside their
    /// span. Each is a correct cluster, so no other recapture lies between its reports.
    private func split(_ key: GroupKey, at splitter: Clustering.Splitter) throws {
        let split = try groupSpans(key).filter { span in
            try span.actorID != splitter.actorID && splits(span, at: splitter.day)
        }.map(\.id)
        guard !split.isEmpty else { return }
        var stored: [Member] = []
        for id in split { stored += try eventMembers(id, key) }
        try recluster(key, pending: [], events: split, stored: stored, outside: [splitter])
    }

    /// Whether a recapture on `day` may split another actor's capture event: its span holds the
    /// day strictly inside, and no report of the event gives that day (one that does keeps both
    /// sides together, so a recapture of a day the event already reports splits nothing: in a
    /// popular event that is most of them). The event's date votes tell which days its reports
    /// give without reading them; a denied or expected report on the day, which casts no vote,
    /// is found by the re-partition instead.
    func splits(_ span: Span, at day: Int) throws -> Bool {
        guard let from = span.from, let to = span.to, from < day, day < to else { return false }
        return try !cache.votes(span.id, in: db).keys.contains { Timestamp.dayNumber($0) == day }
    }

    /// Attaches a dated capture as the fast path would, deciding from the recaptures in the gaps
    /// to its actor's neighbouring events; false when it bridges two of them (or its actor has
    /// an event of undated reports only, which its first dated report absorbs).
    private func placeCapture(_ key: GroupKey, _ member: Member, day: Int) throws -> Bool {
        let spans = try groupSpans(key)
        let actor = member.cluster.actorID
        let own = spans.filter { $0.actorID == actor }
        guard own.allSatisfy({ $0.from != nil && $0.to != nil }) else { return false }
        let threshold = try groupThreshold(key, actor: actor)
        let target: Int64
        let (inside, before, after) = Self.neighbours(of: day, among: own)
        if let inside {
            target = inside.id
        } else {
            let joinsBefore = try before.map { try !recaptured(between: $0.to!, and: day, except: actor, in: spans) } ?? false
            let joinsAfter = try after.map { try !recaptured(between: day, and: $0.from!, except: actor, in: spans) } ?? false
            if joinsBefore && joinsAfter { return false }
            let joined = joinsBefore ? before : joinsAfter ? after : nil
            target = try joined?.id ?? createEvent(key, for: member, threshold: threshold)
            noteUndatedMoves(key, day: day, joining: joined, others: own)
        }
        try attach(member, to: target, threshold: threshold)
        try moveUndated(key, to: target, threshold: threshold)
        return true
    }

    /// Whether another actor's recapture lies strictly between two days.
    private func recaptured(between low: Int, and high: Int, except actor: String?, in spans: [Span]) throws -> Bool {
        guard high - low > 1 else { return false }
        for span in spans where span.actorID != actor {
            guard let from = span.from, let to = span.to, from < high, to > low else { continue }
            if try recaptures(in: span.id).contains(where: { $0.actorID != actor && low < $0.day && $0.day < high }) { return true }
        }
        return false
    }

    /// Re-partitions the events around `member` (`neighbourhood`) with it.
    private func reclusterNeighbourhood(_ key: GroupKey, _ member: Member) throws {
        let spans = try groupSpans(key)
        let chosen = Self.neighbourhood(of: member.cluster, in: spans, isCapture: key.isCapture,
                                        windowDays: configuration.windowDays)
        var stored: [Member] = []
        for id in chosen { stored += try eventMembers(id, key) }
        var outside: [Clustering.Splitter] = []
        if key.isCapture {
            let ids = Set(chosen)
            let gaps = Self.gaps(between: spans.filter { ids.contains($0.id) }, and: member.cluster)
            for span in spans where !ids.contains(span.id) {
                guard let from = span.from, let to = span.to,
                      gaps.contains(where: { from < $0.high && to > $0.low }) else { continue }
                outside += try recaptures(in: span.id).filter { splitter in
                    gaps.contains { $0.low < splitter.day && splitter.day < $0.high }
                }
            }
        }
        try recluster(key, pending: [member], events: chosen, stored: stored, outside: outside)
    }

    /// The events of a group (`spans`) whose clusters a new report can change, in id order.
    static func neighbourhood(of report: Clustering.Member, in spans: [Span], isCapture: Bool, windowDays: Int) -> [Int64] {
        let own = isCapture ? spans.filter { $0.actorID == report.actorID } : spans
        // An undated report can only fail the fast path when its actor's events are not a
        // correct partition's (two events of undated reports only): take them all.
        guard let day = report.day else { return own.map(\.id).sorted() }
        var chosen = Set(own.filter { $0.from == nil || $0.to == nil }.map(\.id))
        if isCapture {
            let (inside, before, after) = neighbours(of: day, among: own)
            for span in [inside, before, after].compactMap({ $0 }) { chosen.insert(span.id) }
            if Clustering.Splitter(report) != nil {
                for span in spans where span.actorID != report.actorID {
                    if let from = span.from, let to = span.to, from < day, day < to { chosen.insert(span.id) }
                }
            }
        } else {
            for span in own {
                if let from = span.from, let to = span.to, Clustering.distance(day, (from, to)) <= windowDays { chosen.insert(span.id) }
            }
        }
        return chosen.sorted()
    }

    /// The open day intervals between the dated stretches of one actor's chosen events and the
    /// new report: a recapture there splits them. Within a chosen event none can lie (it is a
    /// correct cluster), so these are the only places an unread recapture matters.
    static func gaps(between chosen: [Span], and report: Clustering.Member) -> [(low: Int, high: Int)] {
        var stretches: [String: [(from: Int, to: Int)]] = [:]
        for span in chosen {
            if let from = span.from, let to = span.to { stretches[span.actorID ?? "", default: []].append((from, to)) }
        }
        if let day = report.day { stretches[report.actorID ?? "", default: []].append((day, day)) }
        var gaps: [(low: Int, high: Int)] = []
        for list in stretches.values {
            let sorted = list.sorted { $0.from < $1.from }
            var reach = sorted[0].to
            for stretch in sorted.dropFirst() {
                if stretch.from > reach + 1 { gaps.append((reach, stretch.from)) }
                reach = max(reach, stretch.to)
            }
        }
        return gaps
    }

    /// The reports of one event, as the merger reads them.
    private func eventMembers(_ event: Int64, _ key: GroupKey) throws -> [Member] {
        try db.all("""
            SELECT id, actor_id, date, published_at, status, province_id, city_id FROM reports WHERE event_id = ?
            """, [.integer(event)]) { row in
                Member(cluster: Self.clusterMember(row.int64(0), actor: row.optionalString(1), date: row.optionalString(2),
                                                   published: row.optionalString(3), status: row.string(4)),
                       eventID: event, provinceID: row.optionalString(5), cityID: row.optionalString(6), type: key.type)
            }
    }

    /// The recaptures among one event's reports.
    private func recaptures(in event: Int64) throws -> [Clustering.Splitter] {
        try db.all("""
            SELECT actor_id, date FROM reports
            WHERE event_id = ? AND date IS NOT NULL AND (status = 'reported' OR status = 'claimed')
            """, [.integer(event)]) { row in
                Timestamp.dayNumber(row.string(1)).map { Clustering.Splitter(actorID: row.optionalString(0), day: $0) }
            }.compactMap { $0 }
    }
}
