/// The values an `EventCache` holds: one event's entry, its date votes and their standing, and
/// the stamp that tells whether a kept cache still matches the database.
extension EventCache {
    /// The database state a flushed cache matches: rows changed by the writer connection (which
    /// counts every statement of every transaction) and commits by other connections. While the
    /// stamp is the same, nothing has written since.
    struct Stamp: Equatable {
        var changes: Int64
        var commitsByOthers: Int64

        init(_ db: Connection) throws {
            changes = db.totalChanges
            commitsByOthers = try db.commitsByOthers()
        }
    }

    /// One independent source's support for one date (a row of `event_votes`).
    struct Vote: Equatable {
        var reports: Int
        /// Latest publication of those reports (the consensus tie-break).
        var latest: String?
        /// '0' for day precision, else '1' followed by the precision.
        var precisionRank: String

        /// One more report from this source for this date (ingest adds one; a full refresh
        /// counts them all).
        mutating func add(published: String?, precisionRank rank: String) {
            reports += 1
            if let published, published > (latest ?? "") { latest = published }
            precisionRank = min(precisionRank, rank)
        }
    }

    /// A class: merging reads entries many times per report, and copying a struct of this size
    /// (strings, dictionaries) out of the dictionary each time showed in profiles.
    final class Entry {
        let id: Int64
        let type: String
        let placeKey: String
        let actorID: String?
        var state: EventState { didSet { cachedSpan = nil } }
        /// What the row holds now.
        var stored: EventState
        var dirty = false
        /// date -> source key -> vote; nil until read.
        var votes: [String: [String: Vote]]?
        var dirtyVotes: Set<VoteKey> = []
        /// The standing of each date of `votes` asked for so far, kept current as votes are added.
        var standings: [String: Standing] = [:]
        /// Sources known to be linked in `event_sources` (not necessarily all of them), including
        /// `newLinks`.
        var links: Set<String> = []
        /// `links` holds every linked source (the event is new, or its links were read or rewritten).
        var linksComplete = false
        /// Links not inserted yet: they are written after the row, with its final sort key, so the
        /// sort-key trigger does not rewrite links the same batch made.
        var newLinks: Set<String> = []
        /// Source keys by status, for the statuses a claim-denied dispute shows; nil until read.
        var claims: [String: Set<String>]?
        /// `state.dispute` is older than the `claims` or `votes` it lists (see `settle`).
        var disputeStale = false
        private var cachedSpan: MergeRun.Span?

        let groupKey: GroupKey

        init(id: Int64, type: String, placeKey: String, actorID: String?, state: EventState) {
            self.id = id
            self.type = type
            self.placeKey = placeKey
            self.actorID = actorID
            self.state = state
            stored = state
            groupKey = GroupKey(placeKey: placeKey, type: type, actorID: actorID)
        }

        /// The span merging compares, in day numbers.
        var span: MergeRun.Span {
            if let cachedSpan { return cachedSpan }
            let span = MergeRun.Span(id: id, actorID: actorID, from: state.spanFrom.flatMap(Timestamp.dayNumber),
                                     to: state.spanTo.flatMap(Timestamp.dayNumber), undated: state.undated,
                                     undatedFrom: state.undatedPublishedFrom.flatMap(Timestamp.dayNumber),
                                     undatedTo: state.undatedPublishedTo.flatMap(Timestamp.dayNumber))
            cachedSpan = span
            return span
        }
    }

    /// One date's standing in the consensus (what `EventSummary` ranks dates by): distinct
    /// sources, their latest publication, their best precision rank.
    struct Standing: Equatable {
        var sources: Int
        var latest: String
        var bestRank: String
    }

    struct VoteKey: Hashable {
        var date: String
        var source: String
    }
}
