/// Pure partition of one merge group's reports into events (DESIGN.md §2 "Merging"). A group is
/// every capture report of one place (all actors), or every report of one type, place and actor.
/// The partition depends only on the set of reports, never on the order they arrived in, so
/// ingesting the same articles in any order, or deleting one, gives the same events.
enum Clustering {
    struct Member: Equatable {
        var reportID: Int64
        var actorID: String?
        /// Day number of the report's date; nil when undated.
        var day: Int?
        /// Day number of the article's publication, for placing undated reports.
        var publishedDay: Int?
        var status: String
    }

    /// Clusters of report ids, each sorted, ordered by first date (undated last), then first id.
    /// - Captures: one actor's reports of a place are one event until a recapture — a dated,
    ///   reported or claimed capture by another actor — lies strictly between two of its dates.
    /// - Other types: dated reports chain while consecutive dates are at most `windowDays` apart.
    /// - Undated reports join the cluster of their actor nearest to their publication date (ties:
    ///   the later cluster); with no dated cluster they form one event of their own.
    /// - Parameter outside: captures only, the recaptures of reports left out of `members` that
    ///   may lie between them (a re-partition of part of a group: `MergeRun.reclusterAround`).
    static func partition(_ members: [Member], isCapture: Bool, windowDays: Int, outside: [Splitter] = []) -> [[Int64]] {
        let byActor = Dictionary(grouping: members, by: { $0.actorID ?? "" })
        let splitters = isCapture ? members.compactMap(Splitter.init) + outside : []
        var result: [[Member]] = []
        for actor in byActor.keys.sorted() {
            let own = byActor[actor]!
            let dated = own.filter { $0.day != nil }.sorted { ($0.day!, $0.reportID) < ($1.day!, $1.reportID) }
            let rivalDays = splitters.filter { ($0.actorID ?? "") != actor }.map(\.day).sorted()
            var clusters: [[Member]] = []
            for member in dated {
                if let previous = clusters.last?.last {
                    let (low, high) = (previous.day!, member.day!)
                    let split = isCapture ? rivalDays.contains(strictlyBetween: low, and: high) : high - low > windowDays
                    if !split {
                        clusters[clusters.count - 1].append(member)
                        continue
                    }
                }
                clusters.append([member])
            }
            // Dated clusters are built in date order: first and last members hold the span.
            let spans = clusters.map { (from: $0.first!.day!, to: $0.last!.day!) }
            var undatedCluster: [Member] = []
            for member in own where member.day == nil {
                guard !spans.isEmpty else {
                    undatedCluster.append(member)
                    continue
                }
                var best = 0
                for index in spans.indices
                where distance(member.publishedDay, spans[index]) <= distance(member.publishedDay, spans[best]) {
                    best = index
                }
                clusters[best].append(member)
            }
            if !undatedCluster.isEmpty { clusters.append(undatedCluster) }
            result += clusters
        }
        let keyed: [(first: Int, ids: [Int64])] = result.map { cluster in
            (cluster.compactMap(\.day).min() ?? Int.max, cluster.map(\.reportID).sorted())
        }
        return keyed.sorted { a, b in a.first != b.first ? a.first < b.first : a.ids[0] < b.ids[0] }.map(\.ids)
    }

    /// A dated, reported or claimed capture: it splits other actors' captures around its day.
    struct Splitter: Equatable {
        var actorID: String?
        var day: Int

        init(actorID: String?, day: Int) {
            self.actorID = actorID
            self.day = day
        }

        init?(_ member: Member) {
            guard let day = member.day, member.status == "reported" || member.status == "claimed" else { return nil }
            self.init(actorID: member.actorID, day: day)
        }
    }

    /// Days between a publication day and a date span (0 inside it or when unknown). The merge
    /// fast path uses the same measure, so it decides as a re-partition would.
    static func distance(_ day: Int?, _ span: (from: Int, to: Int)) -> Int {
        guard let day else { return 0 }
        return day < span.from ? span.from - day : day > span.to ? day - span.to : 0
    }
}

extension Array where Element == Int {
    /// For a sorted array: whether some element lies strictly between `low` and `high` (binary search).
    func contains(strictlyBetween low: Int, and high: Int) -> Bool {
        var (lower, upper) = (0, count)
        while lower < upper {
            let middle = (lower + upper) / 2
            if self[middle] <= low { lower = middle + 1 } else { upper = middle }
        }
        return lower < count && self[lower] < high
    }
}
