/// SQL side of province control: reads a province's events, stores the derived timeline.
enum ControlStore {
    /// Provinces of the given events (for re-derivation after a change).
    /// Only capture and assault events move control, so only their provinces are returned.
    static func provinces(ofEvents ids: Set<Int64>, in db: Connection) throws -> Set<String> {
        var result = Set<String>()
        for id in ids {
            if let province = try db.one("SELECT province_id FROM events WHERE id = ? AND type IN ('capture', 'assault')",
                                         [.integer(id)], { $0.optionalString(0) }) ?? nil {
                result.insert(province)
            }
        }
        return result
    }

    /// Re-derives control for the provinces of `events`; returns those provinces, sorted.
    @discardableResult
    static func rederive(provincesOf events: Set<Int64>, in db: Connection, configuration: MergeConfiguration) throws -> [String] {
        let provinces = try provinces(ofEvents: events, in: db)
        try rederive(provinces: provinces, in: db, configuration: configuration)
        return provinces.sorted()
    }

    /// Rewrites the control timeline of each province (only provinces present in `places`).
    static func rederive(provinces: Set<String>, in db: Connection, configuration: MergeConfiguration) throws {
        for province in provinces.sorted() {
            guard try db.scalar("SELECT 1 FROM places WHERE id = ? AND kind = 'province'", [.text(province)]) != nil
            else { continue }
            let events = try db.all("""
                SELECT e.id, e.type, CASE e.type WHEN 'assault' THEN coalesce(e.date_from, e.date) ELSE e.date END,
                       e.status, e.actor_id,
                       e.city_id IS NULL OR coalesce(p.is_capital, 0) = 1
                FROM events e LEFT JOIN places p ON p.id = e.city_id
                WHERE e.province_id = ? AND e.date IS NOT NULL AND e.type IN ('capture', 'assault')
                """, [.text(province)]) { row in
                    ControlDeriver.EventInput(id: row.int64(0), type: row.string(1), date: row.string(2),
                                              status: row.string(3), actorID: row.optionalString(4),
                                              isProvinceOrCapital: row.bool(5))
                }
            try db.run("DELETE FROM control WHERE province_id = ?", [.text(province)])
            for interval in ControlDeriver.derive(events: events, configuration: configuration) {
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
        let provinces = Set(try all("SELECT id FROM places WHERE kind = 'province'") { $0.string(0) })
        try ControlStore.rederive(provinces: provinces, in: self, configuration: configuration.merge)
    }

    /// Re-derives the control timeline of some provinces. Call inside `Database.write`.
    public func rederiveControl(provinces: Set<String>) throws {
        try ControlStore.rederive(provinces: provinces, in: self, configuration: configuration.merge)
    }
}
