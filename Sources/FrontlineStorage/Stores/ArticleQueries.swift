/// Read queries over articles (`GET /api/articles`, `GET /api/articles/{id}`).
extension Connection {
    /// One page of articles, newest first (by publication, else ingest time), or by bm25
    /// relevance when `filter.query` is set (then each row carries a snippet and its rank).
    /// - Parameters:
    ///   - limit: rows per page (1...500).
    ///   - after: the `next` cursor of the previous page.
    ///   - expansion: spelling variants for the full-text query.
    /// - Throws: `StorageError.badQuery` for a query with nothing searchable, `.badCursor`.
    public func articlePage(filter: ArticleFilter, limit: Int, after: Cursor? = nil,
                            expansion: SearchExpansion? = nil) throws -> Page<ArticleRecord> {
        let limit = min(max(limit, 1), 500)
        var conditions = SQLConditions()
        if let source = filter.sourceID { conditions.add("a.source_id = ?", .text(source)) }
        // `sort_key` is the publication time of every article that has one: the same range over
        // it lets `articles_sort` find the rows already in the list's order (migration 14).
        if let from = filter.from {
            conditions.add("a.sort_key >= ?", .text(from))
            conditions.add("a.published_at >= ?", .text(from))
        }
        if let to = filter.to {
            conditions.add("a.sort_key < date(?, '+1 day')", .text(to))
            conditions.add("a.published_at < date(?, '+1 day')", .text(to))
        }
        if let province = filter.provinceID {
            conditions.add("EXISTS (SELECT 1 FROM reports r WHERE r.province_id = ? AND r.article_id = a.id)", .text(province))
        }
        if let text = filter.query {
            let match = try SearchQuery.build(text, expansion: expansion)
            return try searchPage(match: match.expression, phrases: match.phrases, filter: filter, conditions: conditions,
                                  limit: limit, after: after)
        }
        if let cursor = try after?.require(.articles) {
            conditions.add("(a.sort_key, a.id) < (?, ?)", .text(cursor.key), .integer(cursor.id))
        }
        var items = try all("""
            SELECT \(Self.articleColumns) FROM articles a LEFT JOIN sources s ON s.id = a.source_id
            \(conditions.whereClause) ORDER BY a.sort_key DESC, a.id DESC LIMIT ?
            """, conditions.arguments + [.integer(Int64(limit + 1))]) { Self.article($0) }
        let next: Cursor? = items.count > limit ? {
            items.removeLast()
            let last = items[items.count - 1]
            return Cursor(listing: .articles, key: last.publishedAt ?? last.ingestedAt, id: last.id)
        }() : nil
        return Page(items: items, next: next)
    }

    private func searchPage(match: String, phrases: [String], filter: ArticleFilter, conditions: SQLConditions, limit: Int,
                            after: Cursor?) throws -> Page<ArticleRecord> {
        // The relevance window reads articles only when a filter names their columns.
        let windowJoin = conditions.clauses.isEmpty ? "" : "JOIN articles a ON a.id = articles_fts.rowid"
        var conditions = conditions
        conditions.add("articles_fts MATCH ?", .text(match))
        // bm25 with weights title 5, text 1, keywords 2 (a headline match is the strongest
        // signal), and each phrase's document count from `PhraseDocumentCounts`.
        // The counts are bound, so the SQL varies only with the number of phrases (the
        // statement cache keeps one statement per shape, not one per search).
        let counts = try phraseCounts.documents(of: phrases, in: self).map { SQLValue.integer($0) }
        let rank = "frontline_bm25(articles_fts, 5.0, 1.0, 2.0" + String(repeating: ", ?", count: counts.count) + ")"
        var items: [ArticleRecord]
        switch filter.order {
        case .newest:
            if let cursor = try after?.require(.search) {
                guard cursor.key == "n" else { throw StorageError.badCursor }
                conditions.add("articles_fts.rowid < ?", .integer(cursor.id))
            }
            items = try all("""
                SELECT \(Self.articleColumns), \(rank) FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
                LEFT JOIN sources s ON s.id = a.source_id
                \(conditions.whereClause) ORDER BY articles_fts.rowid DESC LIMIT ?
                """, counts + conditions.arguments + [.integer(Int64(limit + 1))]) { row in
                    var record = Self.article(row)
                    record.rank = row.double(Self.articleColumnCount)
                    return record
                }
        case .relevance(let window):
            var outer = ""
            var outerArguments: [SQLValue] = []
            if let cursor = try after?.require(.search) {
                guard let value = Double(cursor.key) else { throw StorageError.badCursor }
                outer = "WHERE (w.rank, w.id) > (?, ?)"
                outerArguments = [.real(value), .integer(cursor.id)]
            }
            // The inner query walks matches newest first (FTS5's native rowid order, no sort) and
            // stops after `window` rows; only those are scored and sorted, and only the page's
            // rows are joined with their articles.
            items = try all("""
                SELECT \(Self.articleColumns), p.rank FROM (
                    SELECT w.id, w.rank FROM (
                        SELECT articles_fts.rowid AS id, \(rank) AS rank FROM articles_fts \(windowJoin)
                        \(conditions.whereClause) ORDER BY articles_fts.rowid DESC LIMIT ?
                    ) w \(outer) ORDER BY w.rank, w.id LIMIT ?
                ) p JOIN articles a ON a.id = p.id LEFT JOIN sources s ON s.id = a.source_id
                ORDER BY p.rank, p.id
                """, counts + conditions.arguments + [.integer(Int64(max(1, window)))] + outerArguments
                    + [.integer(Int64(limit + 1))]) { row in
                    var record = Self.article(row)
                    record.rank = row.double(Self.articleColumnCount)
                    return record
                }
        }
        let more = items.count > limit
        if more { items.removeLast() }
        if let low = items.map(\.id).min(), let high = items.map(\.id).max() {
            // One pass over the matches between the page's lowest and highest id: a lookup per row
            // (`rowid = ?`) seeks in every index segment and cost three times as much. The `+`
            // keeps the id list a plain filter, so FTS5 does not run one lookup per id for it.
            var snippets: [Int64: String] = [:]
            try query("""
                SELECT rowid, snippet(articles_fts, -1, char(2), char(3), '…', 16) FROM articles_fts
                WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ? AND +rowid IN (SELECT value FROM json_each(?))
                """, [.text(match), .integer(low), .integer(high),
                      .text("[" + items.map { String($0.id) }.joined(separator: ",") + "]")]) { row in
                snippets[row.int64(0)] = SearchQuery.htmlSnippet(row.string(1))
            }
            for index in items.indices { items[index].snippet = snippets[items[index].id] }
        }
        guard more, let last = items.last else { return Page(items: items, next: nil) }
        switch filter.order {
        case .newest: return Page(items: items, next: Cursor(listing: .search, key: "n", id: last.id))
        case .relevance: return Page(items: items, next: Cursor(listing: .search, key: "\(last.rank ?? 0)", id: last.id))
        }
    }

