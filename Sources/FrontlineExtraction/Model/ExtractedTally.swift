/// A counted claim: "24 of Afghanistan's 34 provincial capitals", "the ninth city to be overrun".
public struct ExtractedTally: Sendable, Hashable, Codable {
    public var actor: String?
    public var count: Int
    public var total: Int?
    /// What is counted: `provincial_capitals`, `provinces`, `cities`, `districts`.
    public var unit: String
    public var date: String?
    public var status: String
    public var evidence: Evidence

    public init(actor: String? = nil, count: Int, total: Int? = nil, unit: String, date: String? = nil,
                status: String = "reported", evidence: Evidence) {
        self.actor = actor
        self.count = count
        self.total = total
        self.unit = unit
        self.date = date
        self.status = status
        self.evidence = evidence
    }
}

/// Words the article puts in someone's mouth.
public struct ExtractedQuote: Sendable, Hashable, Codable {
    /// Who spoke, as the text names them ("Zabihullah Mujahid", "a Taliban spokesman").
    public var speaker: String?
    /// The actor slug of the speaker when known.
    public var actor: String?
    public var text: String
    public var evidence: Evidence

    public init(speaker: String? = nil, actor: String? = nil, text: String, evidence: Evidence) {
        self.speaker = speaker
        self.actor = actor
        self.text = text
        self.evidence = evidence
    }
}
