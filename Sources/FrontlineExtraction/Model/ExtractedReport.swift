/// One article's statement of one fact (DESIGN.md §2, "Report").
public struct ExtractedReport: Sendable, Hashable, Codable {
    /// An event type of the events lexicon: `capture`, `assault`, `repelled`, `surrender`, ...
    public var type: String
    /// Province slug (`balkh`), nil when the place is the country or unknown.
    public var province: String?
    /// City slug (`mazar-i-sharif`), nil when the report is about a province or district.
    public var city: String?
    /// Actor slug (`taliban`), nil when the text does not say who.
    public var actor: String?
    /// Resolved date `YYYY-MM-DD`, nil when it cannot be resolved (never a guess).
    public var date: String?
    /// The words that gave the date ("late Saturday", "Aug. 14").
    public var dateText: String?
    /// `day`, `weekend` (`date` is its Saturday), `week`, `month` or `unknown`.
    public var datePrecision: String
    /// `reported`, `claimed`, `denied` or `expected`.
    public var status: String
    /// Who said it ("Taliban spokesman", "local officials"), nil when the outlet says it itself.
    public var attributedTo: String?
    /// `city`, `district`, `facility` (a site inside a place: a prison, an airport), `province` or `country`.
    public var placePrecision: String
    /// Counts by kind (`killed`, `wounded`, `troops`, ...).
    public var numbers: [String: NumberRange]
    public var evidence: Evidence

    public init(type: String, province: String? = nil, city: String? = nil, actor: String? = nil,
                date: String? = nil, dateText: String? = nil, datePrecision: String = "unknown",
                status: String = "reported", attributedTo: String? = nil, placePrecision: String = "city",
                numbers: [String: NumberRange] = [:], evidence: Evidence) {
        self.type = type
        self.province = province
        self.city = city
        self.actor = actor
        self.date = date
        self.dateText = dateText
        self.datePrecision = datePrecision
        self.status = status
        self.attributedTo = attributedTo
        self.placePrecision = placePrecision
        self.numbers = numbers
        self.evidence = evidence
    }
}

/// A number as the text gives it: "at least 20" is `low: 20`, "about 20" is `best: 20`,
/// "hundreds" is `low: 200`.
public struct NumberRange: Sendable, Hashable, Codable {
    public var low: Int?
    public var best: Int?
    public var high: Int?

    public init(low: Int? = nil, best: Int? = nil, high: Int? = nil) {
        self.low = low
        self.best = best
        self.high = high
    }
}
