/// A merged event.
public struct EventRecord: Sendable, Hashable {
    public var id: Int64
    public var type: String
    public var provinceID: String?
    public var cityID: String?
    public var actorID: String?
    /// The consensus date (nil when no report is dated).
    public var date: String?
    public var datePrecision: String
    /// Earliest and latest date among the event's dated reports.
    public var dateRange: (from: String, to: String)?
    /// `confirmed`, `claimed`, `denied` or `expected`.
    public var status: String
    public var disputed: Bool
    /// Machine-readable reason (`dates_disagree`, `claim_denied`), nil when not disputed.
    public var disputeReason: String?
    /// JSON object text `{"reason": ..., "sides": [{"date": ..., "status": ..., "sources": [...]}]}`.
    public var disputeJSON: String?
    public var reportCount: Int
    public var sourceCount: Int
    /// Distinct source slugs of the event's reports, sorted.
    public var sourceIDs: [String]
    public var firstReportedAt: String?
    public var createdAt: String
    public var updatedAt: String

    public static func == (a: EventRecord, b: EventRecord) -> Bool {
        a.id == b.id && a.updatedAt == b.updatedAt && a.type == b.type && a.date == b.date
            && a.dateRange?.from == b.dateRange?.from && a.dateRange?.to == b.dateRange?.to
            && a.status == b.status && a.disputed == b.disputed && a.disputeJSON == b.disputeJSON
            && a.reportCount == b.reportCount && a.sourceIDs == b.sourceIDs && a.provinceID == b.provinceID
            && a.cityID == b.cityID && a.actorID == b.actorID && a.firstReportedAt == b.firstReportedAt
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(updatedAt)
    }
}

/// An event with its reports, each with its article summary (`GET /api/events/{id}`).
public struct EventDetail: Sendable {
    public var event: EventRecord
    public var reports: [(report: ReportRecord, article: ArticleRecord)]
    /// The sources of the event's reports (publishers), for names and kinds.
    public var sources: [SourceRecord]
}

/// A province with its capital and its control status at a date.
public struct ProvinceRecord: Sendable, Hashable {
    public var place: PlaceRecord
    public var capital: PlaceRecord?
    public var control: ControlRecord?
}

/// One interval of a province's control timeline.
public struct ControlRecord: Sendable, Hashable {
    public var provinceID: String
    /// `government`, `contested`, `taliban` or `unknown`.
    public var status: String
    public var since: String
    /// Exclusive end (the next interval's `since`), nil for the current interval.
    public var until: String?
    public var eventID: Int64?
}

/// A province with its full control timeline and most recent events.
public struct ProvinceDetail: Sendable, Hashable {
    public var province: ProvinceRecord
    public var timeline: [ControlRecord]
    public var recentEvents: [EventRecord]
}

/// One day of `/api/timeline`.
public struct TimelineDay: Sendable, Hashable {
    public var date: String
    /// Event count per type, for events whose consensus date is this day.
    public var eventsByType: [String: Int]
    /// Provinces whose control status changed on this day.
    public var changedHands: [String]
    /// Provinces per status at the end of this day.
    public var held: [String: Int]
}
