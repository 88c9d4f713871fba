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
        // Each report's key once: for a report without a source it is built from the article id.
        let keys = reports.map(\.sourceKey)
        // Sorting and dropping repeats, not a Set: an event has tens of reports, and hashing
        // each key cost more than comparing it (full refreshes showed in ingest profiles).
        sourceCount = Self.sortedUnique(keys).count
        let independent = reports.compactMap(\.independentSourceID)
        sourceIDs = Self.sortedUnique(independent)
        linkedSourceIDs = Self.sortedUnique(independent + reports.compactMap(\.sourceID))
        firstReportedAt = reports.compactMap(\.publishedAt).min()

        // Each date's sources, latest publication and best precision, gathered in one pass.
        var byDate: [String: DateSupport] = [:]
        var standingByDate: [String: DateSupport] = [:]
        for (index, report) in reports.enumerated() {
            guard let day = report.date, Self.countsTowardsDate(report.status) else { continue }
            byDate[day, default: DateSupport()].add(report, key: keys[index])
            if let threshold = contradictedBefore, day < threshold { continue }
            standingByDate[day, default: DateSupport()].add(report, key: keys[index])
        }
        let counted = standingByDate.isEmpty ? byDate : standingByDate
        let consensus = counted.max { a, b in
            let (ca, cb) = (a.value.sources.count, b.value.sources.count)
            if ca != cb { return ca < cb }
            if a.value.latest != b.value.latest { return a.value.latest < b.value.latest }
            return a.key < b.key
        }
        date = consensus?.key
        datePrecision = consensus?.value.bestPrecision ?? "unknown"
        dateFrom = byDate.keys.min()
        dateTo = byDate.keys.max()
        spanFrom = reports.compactMap(\.date).min()
        spanTo = reports.compactMap(\.date).max()

        let statusMask = reports.reduce(0) { $0 | EventState.statusBit($1.status) }
        status = Self.status(reports)

        disputeReason = Self.disputeReason(type: type, from: dateFrom, to: dateTo, hasDenial: statusMask & 4 != 0,
                                           hasClaim: statusMask & 3 != 0)
        switch disputeReason {
        case "dates_disagree":
            disputeJSON = Self.datesDisagreeJSON(byDate.mapValues(\.sources))
        case "claim_denied":
            var byStatus: [String: Set<String>] = [:]
            for (index, report) in reports.enumerated() { byStatus[report.status, default: []].insert(keys[index]) }
            disputeJSON = Self.claimDeniedJSON(byStatus)
        default:
            disputeJSON = nil
        }
    }

    /// The distinct strings of `items`, sorted.
    static func sortedUnique(_ items: [String]) -> [String] {
        var sorted = items.sorted()
        guard sorted.count > 1 else { return sorted }
        var kept = 1
        for index in 1..<sorted.count where sorted[index] != sorted[kept - 1] {
            sorted[kept] = sorted[index]
            kept += 1
        }
        sorted.removeSubrange(kept...)
        return sorted
    }

    /// The support one date has among the reports that count towards the event's date.
    struct DateSupport {
        var sources = Set<String>()
        /// Latest publication of those reports ("" when none has one).
        var latest = ""
        /// Day precision first, then the others alphabetically.
        var bestPrecision: String?

        mutating func add(_ report: Input, key: String) {
            sources.insert(key)
            if let published = report.publishedAt, published > latest { latest = published }
            let precision = report.datePrecision
            if bestPrecision.map({ (precision == "day" ? 0 : 1, precision) < ($0 == "day" ? 0 : 1, $0) }) ?? true {
                bestPrecision = precision
            }
        }
    }

    /// Expected (future or hypothetical) and denied reports do not date what happened.
    static func countsTowardsDate(_ status: String) -> Bool { status != "expected" && status != "denied" }

    /// Why an event is disputed, if it is: `dates_disagree` when a point-in-time event's dates
    /// (of reports that count towards its date) lie more than a day apart; else `claim_denied`
    /// when someone denies what others report or claim.
    static func disputeReason(type: String, from: String?, to: String?, hasDenial: Bool, hasClaim: Bool) -> String? {
        if pointInTimeTypes.contains(type), let from = from.flatMap(Timestamp.dayNumber),
           let to = to.flatMap(Timestamp.dayNumber), to - from > 1 {
            return "dates_disagree"
        }
        return hasDenial && hasClaim ? "claim_denied" : nil
    }

    /// Issue 6: `confirmed` when a non-party source reports it as fact; otherwise `denied` when
    /// someone denies it; otherwise `claimed` when a party says so (a claim, or a party source's
    /// report); otherwise `expected`. That is the highest `statusRank` of any report, so a report
    /// joining an event can only raise its status.
    static func status(_ reports: [Input]) -> String {
        statusNames[reports.map { statusRank(status: $0.status, partySource: $0.partySource) }.max() ?? 0]
    }

    /// Event statuses by rank.
    static let statusNames = ["expected", "claimed", "denied", "confirmed"]

    /// The event status one report alone would give, as an index into `statusNames`.
    static func statusRank(status: String, partySource: Bool) -> Int {
        switch status {
        case "reported": return partySource ? 1 : 3
        case "denied": return 2
        case "claimed": return 1
        default: return 0
        }
    }

    /// The `dates_disagree` dispute: one side per date with the independent sources giving it,
    /// most-supported first (ties: later date first).
    static func datesDisagreeJSON(_ sourcesByDate: [String: Set<String>]) -> String {
        let sides = sourcesByDate.sorted { a, b in
            a.value.count != b.value.count ? a.value.count > b.value.count : a.key > b.key
        }.map { entry in
            "{\"date\":\(JSONList.quote(entry.key)),\"sources\":\(JSONList.encode(entry.value.sorted()))}"
        }
        return "{\"reason\":\"dates_disagree\",\"sides\":[\(sides.joined(separator: ","))]}"
    }

    /// The `claim_denied` dispute: the sources reporting, claiming and denying it.
    static func claimDeniedJSON(_ sourcesByStatus: [String: Set<String>]) -> String {
        let sides = ["reported", "claimed", "denied"].compactMap { side -> String? in
            guard let keys = sourcesByStatus[side], !keys.isEmpty else { return nil }
            return "{\"sources\":\(JSONList.encode(keys.sorted())),\"status\":\"\(side)\"}"
        }
        return "{\"reason\":\"claim_denied\",\"sides\":[\(sides.joined(separator: ","))]}"
    }
}
