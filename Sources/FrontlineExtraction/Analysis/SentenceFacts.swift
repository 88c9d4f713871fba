/// What one sentence yields before the article-level passes (coreference across sentences,
/// denials in the next sentence, merging).
struct SentenceFacts: Sendable {
    var view: SentenceView
    var mentions: [PlaceMention]
    var dates: [DateMention]
    var attributions: [Attribution]
    var quotations: [Attribution]
    var reports: [ExtractedReport]
    var skipped: Bool
}
