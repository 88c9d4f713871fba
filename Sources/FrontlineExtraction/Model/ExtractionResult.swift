/// Everything the extractor found in one article. Offsets in `Evidence` count Unicode scalars
/// (code points, as Python and most JSON consumers index strings) into `text`, end exclusive.
/// Encoded with snake_case keys this is the object `frontline extract` prints and
/// `POST /api/extract` returns.
public struct ExtractionResult: Sendable, Hashable, Codable {
    public var extractorVersion: String
    /// Publication date `YYYY-MM-DD`: the caller's, else the text's marker, else nil.
    public var published: String?
    /// Publisher slug when the caller's source resolved to a known outlet, else the caller's value slugged.
    public var source: String?
    /// The normalised text the offsets refer to; this is what gets stored and searched.
    public var text: String
    public var reports: [ExtractedReport]
    public var tallies: [ExtractedTally]
    public var quotes: [ExtractedQuote]
    /// Slugs of outlets the article cites ("told AFP", "Source: AFP", "AP Photo").
    public var sourcesCited: [String]
    /// When the article is recognisably another outlet's copy ("Source: AFP" trailer, "(Reuters) -"
    /// dateline), that outlet's slug: merging counts such copy once, under the agency.
    public var copyOf: String?
    /// Slugs of actors and places mentioned anywhere in the article.
    public var actors: [String]
    public var places: [String]
    /// Canonical names of the places and actors mentioned, for the full-text index, so a search
    /// for one spelling finds articles written with another.
    public var keywords: String

    public init(extractorVersion: String, published: String? = nil, source: String? = nil, text: String,
                reports: [ExtractedReport] = [], tallies: [ExtractedTally] = [], quotes: [ExtractedQuote] = [],
                sourcesCited: [String] = [], copyOf: String? = nil, actors: [String] = [], places: [String] = [],
                keywords: String = "") {
        self.extractorVersion = extractorVersion
        self.published = published
        self.source = source
        self.text = text
        self.reports = reports
        self.tallies = tallies
        self.quotes = quotes
        self.sourcesCited = sourcesCited
        self.copyOf = copyOf
        self.actors = actors
        self.places = places
        self.keywords = keywords
    }
}

/// The sentence a fact was read from.
public struct Evidence: Sendable, Hashable, Codable {
    public var sentence: String
    public var start: Int
    public var end: Int

    public init(sentence: String, start: Int, end: Int) {
        self.sentence = sentence
        self.start = start
        self.end = end
    }
}
