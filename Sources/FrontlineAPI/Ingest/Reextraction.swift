import FrontlineExtraction
import FrontlineStorage

extension Runtime {
    /// What `reextract` did.
    public struct ReextractSummary: Sendable {
        public var articles: Int
        public var batches: Int
    }

    /// Articles stored by an extractor version other than the current one.
    public func staleArticleCount() throws -> Int {
        var count = 0
        var after: Int64 = 0
        while true {
            let page = try database.read { try $0.articlesToReextract(currentVersion: ExtractorVersion.current, afterID: after, limit: 2000) }
            count += page.count
            guard let last = page.last, page.count == 2000 else { return count }
            after = last.id
        }
    }

    /// Re-runs the current extractor over every stale article, `batchSize` articles per write
    /// transaction: each batch replaces its articles' facts, re-merges their events and
    /// re-derives control together or not at all, so an interruption leaves whole articles
    /// either fully old or fully new. Extraction of a batch runs on all cores before its write.
    public func reextract(batchSize: Int = 200, progress: (Int) -> Void = { _ in }) throws -> ReextractSummary {
        var after: Int64 = 0
        var done = 0
        var batches = 0
        while true {
            let stale = try database.read {
                try $0.articlesToReextract(currentVersion: ExtractorVersion.current, afterID: after, limit: max(1, batchSize))
            }
            guard let last = stale.last else { break }
            after = last.id
            let submissions = stale.map {
                ArticleSubmission(title: $0.title, text: $0.text, publishedAt: $0.publishedAt.map { String($0.prefix(10)) },
                                  source: $0.sourceID)
            }
            let items = BulkExtraction.prepare(submissions, pipeline: pipeline)
            try database.write { db in
                for (article, item) in zip(stale, items) {
                    try db.replaceFacts(articleID: article.id, extractorVersion: item.article.extractorVersion,
                                        keywords: item.article.keywords, reports: item.reports, tallies: item.tallies,
                                        citedSourceIDs: item.citedSourceIDs)
                }
            }
            done += stale.count
            batches += 1
            progress(done)
        }
        return ReextractSummary(articles: done, batches: batches)
    }
}
