import Foundation

/// Read queries over provinces and their control (`GET /api/provinces`, `/api/provinces/{id}`).
extension Connection {
    /// Every province with its capital and its control interval on `date` (YYYY-MM-DD; nil =
    /// latest). `control` is nil when the date precedes the baseline (status unknown). By name.
    public func provinces(at date: String? = nil) throws -> [ProvinceRecord] {
        try provinceRows(where: "", [], at: date)
    }

    /// One province with its full timeline and its 50 most recent events; nil when absent.
    public func provinceDetail(id: String, at date: String? = nil, recentEvents: Int = 50) throws -> ProvinceDetail? {
        guard let province = try provinceRows(where: "AND p.id = ?", [.text(id)], at: date).first else { return nil }
        let timeline = try controlTimeline(provinceID: id)
        let events = try eventPage(filter: EventFilter(provinceID: id), limit: max(1, recentEvents)).items
        return ProvinceDetail(province: province, timeline: timeline, recentEvents: events)
    }

    /// The control intervals of one province, oldest first.
    public func controlTimeline(provinceID: String) throws -> [ControlRecord] {
        try all("SELECT province_id, status, since, until, event_id FROM control WHERE province_id = ? ORDER BY since",
                [.text(provinceID)], Self.control)
    }

    private func provinceRows(where extra: String, _ arguments: [SQLValue], at date: String?) throws -> [ProvinceRecord] {
        var seen = Set<String>()
        return try all("""
            SELECT \(Self.provinceColumns("p")), \(Self.cityColumns("c")), k.province_id, k.status, k.since, k.until, k.event_id
            FROM provinces p
            LEFT JOIN cities c ON c.province_id = p.id AND c.is_capital = 1
            LEFT JOIN control k ON k.id = (SELECT id FROM control WHERE province_id = p.id AND since <= ?
                                            ORDER BY since DESC LIMIT 1)
            WHERE 1 \(extra)
            ORDER BY p.name, p.id, c.id
            """, [.text(date ?? "9999-12-31")] + arguments) { row -> ProvinceRecord? in
                let place = Self.place(row)
                guard seen.insert(place.id).inserted else { return nil }
                let capital = row.isNull(9) ? nil : Self.place(row.shifted(by: 9))
                let control = row.isNull(18) ? nil : Self.control(row.shifted(by: 18))
                return ProvinceRecord(place: place, capital: capital, control: control)
            }.compactMap { $0 }
    }

    static func control(_ row: Row) -> ControlRecord {
        ControlRecord(provinceID: row.string(0), status: row.string(1), since: row.string(2),
                      until: row.optionalString(3), eventID: row.optionalInt64(4))
    }
}
