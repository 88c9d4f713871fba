/// A stored article without its text (list rows).
public struct ArticleRecord: Sendable, Hashable {
    public var id: Int64
    public var url: String?
    public var title: String?
    public var sourceID: String?
    /// The source's display name, when the article has a source.
    public var sourceName: String?
    /// The outlet whose copy the article reproduces ("Source: AFP"), when recognised.
    public var copyOfSourceID: String?
    public var publishedAt: String?
    public var ingestedAt: String
    public var extractorVersion: String
    public var contentHash: String
    public var language: String?
    public var reportCount: Int
    /// For full-text results: an HTML-escaped excerpt with matches wrapped in `<mark>…</mark>`.
    public var snippet: String?
    /// For full-text results: the bm25 rank (lower is better).
    public var rank: Double?
}

/// An article with its text, reports, tallies and cited sources (`GET /api/articles/{id}`).
public struct ArticleDetail: Sendable, Hashable {
    public var article: ArticleRecord
    public var text: String
    public var reports: [ReportRecord]
    public var tallies: [TallyRecord]
    public var citedSourceIDs: [String]
}

/// One stored report.
public struct ReportRecord: Sendable, Hashable {
    public var id: Int64
    public var articleID: Int64
    public var eventID: Int64?
    public var type: String
    public var provinceID: String?
    public var cityID: String?
    public var actorID: String?
    public var date: String?
    public var dateText: String?
    public var datePrecision: String
    public var status: String
    public var attributedTo: String?
    public var placePrecision: String?
    /// JSON object text as stored.
    public var numbersJSON: String
    public var evidence: Evidence
    /// The publishing source of the report's article.
    public var sourceID: String?
    /// The independent source the report counts for: the outlet whose copy the article runs,
    /// else the publisher.
    public var independentSourceID: String?
    public var publishedAt: String?
}

/// A stored tally.
public struct TallyRecord: Sendable, Hashable {
    public var id: Int64
    public var articleID: Int64
    public var actorID: String?
    public var count: Int
    public var total: Int?
    public var unit: String
    public var date: String?
    public var status: String
    public var evidenceSentence: String
}

/// One entry of the append-only changes feed.
public struct ChangeRecord: Sendable, Hashable {
    public enum Entity: String, Sendable { case article, event }
    public enum Operation: String, Sendable { case created, updated, deleted }
    public var seq: Int64
    public var entity: Entity
    public var entityID: Int64
    public var op: Operation
    public var at: String
}
