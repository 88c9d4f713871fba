import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// `eventPage(source:)` walks the source's links in date order (`event_sources.sort_key` mirrors
/// the event's): sparse and dense sources, with and without a date range, must list exactly the
/// source's events, in order, across pages.
@Suite struct SourceFilterTests {
    @Test func sparseAndDenseSources_listExactlyTheirEvents() throws {
        let temp = TempDatabase()
        let database = try IncrementalMergeTests.openSynthetic(temp)
        try database.write { db in
            try db.insertSyntheticEvents(count: 12_000, seed: 3)
            // A sparse source: a handful of events.
            try db.run("DELETE FROM event_sources WHERE source_id = 'source-20' AND event_id % 997 <> 0")
            try db.run("""
                INSERT OR IGNORE INTO event_sources(source_id, event_id, sort_key)
                SELECT 'source-20', id, sort_key FROM events WHERE id % 997 = 0
                """)
            // A dense source: half of all events.
            try db.run("""
                INSERT OR IGNORE INTO event_sources(source_id, event_id, sort_key)
                SELECT 'source-19', id, sort_key FROM events WHERE id % 2 = 0
                """)
            // Dates move after linking: the links follow (migration 5's trigger). The day counts
            // are the storage layer's to keep (migration 13), so this edit behind its back recounts them.
            try db.run("UPDATE events SET date = date(date, '-1 day'), sort_key = date(date, '-1 day') WHERE id % 3 = 0")
            try db.run("DELETE FROM event_day_counts")
            try db.countEventDays(fromID: 0)
        }
        #expect(try database.integrityProblems() == [])
        let province = try database.read { db in
            try db.one("""
                SELECT e.province_id FROM events e JOIN event_sources s ON s.event_id = e.id
                WHERE s.source_id = 'source-19' AND e.status = 'confirmed' AND e.province_id IS NOT NULL LIMIT 1
                """) { $0.string(0) }
        }
        let cases: [(String, String?, String?, String?)] = [
            ("source-20", nil, nil, nil), ("source-19", nil, nil, nil), ("source-19", "2021-07-01", "2021-07-31", nil),
            ("source-19", nil, nil, province),  // a place narrows more: the other plan
        ]
        for (source, from, to, province) in cases {
            let range = (from == nil ? "" : "AND e.sort_key BETWEEN '\(from!)' AND '\(to!)'")
                + (province == nil ? "" : "AND e.province_id = '\(province!)'")
            let expected = try database.read { db in
                try db.all("""
                    SELECT e.id FROM events e JOIN event_sources s ON s.event_id = e.id AND s.source_id = ?
                    WHERE e.status = 'confirmed' \(range) ORDER BY e.sort_key DESC, e.id DESC
                    """, [.text(source)]) { $0.int64(0) }
            }
            var seen: [Int64] = []
            var cursor: Cursor?
            repeat {
                let page = try database.read {
                    try $0.eventPage(filter: EventFilter(provinceID: province, status: "confirmed", from: from, to: to,
                                                         sourceID: source), limit: 500, after: cursor)
                }
                seen += page.items.map(\.id)
                cursor = page.next
            } while cursor != nil
            #expect(!expected.isEmpty, "source \(source) has no confirmed events")
            #expect(seen == expected, "source \(source)")
        }
    }
}
