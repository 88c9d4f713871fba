import Foundation
import FrontlineStorage

/// The resource shapes of DESIGN.md §3 and notes/API-CONTRACT.md, written directly.
/// Every field is always present (null when unknown), so clients and the OpenAPI schemas can
/// rely on the same keys in every row.
extension JSONWriter {
    /// An article row; `snippet` and `rank` only on full-text results.
    public mutating func article(_ article: ArticleRecord) {
        beginObject()
        articleFields(article)
        if let snippet = article.snippet {
            field("snippet", SnippetText.plain(snippet))
            key("rank"); double(article.rank)
        }
        endObject()
    }

    /// The members of an article object, without braces (detail responses add more).
    mutating func articleFields(_ article: ArticleRecord) {
        field("id", article.id)
        field("url", article.url)
        field("title", article.title)
        key("source"); sourceReference(id: article.sourceID, name: article.sourceName)
        field("published_at", article.publishedAt)
        field("ingested_at", article.ingestedAt)
        field("extractor_version", article.extractorVersion)
        field("report_count", article.reportCount)
    }

    mutating func sourceReference(id: String?, name: String?) {
        guard let id else { return null() }
        beginObject()
        field("id", id)
        field("name", name ?? id)
        endObject()
    }

    /// A report inside an event or an article.
    public mutating func report(_ report: ReportRecord) {
        beginObject()
        reportFields(report)
        endObject()
    }

    mutating func reportFields(_ report: ReportRecord) {
        field("id", report.id)
        field("article_id", report.articleID)
        field("event_id", report.eventID)
        field("type", report.type)
        field("province", report.provinceID)
        field("city", report.cityID)
        field("actor", report.actorID)
        field("date", report.date)
        field("date_text", report.dateText)
        field("date_precision", report.datePrecision)
        field("status", report.status)
        field("attributed_to", report.attributedTo)
        field("place_precision", report.placePrecision)
        key("numbers"); raw(report.numbersJSON.isEmpty ? "{}" : report.numbersJSON)
        key("evidence"); beginObject()
        field("sentence", report.evidence.sentence)
        field("start", report.evidence.start)
        field("end", report.evidence.end)
        endObject()
    }

    /// A merged event.
    public mutating func event(_ event: EventRecord) {
        beginObject()
        eventFields(event)
        endObject()
    }

    mutating func eventFields(_ event: EventRecord) {
        field("id", event.id)
        field("type", event.type)
        field("province", event.provinceID)
        field("city", event.cityID)
        field("actor", event.actorID)
        field("date", event.date)
        field("date_precision", event.datePrecision)
        key("date_range")
        if let range = event.dateRange { strings([range.from, range.to]) } else { null() }
        field("status", event.status)
        field("disputed", event.disputed)
        key("dispute"); raw(event.disputed ? event.disputeJSON : nil)
        field("report_count", event.reportCount)
        field("source_count", event.sourceCount)
        key("sources"); strings(event.sourceIDs)
        field("first_reported_at", event.firstReportedAt)
        field("updated_at", event.updatedAt)
    }

    /// A province with its capital and its status on the requested day.
    public mutating func province(_ province: ProvinceRecord) {
        beginObject()
        provinceFields(province)
        endObject()
    }

    mutating func provinceFields(_ province: ProvinceRecord) {
        field("id", province.place.id)
        field("name", province.place.name)
        field("iso_code", province.place.isoCode)
        key("capital")
        if let capital = province.capital {
            beginObject()
            field("id", capital.id)
            field("name", capital.name)
            key("lat"); double(capital.lat)
            key("lon"); double(capital.lon)
            endObject()
        } else {
            null()
        }
        field("status", province.control?.status ?? "unknown")
        field("since", province.control?.since)
        field("event_id", province.control?.eventID)
    }

    /// One interval of a control timeline.
    public mutating func controlInterval(_ interval: ControlRecord) {
        beginObject()
        field("status", interval.status)
        field("since", interval.since)
        field("until", interval.until)
        field("event_id", interval.eventID)
        endObject()
    }

    /// A source with its counters.
    public mutating func source(_ source: SourceRecord) {
        beginObject()
        sourceFields(source)
        endObject()
    }

    mutating func sourceFields(_ source: SourceRecord) {
        field("id", source.id)
        field("name", source.name)
        field("kind", source.kind)
        field("domain", source.domain)
        key("aliases"); strings(source.aliases)
        field("article_count", source.articleCount)
        field("cited_count", source.citedCount)
        field("first_seen", source.firstSeen)
        field("last_seen", source.lastSeen)
    }

    /// One entry of the changes feed.
    public mutating func change(_ change: ChangeRecord) {
        beginObject()
        field("seq", change.seq)
        field("entity", change.entity.rawValue)
        field("id", change.entityID)
        field("action", change.op.rawValue)
        field("at", change.at)
        endObject()
    }

    /// A counted claim of an article.
    public mutating func tally(_ tally: TallyRecord) {
        beginObject()
        field("id", tally.id)
        field("actor", tally.actorID)
        field("count", tally.count)
        key("total"); int(tally.total)
        field("unit", tally.unit)
        field("date", tally.date)
        field("status", tally.status)
        key("evidence"); beginObject(); field("sentence", tally.evidenceSentence); endObject()
        endObject()
    }

    /// A list envelope: `{"data": [...], "next_cursor": ...}` around `body`, which writes the items.
    public mutating func list(nextCursor: String?, _ body: (inout JSONWriter) -> Void) {
        beginObject()
        key("data")
        beginArray()
        body(&self)
        endArray()
        field("next_cursor", nextCursor)
        endObject()
    }
}

/// Full-text snippets: storage HTML-escapes the excerpt and wraps matches in `<mark>`; the API
/// contract gives plain text with only the mark tags, so clients escape once, then restore them.
enum SnippetText {
    static func plain(_ escaped: String) -> String {
        guard escaped.contains("&") else { return escaped }
        return escaped.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
