/// Ingest and deletion of articles: each is one transaction covering the article, its reports,
/// tallies, citations, source counters, merged events, province control and the
/// changes feed (DESIGN.md §5).
extension Connection {
    /// Stores an article with its facts, or reports it as a duplicate (same url or content hash)
    /// without writing anything. Call inside `Database.write`.
    /// - Throws: `SQLiteError` (e.g. a foreign-key failure for an unknown place or actor id).
    public func ingest(_ item: IngestItem) throws -> IngestResult {
        let result = try ingestDeferringControl(item)
        try ControlStore.rederive(provinces: Set(result.provinceIDs), in: self, configuration: configuration.merge)
        return result
    }

    /// `ingest` without re-deriving province control, for batches that do it once at the end
    /// for every province they touched (control depends only on the events).
    /// - Parameter cache: the batch's events, which the batch writes back before anything else
    ///   reads events; nil: this article's events are written back before it returns.
    /// - Parameter sources: the batch's source counters, which the batch writes at its end; nil:
    ///   this article's are written now.
    func ingestDeferringControl(_ item: IngestItem, cache: EventCache? = nil, sources: SourceTally? = nil) throws -> IngestResult {
        guard let sources else {
            let own = SourceTally()
            let result = try ingest(item, cache: cache, sources: own)
            try own.write(in: self)
            return result
        }
        return try ingest(item, cache: cache, sources: sources)
    }

    private func ingest(_ item: IngestItem, cache: EventCache?, sources: SourceTally) throws -> IngestResult {
        let article = item.article
        // Once the batch knows the article's sources, the insert itself detects a duplicate (the
        // unique url and content-hash indexes are searched anyway), saving two lookups per article.
        // Otherwise the lookups come first, so a duplicate never creates a source.
        let sourcesKnown = [article.sourceID, article.copyOfSourceID].allSatisfy { $0.map(sources.isKnown) ?? true }
        if !sourcesKnown, let existing = try duplicateID(of: article) {
            return IngestResult(articleID: existing, duplicate: true, reportIDs: [], eventIDs: [], provinceIDs: [])
        }
        let now = self.now()
        let seen = article.publishedAt ?? now
        if let sourceID = article.sourceID {
            try sources.ensure(sourceID, kind: "publisher", in: self)
        }
        if let copyOf = article.copyOfSourceID {
            try sources.ensure(copyOf, kind: "agency", in: self)
        }
        let articleID = try nextID(.articles)
        try run("""
            INSERT INTO articles(id, url, content_hash, title, text, keywords, published_at, source_id, copy_of_source_id,
                language, extractor_version, ingested_at, sort_key, report_count)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """, [.integer(articleID), SQLValue(article.url), .text(article.contentHash), SQLValue(article.title), .text(article.text),
                  .text(article.keywords), SQLValue(article.publishedAt), SQLValue(article.sourceID),
                  SQLValue(article.copyOfSourceID), SQLValue(article.language), .text(article.extractorVersion), .text(now), .text(seen),
                  .integer(Int64(item.reports.count))])
        guard changes == 1 else {
            giveBackID(.articles, articleID)
            guard let existing = try duplicateID(of: article) else { throw StorageError.inconsistent("article insert ignored without a duplicate") }
            return IngestResult(articleID: existing, duplicate: true, reportIDs: [], eventIDs: [], provinceIDs: [])
        }

        if let sourceID = article.sourceID { sources.count(sourceID, seen: seen, cited: false) }
        // Running an outlet's copy cites it.
        for cited in Set(item.citedSourceIDs + [article.copyOfSourceID].compactMap { $0 }).sorted() {
            try sources.ensure(cited, kind: "agency", in: self)
            try run("INSERT INTO article_citations(article_id, source_id) VALUES (?, ?)", [.integer(articleID), .text(cited)])
            sources.count(cited, seen: seen, cited: true)
        }

        let origin = article.copyOfSourceID ?? article.sourceID
        let originParty = try sources.isParty(origin, in: self)
        var reports = item.reports
        var pending: [EventMerger.PendingReport] = []
        pending.reserveCapacity(reports.count)
        for index in reports.indices {
            if reports[index].provinceID == nil, let city = reports[index].cityID {
                reports[index].provinceID = try one("SELECT province_id FROM cities WHERE id = ?", [.text(city)]) {
                    $0.optionalString(0)
                } ?? nil
            }
            let report = reports[index]
            let input = EventSummary.Input(reportID: 0, articleID: articleID, sourceID: article.sourceID,
                                           independentSourceID: origin, date: report.date,
                                           datePrecision: report.datePrecision, status: report.status,
                                           publishedAt: seen, partySource: originParty)
            let member = MergeRun.Member(
                cluster: Clustering.Member(reportID: 0, actorID: report.actorID, day: report.date.flatMap(Timestamp.dayNumber),
                                           publishedDay: Timestamp.dayNumber(seen), status: report.status),
                eventID: nil, provinceID: report.provinceID, cityID: report.cityID, type: report.type,
                placePrecision: report.placePrecision)
            pending.append(EventMerger.PendingReport(member: member, input: input, articlePublished: article.publishedAt))
        }
        // The article's change precedes the changes of the events it creates or updates.
        try recordChange(.article, articleID, .created, at: now)
        let merger = EventMerger(configuration: configuration.merge)
        let (reportIDs, outcome) = try merger.ingest(pending, in: self, now: now, cache: cache) { index, eventID in
            try insertReport(reports[index], articleID: articleID, eventID: eventID, sourceID: article.sourceID,
                             originSourceID: origin, seen: seen, originParty: originParty)
        }
        for tally in item.tallies { try insertTally(tally, articleID: articleID) }
        return IngestResult(articleID: articleID, duplicate: false, reportIDs: reportIDs,
                            eventIDs: outcome.touched.sorted(), provinceIDs: outcome.provinces.sorted())
    }

