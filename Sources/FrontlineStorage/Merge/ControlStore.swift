/// SQL side of province control: reads a province's events, stores the derived timeline.
enum ControlStore {
    /// Rewrites the control timeline of each province (only provinces present in `provinces`).
    static func rederive(provinces: Set<String>, in db: Connection, configuration: MergeConfiguration) throws {
        for province in provinces.sorted() {
            guard try db.scalar("SELECT 1 FROM provinces WHERE id = ?", [.text(province)]) != nil
            else { continue }
            // Only the province itself and its capital(s) move control; their events are found by
            // place_key through the merge index, so the cost does not grow with the province's other events.
            let keys = [PlaceKey.province(province)] + (try db.all(
                "SELECT id FROM cities WHERE province_id = ? AND is_capital = 1", [.text(province)]) { PlaceKey.city($0.string(0)) })
            // One equality lookup per place and type: IN lists made SQLite build an ephemeral
            // table on every run (this runs for each province an ingest touches).
            var events: [ControlDeriver.EventInput] = []
            for key in keys {
                for type in ["capture", "assault"] {
                    events += try db.all("""
                        SELECT id, type, CASE type WHEN 'assault' THEN coalesce(date_from, date) ELSE date END, status, actor_id,
                            place_key
                        FROM events
                        WHERE place_key = ? AND type = ? AND date IS NOT NULL
                        """, [.text(key), .text(type)]) { row in
                            ControlDeriver.EventInput(id: row.int64(0), type: row.string(1), date: row.string(2),
                                                      status: row.string(3), actorID: row.optionalString(4), placeKey: row.string(5))
                        }
                }
            }
            let derived = ControlDeriver.derive(events: events, configuration: configuration)
            let stored = try db.controlTimeline(provinceID: province).map {
                ControlDeriver.Interval(status: $0.status, since: $0.since, until: $0.until, eventID: $0.eventID)
            }
            guard derived != stored else { continue }
            try db.run("DELETE FROM control WHERE province_id = ?", [.text(province)])
            for interval in derived {
                try db.run("INSERT INTO control(province_id, status, since, until, event_id) VALUES (?, ?, ?, ?, ?)",
                           [.text(province), .text(interval.status), .text(interval.since), SQLValue(interval.until),
                            SQLValue(interval.eventID)])
            }
        }
    }
}

extension Connection {
    /// Re-derives the control timeline of every province (after loading the gazetteer, or after
    /// changing the baseline). Call inside `Database.write`.
    public func rederiveAllControl() throws {
        let provinces = Set(try all("SELECT id FROM provinces") { $0.string(0) })
        try ControlStore.rederive(provinces: provinces, in: self, configuration: configuration.merge)
    }

    /// Re-derives the control timeline of some provinces. Call inside `Database.write`.
    public func rederiveControl(provinces: Set<String>) throws {
        try ControlStore.rederive(provinces: provinces, in: self, configuration: configuration.merge)
    }
}
