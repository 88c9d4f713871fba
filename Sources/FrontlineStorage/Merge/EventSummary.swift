/// Pure derivation of an event's fields from its reports: counts, consensus date, range,
/// status and dispute (DESIGN.md §2). Deterministic for any order of the input.
struct EventSummary: Equatable {
    /// One report of the event, as the summary needs it.
    struct Input: Equatable {
        var reportID: Int64
        var articleID: Int64
        /// The publisher of the report's article.
        var sourceID: String?
        /// The outlet whose copy the article runs, else the publisher (see `NewArticle.copyOfSourceID`).
        var independentSourceID: String?
        var date: String?
        var datePrecision: String
        var status: String
        var publishedAt: String?
        /// The independent source is a party to the conflict (source kind `party`): its
        /// `reported` statements are claims.
        var partySource: Bool = false

        /// Independent-source key: two publishers running the same agency copy are one source;
        /// an article without any source stands for itself.
        var sourceKey: String { independentSourceID ?? "article:\(articleID)" }
    }

    var reportCount: Int
    var sourceCount: Int
    /// Independent sources, sorted.
    var sourceIDs: [String]
    /// Independent sources and publishers, sorted: what `event_sources` links for the source filter.
    var linkedSourceIDs: [String]
    var firstReportedAt: String?
    var date: String?
    var datePrecision: String
    var dateFrom: String?
    var dateTo: String?
    /// Earliest and latest date of every dated report, whatever its status (the merge span).
    var spanFrom: String?
    var spanTo: String?
    var status: String
    var disputeReason: String?
    var disputeJSON: String?

    var disputed: Bool { disputeReason != nil }

    /// Types that happen on one day (a city falls once): reports more than a day apart disagree.
    /// Other types (assault, casualties...) span days, so a spread of dates is not a dispute.
    static let pointInTimeTypes: Set<String> = ["capture", "surrender", "withdrawal"]

    /// - Parameter contradictedBefore: dates strictly before this day do not count towards the
    ///   consensus (see `EventMerger.contradictionThreshold`), unless every dated report is contradicted.
    init(type: String, _ reports: [Input], contradictedBefore: String? = nil) {
        reportCount = reports.count
        sourceCount = Set(reports.map(\.sourceKey)).count
        sourceIDs = Set(reports.compactMap(\.independentSourceID)).sorted()
        linkedSourceIDs = Set(reports.compactMap(\.independentSourceID) + reports.compactMap(\.sourceID)).sorted()
        firstReportedAt = reports.compactMap(\.publishedAt).min()

        // Expected (future/hypothetical) reports do not date what happened.
        let dated = reports.filter { $0.date != nil && $0.status != "expected" && $0.status != "denied" }
        let byDate = Dictionary(grouping: dated, by: { $0.date! })
        let standing = contradictedBefore.map { day in dated.filter { $0.date! >= day } } ?? dated
        let counted = standing.isEmpty ? byDate : Dictionary(grouping: standing, by: { $0.date! })
        let consensus = counted.max { a, b in
            let (ca, cb) = (Set(a.value.map(\.sourceKey)).count, Set(b.value.map(\.sourceKey)).count)
            if ca != cb { return ca < cb }
            let (la, lb) = (a.value.compactMap(\.publishedAt).max() ?? "", b.value.compactMap(\.publishedAt).max() ?? "")
            if la != lb { return la < lb }
            return a.key < b.key
        }
        date = consensus?.key
        datePrecision = consensus?.value.map(\.datePrecision).min { a, b in
            (a == "day" ? 0 : 1, a) < (b == "day" ? 0 : 1, b)
        } ?? "unknown"
        dateFrom = byDate.keys.min()
        dateTo = byDate.keys.max()
        spanFrom = reports.compactMap(\.date).min()
        spanTo = reports.compactMap(\.date).max()

        let statuses = Set(reports.map(\.status))
        status = Self.status(reports)

        var spread = 0
        if let from = dateFrom.flatMap(Timestamp.dayNumber), let to = dateTo.flatMap(Timestamp.dayNumber) {
            spread = to - from
        }
        if spread > 1, Self.pointInTimeTypes.contains(type) {
            disputeReason = "dates_disagree"
            let sides = byDate.sorted { a, b in
                let (ca, cb) = (Set(a.value.map(\.sourceKey)).count, Set(b.value.map(\.sourceKey)).count)
                return ca != cb ? ca > cb : a.key > b.key
            }.map { entry in
                "{\"date\":\(JSONList.quote(entry.key)),\"sources\":\(JSONList.encode(Set(entry.value.map(\.sourceKey)).sorted()))}"
            }
            disputeJSON = "{\"reason\":\"dates_disagree\",\"sides\":[\(sides.joined(separator: ","))]}"
        } else if statuses.contains("denied"), !statuses.isDisjoint(with: ["reported", "claimed"]) {
            disputeReason = "claim_denied"
            let sides = ["reported", "claimed", "denied"].compactMap { side -> String? in
                let keys = Set(reports.filter { $0.status == side }.map(\.sourceKey)).sorted()
                return keys.isEmpty ? nil : "{\"sources\":\(JSONList.encode(keys)),\"status\":\"\(side)\"}"
            }
            disputeJSON = "{\"reason\":\"claim_denied\",\"sides\":[\(sides.joined(separator: ","))]}"
        } else {
            disputeReason = nil
            disputeJSON = nil
        }
    }

    /// Issue 6: `confirmed` when a non-party source reports it as fact; otherwise `denied` when
    /// someone denies it; otherwise `claimed` when a party says so (a claim, or a party source's
    /// report); otherwise `expected`.
    static func status(_ reports: [Input]) -> String {
        if reports.contains(where: { $0.status == "reported" && !$0.partySource }) { return "confirmed" }
        if reports.contains(where: { $0.status == "denied" }) { return "denied" }
        if reports.contains(where: { $0.status == "claimed" || $0.status == "reported" }) { return "claimed" }
        return "expected"
    }
}