    /// Deletes an article with its reports, tallies and citations, re-derives the events and
    /// province control they fed, fixes source counters and records the changes.
    /// - Returns: false when no such article exists.
    @discardableResult
    public func deleteArticle(id: Int64) throws -> Bool {
        guard let sourceID = try one("SELECT source_id FROM articles WHERE id = ?", [.integer(id)], { $0.optionalString(0) })
        else { return false }
        let now = self.now()
        let cited = try all("SELECT source_id FROM article_citations WHERE article_id = ?", [.integer(id)]) { $0.string(0) }
        let eventIDs = Set(try all("SELECT DISTINCT event_id FROM reports WHERE article_id = ? AND event_id IS NOT NULL",
                                   [.integer(id)]) { $0.int64(0) })
        // Reports have no foreign key to cascade from the article (migration 12).
        try run("DELETE FROM reports WHERE article_id = ?", [.integer(id)])
        try run("DELETE FROM articles WHERE id = ?", [.integer(id)])
        for source in Set(cited + [sourceID].compactMap { $0 }) {
            try recountSource(source)
        }
        let merger = EventMerger(configuration: configuration.merge)
        let outcome = try merger.update(newReportIDs: [], staleEvents: eventIDs, in: self, now: now)
        try ControlStore.rederive(provinces: outcome.provinces, in: self, configuration: configuration.merge)
        try recordChange(.article, id, .deleted, at: now)
        return true
    }

    // MARK: - Helpers

    func duplicateID(of article: NewArticle) throws -> Int64? {
        if let url = article.url, let id = try scalar("SELECT id FROM articles WHERE url = ?", [.text(url)]) {
            return id
        }
        return try scalar("SELECT id FROM articles WHERE content_hash = ?", [.text(article.contentHash)])
    }

    /// Creates an unknown source with its slug as name, so ingest never fails on a new outlet.
    func ensureSource(_ id: String, kind: String) throws {
        try run("INSERT INTO sources(id, name, kind) VALUES (?, ?, ?) ON CONFLICT(id) DO NOTHING",
                [.text(id), .text(id), .text(kind)])
    }