    /// One article with text, reports, tallies and cited sources; nil when absent.
    public func article(id: Int64) throws -> ArticleDetail? {
        guard let (record, text) = try one("""
            SELECT \(Self.articleColumns), a.text FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ?
            """, [.integer(id)], { (Self.article($0), $0.string(Self.articleColumnCount)) })
        else { return nil }
        let reports = try all("SELECT \(Self.reportColumns) FROM reports r WHERE r.article_id = ? ORDER BY r.id",
                              [.integer(id)], Self.report)
        let tallies = try all("""
            SELECT id, article_id, actor_id, count, total, unit, date, status, evidence_sentence
            FROM tallies WHERE article_id = ? ORDER BY id
            """, [.integer(id)]) { row in
                TallyRecord(id: row.int64(0), articleID: row.int64(1), actorID: row.optionalString(2), count: row.int(3),
                            total: row.optionalInt(4), unit: row.string(5), date: row.optionalString(6),
                            status: row.string(7), evidenceSentence: row.string(8))
            }
        let cited = try all("SELECT source_id FROM article_citations WHERE article_id = ? ORDER BY source_id",
                            [.integer(id)]) { $0.string(0) }
        return ArticleDetail(article: record, text: text, reports: reports, tallies: tallies, citedSourceIDs: cited)
    }

    /// The id of an article already stored with this url or content hash.
    public func existingArticleID(url: String?, contentHash: String) throws -> Int64? {
        try duplicateID(of: NewArticle(url: url, text: "", contentHash: contentHash, extractorVersion: ""))
    }

    // MARK: - Row mapping

    static let articleColumns = """
        a.id, a.url, a.title, a.source_id, s.name, a.published_at, a.ingested_at, a.extractor_version, \
        a.content_hash, a.language, a.report_count, a.copy_of_source_id
        """

    static let articleColumnCount: Int32 = 12

    static func article(_ row: Row) -> ArticleRecord {
        ArticleRecord(id: row.int64(0), url: row.optionalString(1), title: row.optionalString(2),
                      sourceID: row.optionalString(3), sourceName: row.optionalString(4),
                      copyOfSourceID: row.optionalString(11),
                      publishedAt: row.optionalString(5), ingestedAt: row.string(6), extractorVersion: row.string(7),
                      contentHash: row.string(8), language: row.optionalString(9), reportCount: row.int(10),
                      snippet: nil, rank: nil)
    }

    static let reportColumns = """
        r.id, r.article_id, r.event_id, r.type, r.province_id, r.city_id, r.actor_id, r.date, r.date_text, \
        r.date_precision, r.status, r.attributed_to, r.place_precision, r.numbers, r.evidence_sentence, \
        r.evidence_start, r.evidence_end, r.source_id, r.published_at, r.origin_source_id
        """

    static func report(_ row: Row) -> ReportRecord {
        ReportRecord(id: row.int64(0), articleID: row.int64(1), eventID: row.optionalInt64(2), type: row.string(3),
                     provinceID: row.optionalString(4), cityID: row.optionalString(5), actorID: row.optionalString(6),
                     date: row.optionalString(7), dateText: row.optionalString(8), datePrecision: row.string(9),
                     status: row.string(10), attributedTo: row.optionalString(11), placePrecision: row.optionalString(12),
                     numbersJSON: row.string(13),
                     evidence: Evidence(sentence: row.string(14), start: row.int(15), end: row.int(16)),
                     sourceID: row.optionalString(17), independentSourceID: row.optionalString(19),
                     publishedAt: row.optionalString(18))
    }
}
