import FrontlineExtraction
import FrontlineStorage

/// Turns a submission into what storage keeps: extraction, then the mapping of
/// `ExtractionResult` to `IngestItem` (stored text = the extractor's normalised text, keywords,
/// cited sources, agency copy). Pure and thread-safe; the API and the CLI share it.
public struct IngestPipeline: Sendable {
    public let extractor: Extractor
    /// Slugs storage knows, so a fact never points at a row that does not exist.
    let provinces: Set<String>
    let cities: Set<String>
    let actors: Set<String>

    public init(configuration: ExtractionConfiguration) {
        extractor = Extractor(configuration: configuration)
        provinces = Set(configuration.gazetteer.provinces.map(\.id))
        cities = Set(configuration.gazetteer.places.map(\.id))
        actors = Set(configuration.actors.map(\.id))
    }

    /// Extracts the facts of a submission.
    public func extract(_ submission: ArticleSubmission) -> ExtractionResult {
        extractor.extract(ArticleInput(text: submission.text, title: submission.title,
                                       published: submission.publishedAt.map { String($0.prefix(10)) },
                                       source: submission.source))
    }

    /// Extraction plus mapping: the item to ingest.
    public func prepare(_ submission: ArticleSubmission) -> (item: IngestItem, result: ExtractionResult) {
        let result = extract(submission)
        return (item(for: submission, result: result), result)
    }

    public func item(for submission: ArticleSubmission, result: ExtractionResult) -> IngestItem {
        // The caller's full timestamp is kept; a date (given or found in the text) is midnight UTC.
        let published = submission.publishedAt.flatMap { $0.count == 10 ? nil : $0 }
            ?? result.published.map { $0 + "T00:00:00Z" }
        var article = NewArticle(url: submission.url, title: submission.title, text: result.text, publishedAt: published,
                                 sourceID: result.source, contentHash: ContentHash.of(result.text), language: "en",
                                 extractorVersion: result.extractorVersion, keywords: result.keywords)
        article.copyOfSourceID = result.copyOf
        return IngestItem(article: article, reports: reports(result), tallies: tallies(result),
                          citedSourceIDs: result.sourcesCited)
    }

    func reports(_ result: ExtractionResult) -> [NewReport] {
        result.reports.map { report in
            NewReport(type: report.type, provinceID: report.province.flatMap { provinces.contains($0) ? $0 : nil },
                      cityID: report.city.flatMap { cities.contains($0) ? $0 : nil },
                      actorID: report.actor.flatMap { actors.contains($0) ? $0 : nil },
                      date: report.date, dateText: report.dateText, datePrecision: report.datePrecision,
                      status: report.status, attributedTo: report.attributedTo, placePrecision: report.placePrecision,
                      numbersJSON: Self.numbersJSON(report.numbers),
                      evidence: FrontlineStorage.Evidence(sentence: report.evidence.sentence, start: report.evidence.start,
                                                          end: report.evidence.end))
        }
    }

    func tallies(_ result: ExtractionResult) -> [NewTally] {
        result.tallies.map { tally in
            NewTally(actorID: tally.actor.flatMap { actors.contains($0) ? $0 : nil }, count: tally.count, total: tally.total,
                     unit: tally.unit, date: tally.date, status: tally.status, evidenceSentence: tally.evidence.sentence)
        }
    }

    /// `{"killed":{"low":10,"best":12,"high":null}}`, keys sorted so equal facts store equal text.
    static func numbersJSON(_ numbers: [String: NumberRange]) -> String {
        guard !numbers.isEmpty else { return "{}" }
        var writer = JSONWriter(capacity: 64 * numbers.count)
        writer.beginObject()
        for (kind, range) in numbers.sorted(by: { $0.key < $1.key }) {
            writer.dynamicKey(kind)
            writer.beginObject()
            writer.key("low"); writer.int(range.low)
            writer.key("best"); writer.int(range.best)
            writer.key("high"); writer.int(range.high)
            writer.endObject()
        }
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