    /// Whether a source is a party to the conflict (its reports are claims; see `EventSummary.status`).
    func isParty(_ sourceID: String?) throws -> Bool {
        guard let sourceID else { return false }
        return try scalar("SELECT kind = 'party' FROM sources WHERE id = ?", [.text(sourceID)]) == 1
    }

    func insertReport(_ report: NewReport, articleID: Int64, eventID: Int64? = nil, sourceID: String?,
                      originSourceID: String?, seen: String, originParty: Bool) throws -> Int64 {
        var provinceID = report.provinceID
        if provinceID == nil, let city = report.cityID {
            provinceID = try one("SELECT province_id FROM cities WHERE id = ?", [.text(city)]) { $0.optionalString(0) } ?? nil
        }
        try checkReference(provinceID, .province)
        try checkReference(report.cityID, .city)
        try checkReference(report.actorID, .actor)
        let id = try nextID(.reports)
        try run("""
            INSERT INTO reports(id, article_id, event_id, type, province_id, city_id, actor_id, date, date_text, date_precision,
                status, attributed_to, place_precision, numbers, evidence_sentence, evidence_start, evidence_end,
                source_id, origin_source_id, published_at, origin_party)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(id), .integer(articleID), SQLValue(eventID), .text(report.type), SQLValue(provinceID), SQLValue(report.cityID),
                  SQLValue(report.actorID), SQLValue(report.date), SQLValue(report.dateText), .text(report.datePrecision),
                  .text(report.status), SQLValue(report.attributedTo), SQLValue(report.placePrecision),
                  .text(report.numbersJSON), .text(report.evidence.sentence), .integer(Int64(report.evidence.start)),
                  .integer(Int64(report.evidence.end)), SQLValue(sourceID), SQLValue(originSourceID), .text(seen),
                  SQLValue(originParty)])
        return id
    }

    /// Links a source to an event (idempotent) with the event's sort key as its row holds it
    /// (`EventCache` knows it; migration 5's trigger carries later changes of the key to the links).
    func link(_ eventID: Int64, source: String, sortKey: String) throws {
        try run("INSERT OR IGNORE INTO event_sources(source_id, event_id, sort_key) VALUES (?, ?, ?)",
                [.text(source), .integer(eventID), .text(sortKey)])
    }

    func insertTally(_ tally: NewTally, articleID: Int64) throws {
        try run("""
            INSERT INTO tallies(article_id, actor_id, count, total, unit, date, status, evidence_sentence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(articleID), SQLValue(tally.actorID), .integer(Int64(tally.count)), SQLValue(tally.total),
                  .text(tally.unit), SQLValue(tally.date), .text(tally.status), .text(tally.evidenceSentence)])
    }

    /// Recomputes a source's counters and first/last seen from the stored articles.
    func recountSource(_ id: String) throws {
        try run("""
            UPDATE sources SET
                article_count = (SELECT count(*) FROM articles WHERE source_id = ?1),
                cited_count = (SELECT count(*) FROM article_citations WHERE source_id = ?1),
                first_seen = (SELECT min(s) FROM (
                    SELECT min(sort_key) AS s FROM articles WHERE source_id = ?1
                    UNION ALL SELECT min(a.sort_key) FROM article_citations c JOIN articles a ON a.id = c.article_id
                    WHERE c.source_id = ?1)),
                last_seen = (SELECT max(s) FROM (
                    SELECT max(sort_key) AS s FROM articles WHERE source_id = ?1
                    UNION ALL SELECT max(a.sort_key) FROM article_citations c JOIN articles a ON a.id = c.article_id
                    WHERE c.source_id = ?1))
            WHERE id = ?1
            """, [.text(id)])
    }

    /// Appends one entry to the changes feed.
    func recordChange(_ entity: ChangeRecord.Entity, _ id: Int64, _ op: ChangeRecord.Operation, at: String) throws {
        try run("INSERT INTO changes(seq, entity, entity_id, op, at) VALUES (?, ?, ?, ?, ?)",
                [.integer(try nextID(.changes)), .text(entity.rawValue), .integer(id), .text(op.rawValue), .text(at)])
    }
}
