/// Text + configuration in, facts out. Pure: no I/O, no clock; deterministic; never throws.
public struct Extractor: Sendable {
    public let configuration: ExtractionConfiguration
    let lexicon: CompiledLexicon

    public init(configuration: ExtractionConfiguration) {
        self.configuration = configuration
        lexicon = CompiledLexicon(configuration: configuration)
    }

    public func extract(_ input: ArticleInput) -> ExtractionResult {
        let normalized = Normalizer().normalize(input.text)
        let scalars = normalized.scalars
        let published = input.published.flatMap { CivilDate($0.trimmingCharacters(in: .whitespaces)) }
            ?? normalized.markedDate.flatMap { CivilDate($0) }
        var analysis = ArticleAnalysis(lexicon: lexicon, scalars: scalars, published: published)
        analysis.run()

        let text = ScalarText.string(scalars)
        var result = ExtractionResult(extractorVersion: ExtractorVersion.current, published: published?.text,
                                      source: nil, text: text)
        result.reports = ReportMerger.merge(ReportMerger.settleFacilities(analysis.sentences.flatMap(\.reports)))
        let article = ArticleSummary(lexicon: lexicon, scalars: scalars, sentences: analysis.sentences)
        result.tallies = article.tallies()
        result.quotes = article.quotes()
        result.sourcesCited = article.outletsCited()
        result.source = resolveSource(input.source) ?? article.trailerPublisher()
        // With no publisher known, "officials told AFP" in the lede marks the agency's own reporting.
        result.copyOf = article.copyOf() ?? (result.source == nil ? article.agencyToldInLede() : nil)
        result.actors = article.actorsMentioned()
        result.places = article.placesMentioned()
        result.keywords = article.keywords()
        return result
    }

    /// The caller's outlet as a known slug when it names one (slug, name or alias), else slugged.
    func resolveSource(_ source: String?) -> String? {
        guard let raw = source?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else { return nil }
        // Most callers pass a slug or a plain name: try it before tokenising.
        if let id = lexicon.outletKeys[String(raw.lowercased().map { $0 == "-" ? " " : $0 })] { return id }
        let key = PhraseMatcher.words(of: raw).joined(separator: " ")
        if let id = lexicon.outletKeys[key] { return id }
        let slug = PhraseMatcher.words(of: raw).joined(separator: "-")
        return slug.isEmpty ? nil : slug
    }
}
