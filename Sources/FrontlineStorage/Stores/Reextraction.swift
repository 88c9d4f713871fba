/// Support for `frontline reextract` (issue 6): find articles extracted by an older version and
/// replace their facts, re-merging events and re-deriving control in the same transaction.
extension Connection {
    /// The stored input of an article, as the extractor needs it again.
    public struct StoredArticleInput: Sendable, Hashable {
        public var id: Int64
        public var title: String?
        public var text: String
        public var publishedAt: String?
        public var sourceID: String?
        public var extractorVersion: String
    }

    /// Articles whose `extractor_version` differs from `currentVersion`, by id after `afterID`.
    public func articlesToReextract(currentVersion: String, afterID: Int64 = 0, limit: Int = 500) throws -> [StoredArticleInput] {
        try all("""
            SELECT id, title, text, published_at, source_id, extractor_version FROM articles
            WHERE extractor_version <> ? AND id > ? ORDER BY id LIMIT ?
            """, [.text(currentVersion), .integer(afterID), .integer(Int64(max(1, limit)))]) { row in
                StoredArticleInput(id: row.int64(0), title: row.optionalString(1), text: row.string(2),
                                   publishedAt: row.optionalString(3), sourceID: row.optionalString(4),
                                   extractorVersion: row.string(5))
            }
    }

    /// Replaces an article's reports, tallies and citations with a new extraction: old events lose
    /// the old reports (and are deleted when left empty), the new reports are merged, control is
    /// re-derived, counters and the changes feed are updated. Call inside `Database.write`.
    /// - Returns: false when the article does not exist.
    @discardableResult
    public func replaceFacts(articleID: Int64, extractorVersion: String, keywords: String? = nil, reports: [NewReport],
                             tallies: [NewTally], citedSourceIDs: [String]) throws -> Bool {
        guard let (sourceID, copyOf, seen) = try one("SELECT source_id, copy_of_source_id, sort_key FROM articles WHERE id = ?",
                                                     [.integer(articleID)], {
            ($0.optionalString(0), $0.optionalString(1), $0.string(2))
        }) else { return false }
        let now = self.now()
        let oldEvents = Set(try all("SELECT DISTINCT event_id FROM reports WHERE article_id = ? AND event_id IS NOT NULL",
                                    [.integer(articleID)]) { $0.int64(0) })
        let oldCited = try all("SELECT source_id FROM article_citations WHERE article_id = ?", [.integer(articleID)]) { $0.string(0) }
        try run("DELETE FROM reports WHERE article_id = ?", [.integer(articleID)])
        try run("DELETE FROM tallies WHERE article_id = ?", [.integer(articleID)])
        try run("DELETE FROM article_citations WHERE article_id = ?", [.integer(articleID)])
        try run("UPDATE articles SET extractor_version = ?, report_count = ?, keywords = coalesce(?, keywords) WHERE id = ?",
                [.text(extractorVersion), .integer(Int64(reports.count)), SQLValue(keywords), .integer(articleID)])
        let citedSourceIDs = citedSourceIDs + [copyOf].compactMap { $0 }
        for cited in Set(citedSourceIDs) {
            try ensureSource(cited, kind: "agency")
            try run("INSERT INTO article_citations(article_id, source_id) VALUES (?, ?)", [.integer(articleID), .text(cited)])
        }
        for source in Set(oldCited + citedSourceIDs) { try recountSource(source) }
        var reportIDs: [Int64] = []
        let originParty = try isParty(copyOf ?? sourceID)
        for report in reports {
            reportIDs.append(try insertReport(report, articleID: articleID, sourceID: sourceID,
                                              originSourceID: copyOf ?? sourceID, seen: seen, originParty: originParty))
        }
        for tally in tallies { try insertTally(tally, articleID: articleID) }
        let merger = EventMerger(configuration: configuration.merge)
        let outcome = try merger.update(newReportIDs: reportIDs, staleEvents: oldEvents, in: self, now: now)
        try ControlStore.rederive(provinces: outcome.provinces, in: self, configuration: configuration.merge)
        try recordChange(.article, articleID, .updated, at: now)
        return true
    }
}
