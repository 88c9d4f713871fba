/// Read queries over sources (`GET /api/sources`, `GET /api/sources/{id}`).
extension Connection {
    /// Every source, most articles first, then by id.
    public func sources() throws -> [SourceRecord] {
        try all("SELECT \(Self.sourceColumns) FROM sources ORDER BY article_count DESC, id", [], Self.source)
    }

    /// One source by slug; nil when absent.
    public func source(id: String) throws -> SourceRecord? {
        try one("SELECT \(Self.sourceColumns) FROM sources WHERE id = ?", [.text(id)], Self.source)
    }

    /// The inputs of a source's track record (issue 6): reports made, agreement with the
    /// consensus date, events it reported first, median publication lag.
    public func trackRecord(sourceID: String) throws -> TrackRecord {
        let argument: [SQLValue] = [.text(sourceID)]
        let first = Int(try scalar("SELECT count(*) FROM events WHERE first_source_id = ?", argument) ?? 0)
        // One pass over the source's reports counts them and gives the agreement and the lags of
        // those on dated events. A report's source is its article's, so the source's articles lead
        // to them (migration 15 dropped the index of reports by source); the pass reads their
        // rows and events at random, most of the cost.
        // The lag is measured from the article's own publication date: `reports.published_at`
        // falls back to the ingest time for clustering, which would count an undated article
        // read a year later as a year late.
        var reports = 0
        var agree = 0
        var lags: [Double] = []
        try query("""
            SELECT r.date IS NOT NULL AND r.date = e.date, julianday(substr(a.published_at, 1, 10)) - julianday(e.date)
            FROM articles a JOIN reports r ON r.article_id = a.id LEFT JOIN events e ON e.id = r.event_id
            WHERE a.source_id = ?
            """, argument) { row in
            reports += 1
            if row.bool(0) { agree += 1 }
            if let lag = row.optionalDouble(1) { lags.append(lag) }
        }
        lags.sort()
        let median: Double? = lags.isEmpty ? nil
            : lags.count % 2 == 1 ? lags[lags.count / 2] : (lags[lags.count / 2 - 1] + lags[lags.count / 2]) / 2
        return TrackRecord(reports: reports, agreeWithConsensus: agree, firstToReport: first, medianLagDays: median)
    }

    static let sourceColumns = "id, name, kind, domain, aliases, article_count, cited_count, first_seen, last_seen"

    static func source(_ row: Row) -> SourceRecord {
        SourceRecord(id: row.string(0), name: row.string(1), kind: row.string(2), domain: row.optionalString(3),
                     aliases: JSONList.decode(row.string(4)), articleCount: row.int(5), citedCount: row.int(6),
                     firstSeen: row.optionalString(7), lastSeen: row.optionalString(8))
    }
}
