/// Pure decision logic of event merging (DESIGN.md §2 "Merging"): which existing event, if any,
/// a new report joins. No SQL here, so the rules can be refined and tested in isolation.
enum MergeDecision: Equatable {
    case join(Int64)
    case create

    /// An existing event as the merger sees it.
    struct Candidate: Equatable {
        var id: Int64
        var actorID: String?
        var date: String?
        var dateFrom: String?
        var dateTo: String?
    }

    /// Decides where a report goes.
    /// - Parameters:
    ///   - isCapture: captures join across any distance unless a rival capture lies in between.
    ///   - reportDate: the report's date; nil for undated reports, which join the event nearest to
    ///     `reference` (the publication date) whatever the distance.
    ///   - candidates: events of the same type, place and actor.
    ///   - rivals: capture events of the same place by another actor (recaptures), for captures.
    static func decide(isCapture: Bool, reportDate: String?, reference: String?, candidates: [Candidate],
                       rivals: [Candidate], windowDays: Int) -> MergeDecision {
        guard !candidates.isEmpty else { return .create }
        guard let day = reportDate.flatMap(Timestamp.dayNumber) else {
            let anchor = reference.flatMap(Timestamp.dayNumber)
            let best = candidates.min { a, b in
                let (da, db) = (distance(anchor, a), distance(anchor, b))
                return da != db ? da < db : a.id > b.id
            }
            return best.map { .join($0.id) } ?? .create
        }
        let rivalDays = rivals.compactMap { $0.date.flatMap(Timestamp.dayNumber) }
        var best: (id: Int64, distance: Int)?
        for candidate in candidates {
            let gap = distance(day, candidate)
            if isCapture {
                if let (low, high) = span(day, candidate), rivalDays.contains(where: { $0 > low && $0 < high }) {
                    continue
                }
            } else if gap > windowDays {
                continue
            }
            if best == nil || gap < best!.distance || (gap == best!.distance && candidate.id > best!.id) {
                best = (candidate.id, gap)
            }
        }
        return best.map { .join($0.id) } ?? .create
    }

    /// Days between `day` and the candidate's date range (0 inside it). An undated candidate is
    /// treated as adjacent (distance 0 for merging purposes, but after any dated match at 0).
    static func distance(_ day: Int?, _ candidate: Candidate) -> Int {
        guard let day else { return 0 }
        guard let from = (candidate.dateFrom ?? candidate.date).flatMap(Timestamp.dayNumber),
              let to = (candidate.dateTo ?? candidate.date).flatMap(Timestamp.dayNumber)
        else { return 0 }
        if day < from { return from - day }
        if day > to { return day - to }
        return 0
    }

    /// The day interval between a report and a candidate event, nil for an undated event.
    private static func span(_ day: Int, _ candidate: Candidate) -> (Int, Int)? {
        guard let from = (candidate.dateFrom ?? candidate.date).flatMap(Timestamp.dayNumber),
              let to = (candidate.dateTo ?? candidate.date).flatMap(Timestamp.dayNumber)
        else { return nil }
        return (min(day, from), max(day, to))
    }
}
