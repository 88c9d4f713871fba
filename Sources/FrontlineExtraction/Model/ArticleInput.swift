/// What the extractor reads: the raw text and whatever metadata the caller already knows.
public struct ArticleInput: Sendable, Hashable {
    public var text: String
    public var title: String?
    /// Publication date `YYYY-MM-DD` given by the caller; wins over a ` date YYYY-MM-DD ` marker in the text.
    public var published: String?
    /// Publisher as the caller names it (slug, name or alias); resolved against the outlets lexicon.
    public var source: String?

    public init(text: String, title: String? = nil, published: String? = nil, source: String? = nil) {
        self.text = text
        self.title = title
        self.published = published
        self.source = source
    }
}
