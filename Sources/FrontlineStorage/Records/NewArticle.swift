/// An article to ingest. Timestamps are ISO 8601 UTC text (`2021-08-14T00:00:00Z`), dates `YYYY-MM-DD`.
public struct NewArticle: Sendable, Hashable {
    public var url: String?
    public var title: String?
    public var text: String
    public var publishedAt: String?
    /// The publishing source's slug; an unknown slug is created as a `publisher` source.
    public var sourceID: String?
    /// The outlet whose copy the article reproduces (an agency story run by a publisher, e.g. a
    /// "Source: AFP" trailer); an unknown slug is created as an `agency`. The article's reports
    /// then count for this outlet, not the publisher, as independent sources of an event.
    public var copyOfSourceID: String?
    /// The hash of the normalised text (the caller normalises; see `ContentHash`).
    public var contentHash: String
    public var language: String?
    public var extractorVersion: String
    /// Extra searchable words the extractor derives (canonical place names, ...), indexed by FTS.
    public var keywords: String

    public init(
        url: String? = nil, title: String? = nil, text: String, publishedAt: String? = nil,
        sourceID: String? = nil, copyOfSourceID: String? = nil, contentHash: String, language: String? = nil,
        extractorVersion: String, keywords: String = ""
    ) {
        self.url = url
        self.title = title
        self.text = text
        self.publishedAt = publishedAt
        self.sourceID = sourceID
        self.copyOfSourceID = copyOfSourceID
        self.contentHash = contentHash
        self.language = language
        self.extractorVersion = extractorVersion
        self.keywords = keywords
    }
}

/// One article's statement of one fact, to store with the article.
public struct NewReport: Sendable, Hashable {
    public var type: String
    public var provinceID: String?
    public var cityID: String?
    public var actorID: String?
    public var date: String?
    public var dateText: String?
    /// `day`, `week`, `month`, `unknown`...
    public var datePrecision: String
    /// `reported`, `claimed`, `denied` or `expected`.
    public var status: String
    public var attributedTo: String?
    public var placePrecision: String?
    /// JSON object text, e.g. `{"killed":{"low":10,"best":12,"high":15}}`.
    public var numbersJSON: String
    public var evidence: Evidence

    public init(
        type: String, provinceID: String? = nil, cityID: String? = nil, actorID: String? = nil,
        date: String? = nil, dateText: String? = nil, datePrecision: String = "unknown",
        status: String = "reported", attributedTo: String? = nil, placePrecision: String? = nil,
        numbersJSON: String = "{}", evidence: Evidence = Evidence()
    ) {
        self.type = type
        self.provinceID = provinceID
        self.cityID = cityID
        self.actorID = actorID
        self.date = date
        self.dateText = dateText
        self.datePrecision = datePrecision
        self.status = status
        self.attributedTo = attributedTo
        self.placePrecision = placePrecision
        self.numbersJSON = numbersJSON
        self.evidence = evidence
    }
}

/// The sentence a fact was read from, with the offsets the extractor gives (stored as is).
public struct Evidence: Sendable, Hashable {
    public var sentence: String
    public var start: Int
    public var end: Int

    public init(sentence: String = "", start: Int = 0, end: Int = 0) {
        self.sentence = sentence
        self.start = start
        self.end = end
    }
}

/// A counted claim ("24 of 34 provincial capitals").
public struct NewTally: Sendable, Hashable {
    public var actorID: String?
    public var count: Int
    public var total: Int?
    public var unit: String
    public var date: String?
    public var status: String
    public var evidenceSentence: String

    public init(actorID: String? = nil, count: Int, total: Int? = nil, unit: String, date: String? = nil,
                status: String = "reported", evidenceSentence: String = "") {
        self.actorID = actorID
        self.count = count
        self.total = total
        self.unit = unit
        self.date = date
        self.status = status
        self.evidenceSentence = evidenceSentence
    }
}

/// Everything one ingest stores together, in one transaction.
public struct IngestItem: Sendable, Hashable {
    public var article: NewArticle
    public var reports: [NewReport]
    public var tallies: [NewTally]
    /// Slugs of sources the article cites ("told AFP"); unknown slugs are created as `agency`.
    public var citedSourceIDs: [String]

    public init(article: NewArticle, reports: [NewReport] = [], tallies: [NewTally] = [], citedSourceIDs: [String] = []) {
        self.article = article
        self.reports = reports
        self.tallies = tallies
        self.citedSourceIDs = citedSourceIDs
    }
}

/// The outcome of one ingest.
public struct IngestResult: Sendable, Hashable {
    public var articleID: Int64
    /// True when the article was already stored (same url or content hash): nothing was written.
    public var duplicate: Bool
    public var reportIDs: [Int64]
    /// Events created or updated by merging this article's reports.
    public var eventIDs: [Int64]
    /// Provinces whose control timeline was re-derived.
    public var provinceIDs: [String]
}
