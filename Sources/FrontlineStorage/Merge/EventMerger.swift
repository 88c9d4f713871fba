/// The merge step of ingest, delete and re-extraction, run inside their transaction: places new
/// reports in events and re-partitions every merge group a change touches (`Clustering`, pure and
/// order-independent), maps the clusters onto the existing events (keeping ids where it can),
/// rewrites the derived fields of the events that changed (`EventSummary`), and records changes.
///
/// Ingest takes a fast path when it provably gives the same partition as a full re-partition (a
/// report landing inside an existing event's date span changes no other cluster); otherwise, and
/// always on delete, the whole group is re-partitioned.
struct EventMerger {
    var configuration: MergeConfiguration

    struct Outcome {
        /// Events created or whose fields changed (not deleted ones).
        var touched: Set<Int64> = []
        var created: Set<Int64> = []
        var deleted: Set<Int64> = []
        /// Provinces whose control may have moved (capture and assault groups).
        var provinces: Set<String> = []
    }

    /// One merge group: captures of a place by any actor (`actorID` nil), or reports of one type,
    /// place and actor. Assaults and visits sort before the captures of their place: they set the
    /// contradiction threshold the captures' consensus uses.
    ///
    /// Its hash is computed once: the merge looks keys up in several dictionaries per report,
    /// and hashing the three strings each time was 4% of ingest's instructions.
    struct GroupKey: Hashable, Comparable {
        let placeKey: String
        let type: String
        let actorID: String?
        private let hash: Int

        init(placeKey: String, type: String, actorID: String?) {
            self.placeKey = placeKey
            self.type = type
            self.actorID = type == "capture" ? nil : actorID
            var hasher = Hasher()
            hasher.combine(placeKey)
            hasher.combine(type)
            hasher.combine(self.actorID)
            hash = hasher.finalize()
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }

        static func == (a: GroupKey, b: GroupKey) -> Bool {
            a.hash == b.hash && a.placeKey == b.placeKey && a.type == b.type && a.actorID == b.actorID
        }

        var isCapture: Bool { type == "capture" }
        var isWitness: Bool { type == "assault" || type == "visit" }

        static func < (a: GroupKey, b: GroupKey) -> Bool {
            (a.placeKey, a.isCapture ? 1 : 0, a.type, a.actorID ?? "")
                < (b.placeKey, b.isCapture ? 1 : 0, b.type, b.actorID ?? "")
        }
    }

    /// A report of an article being ingested, before it is stored (`reportID` 0 until then).
    struct PendingReport {
        var member: MergeRun.Member
        var input: EventSummary.Input
        var articlePublished: String?
    }

    /// Merges the reports of an article being ingested: reports that join an event on the fast
    /// path are stored already linked to it (`store(index, eventID)` inserts report `index` and
    /// returns its id), so ingest never rewrites a report it just wrote. Returns the report ids.
    /// - Parameter cache: the ingest batch's events, which the batch writes back; nil: written
    ///   back before this returns.
    func ingest(_ reports: [PendingReport], in db: Connection, now: String, cache: EventCache? = nil,
                store: (Int, Int64?) throws -> Int64) throws -> (reportIDs: [Int64], outcome: Outcome) {
        let run = MergeRun(configuration: configuration, db: db, now: now, cache: cache)
        let ids = try run.ingest(reports, store: store)
        return (ids, run.outcome)
    }

    /// Merges `newReportIDs` (stored, not yet in an event) and re-partitions the groups of
    /// `staleEvents` (events that lost reports), then records every event change.
    func update(newReportIDs: [Int64], staleEvents: Set<Int64>, in db: Connection, now: String) throws -> Outcome {
        let run = MergeRun(configuration: configuration, db: db, now: now)
        try run.update(newReportIDs: newReportIDs, staleEvents: staleEvents)
        return run.outcome
    }
}
