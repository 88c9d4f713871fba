import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// `eventPage(source:)` takes one plan for sources with few events and another for sources with
/// many; both must list exactly the source's events, in order, across pages.
@Suite struct SourceFilterTests {
    @Test func sparseAndDenseSources_listExactlyTheirEvents() throws {
        let temp = TempDatabase()
        let database = try IncrementalMergeTests.openSynthetic(temp)
        try database.write { db in
            try db.insertSyntheticEvents(count: 12_000, seed: 3)
            // A sparse source: a handful of events.
            try db.run("DELETE FROM event_sources WHERE source_id = 'source-20' AND event_id % 997 <> 0")
            try db.run("INSERT OR IGNORE INTO event_sources(source_id, event_id) SELECT 'source-20', id FROM events WHERE id % 997 = 0")
            // A dense source: half of all events.
            try db.run("INSERT OR IGNORE INTO event_sources(source_id, event_id) SELECT 'source-19', id FROM events WHERE id % 2 = 0")
        }
        for source in ["source-20", "source-19"] {
            let expected = try database.read { db in
                try db.all("""
                    SELECT e.id FROM events e JOIN event_sources s ON s.event_id = e.id AND s.source_id = ?
                    WHERE e.status = 'confirmed' ORDER BY e.sort_key DESC, e.id DESC
                    """, [.text(source)]) { $0.int64(0) }
            }
            let linked = try database.read { try $0.scalar("SELECT count(*) FROM event_sources WHERE source_id = ?", [.text(source)]) } ?? 0
            #expect(source == "source-20" ? linked < Connection.denseSourceEvents : linked >= Connection.denseSourceEvents)
            var seen: [Int64] = []
            var cursor: Cursor?
            repeat {
                let page = try database.read {
                    try $0.eventPage(filter: EventFilter(status: "confirmed", sourceID: source), limit: 500, after: cursor)
                }
                seen += page.items.map(\.id)
                cursor = page.next
            } while cursor != nil
            #expect(!expected.isEmpty, "source \(source) has no confirmed events")
            #expect(seen == expected, "source \(source)")
        }
    }
}
