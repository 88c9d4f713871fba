/// Filters of `GET /api/articles`. All fields are optional and compose with AND.
public struct ArticleFilter: Sendable, Hashable {
    /// Full-text query (user input; sanitised, never parsed as FTS syntax).
    public var query: String?
    public var sourceID: String?
    /// Articles with at least one report in this province.
    public var provinceID: String?
    /// Published on or after this date (YYYY-MM-DD).
    public var from: String?
    /// Published on or before this date (YYYY-MM-DD, inclusive).
    public var to: String?
    /// Order of full-text results (ignored without `query`, which lists newest first).
    public var order: SearchOrder

    public init(query: String? = nil, sourceID: String? = nil, provinceID: String? = nil,
                from: String? = nil, to: String? = nil, order: SearchOrder = .relevance) {
        self.query = query
        self.sourceID = sourceID
        self.provinceID = provinceID
        self.from = from
        self.to = to
        self.order = order
    }
}

/// How full-text results are ordered.
public enum SearchOrder: Sendable, Hashable {
    /// By bm25 (title weighted 5, keywords 2, text 1), best first, among the `window` most recent
    /// matching articles: scoring every match of a common word costs O(matches) (3–5 µs per
    /// match), so the window bounds latency. Default 500: two common words over 1,000 matches
    /// reached p99 10 ms at 100,000 articles (BENCHMARKS.md).
    case relevance(window: Int)
    /// Newest ingested first (by id); bm25 computed only for the rows returned.
    case newest

    public static let relevance = SearchOrder.relevance(window: 500)
}

/// Filters of `GET /api/events`. All fields are optional and compose with AND.
public struct EventFilter: Sendable, Hashable {
    public var type: String?
    public var provinceID: String?
    public var cityID: String?
    public var actorID: String?
    public var status: String?
    /// Consensus date on or after (YYYY-MM-DD).
    public var from: String?
    /// Consensus date on or before (inclusive).
    public var to: String?
    /// Events with at least one report from this source.
    public var sourceID: String?
    public var minSources: Int?
    public var disputed: Bool?

    public init(type: String? = nil, provinceID: String? = nil, cityID: String? = nil, actorID: String? = nil,
                status: String? = nil, from: String? = nil, to: String? = nil, sourceID: String? = nil,
                minSources: Int? = nil, disputed: Bool? = nil) {
        self.type = type
        self.provinceID = provinceID
        self.cityID = cityID
        self.actorID = actorID
        self.status = status
        self.from = from
        self.to = to
        self.sourceID = sourceID
        self.minSources = minSources
        self.disputed = disputed
    }
}

/// Accumulates WHERE clauses and their bound arguments; values are never spliced into SQL.
struct SQLConditions {
    private(set) var clauses: [String] = []
    private(set) var arguments: [SQLValue] = []

    mutating func add(_ clause: String, _ values: SQLValue...) {
        clauses.append(clause)
        arguments += values
    }

    var whereClause: String { clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ") }
}
