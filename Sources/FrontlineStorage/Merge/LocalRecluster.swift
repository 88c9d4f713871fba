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
extension MergeRun {
    func reclusterAround(_ key: GroupKey, _ member: Member) throws {
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
        let dated = own.filter { $0.from != nil && $0.to != nil }
        if isCapture {
            if let inside = dated.first(where: { $0.from! <= day && day <= $0.to! }) {
                chosen.insert(inside.id)
            } else {
                if let before = dated.filter({ $0.to! < day }).max(by: { $0.to! < $1.to! }) { chosen.insert(before.id) }
                if let after = dated.filter({ $0.from! > day }).min(by: { $0.from! < $1.from! }) { chosen.insert(after.id) }
            }
            if Clustering.Splitter(report) != nil {
                for span in spans where span.actorID != report.actorID {
                    if let from = span.from, let to = span.to, from < day, day < to { chosen.insert(span.id) }
                }
            }
        } else {
            for span in dated where Clustering.distance(day, (span.from!, span.to!)) <= windowDays { chosen.insert(span.id) }
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
