import Foundation

/// Reference data (gazetteer places, actors, sources), loaded from configuration at start.
extension Connection {
    /// Inserts or updates places. Provinces and cities are separate namespaces (a province and a
    /// city may share a slug); provinces are written first so that cities' links resolve.
    /// - Throws: `SQLiteError` (constraint) when a city names a province that does not exist.
    public func upsertPlaces(_ places: [PlaceRecord]) throws {
        for place in places where place.kind == .province {
            try run("""
                INSERT INTO provinces(id, name, aliases, iso_code, lat, lon) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, aliases = excluded.aliases,
                    iso_code = excluded.iso_code, lat = excluded.lat, lon = excluded.lon
                """, [.text(place.id), .text(place.name), .text(JSONList.encode(place.aliases)), SQLValue(place.isoCode),
                      SQLValue(place.lat), SQLValue(place.lon)])
        }
        for place in places where place.kind == .city {
            try run("""
                INSERT INTO cities(id, name, aliases, province_id, is_capital, lat, lon) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, aliases = excluded.aliases,
                    province_id = excluded.province_id, is_capital = excluded.is_capital, lat = excluded.lat, lon = excluded.lon
                """, [.text(place.id), .text(place.name), .text(JSONList.encode(place.aliases)), SQLValue(place.provinceID),
                      SQLValue(place.isCapital), SQLValue(place.lat), SQLValue(place.lon)])
        }
        // A new province starts with the baseline timeline; existing ones keep theirs.
        let fresh = try all("""
            SELECT id FROM provinces p WHERE NOT EXISTS (SELECT 1 FROM control c WHERE c.province_id = p.id)
            """) { $0.string(0) }
        try rederiveControl(provinces: Set(fresh))
        try bumpReferenceVersion()
    }

    /// Inserts or updates actors.
    public func upsertActors(_ actors: [ActorRecord]) throws {
        for actor in actors {
            try run("""
                INSERT INTO actors(id, name, kind, aliases) VALUES (?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, aliases = excluded.aliases
                """, [.text(actor.id), .text(actor.name), .text(actor.kind), .text(JSONList.encode(actor.aliases))])
        }
        try bumpReferenceVersion()
    }

    /// Inserts or updates sources' descriptive fields; counters and first/last seen are kept.
    public func upsertSources(_ sources: [SourceRecord]) throws {
        for source in sources {
            try run("""
                INSERT INTO sources(id, name, kind, domain, aliases) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, domain = excluded.domain,
                    aliases = excluded.aliases
                """, [.text(source.id), .text(source.name), .text(source.kind), SQLValue(source.domain),
                      .text(JSONList.encode(source.aliases))])
        }
        try bumpReferenceVersion()
    }

    /// Every place: provinces by id, then cities by id.
    public func places() throws -> [PlaceRecord] {
        try all("SELECT \(Self.provinceColumns("p")) FROM provinces p ORDER BY id", [], Self.place)
            + all("SELECT \(Self.cityColumns("c")) FROM cities c ORDER BY id", [], Self.place)
    }

    /// One place by slug. Without `kind`, a province wins over a city of the same slug (the
    /// province `kunduz` over the city `kunduz`); pass `.city` to get the city.
    public func place(id: String, kind: PlaceRecord.Kind? = nil) throws -> PlaceRecord? {
        if kind != .city, let province = try one("SELECT \(Self.provinceColumns("p")) FROM provinces p WHERE id = ?",
                                                  [.text(id)], Self.place) {
            return province
        }
        guard kind != .province else { return nil }
        return try one("SELECT \(Self.cityColumns("c")) FROM cities c WHERE id = ?", [.text(id)], Self.place)
    }

    /// Every actor by id.
    public func actors() throws -> [ActorRecord] {
        try all("SELECT id, name, kind, aliases FROM actors ORDER BY id") {
            ActorRecord(id: $0.string(0), name: $0.string(1), kind: $0.string(2), aliases: JSONList.decode($0.string(3)))
        }
    }

    private func bumpReferenceVersion() throws {
        try run("UPDATE meta SET value = value + 1 WHERE key = 'reference_version'")
    }

    /// Both tables read as one 9-column place row (`place(_:)`): id, kind, name, aliases,
    /// iso_code, province_id, is_capital, lat, lon.
    static func provinceColumns(_ alias: String) -> String {
        "\(alias).id, 'province', \(alias).name, \(alias).aliases, \(alias).iso_code, NULL, 0, \(alias).lat, \(alias).lon"
    }

    static func cityColumns(_ alias: String) -> String {
        "\(alias).id, 'city', \(alias).name, \(alias).aliases, NULL, \(alias).province_id, \(alias).is_capital, "
            + "\(alias).lat, \(alias).lon"
    }

    static func place(_ row: Row) -> PlaceRecord {
        PlaceRecord(id: row.string(0), kind: PlaceRecord.Kind(rawValue: row.string(1)) ?? .city, name: row.string(2),
                    aliases: JSONList.decode(row.string(3)), isoCode: row.optionalString(4),
                    provinceID: row.optionalString(5), isCapital: row.bool(6), lat: row.optionalDouble(7),
                    lon: row.optionalDouble(8))
    }
}

/// JSON arrays of strings stored in text columns.
enum JSONList {
    /// Hand-written: this runs on every event refresh, where `JSONSerialization` costs far more.
    /// Written into one string: a claim-denied dispute re-encodes lists of hundreds of source
    /// keys as reports arrive, and a string per item showed in ingest profiles.
    static func encode(_ list: [String]) -> String {
        var out = "["
        out.reserveCapacity(list.reduce(2) { $0 + $1.utf8.count + 3 })
        for (index, item) in list.enumerated() {
            if index > 0 { out += "," }
            appendQuoted(item, to: &out)
        }
        out += "]"
        return out
    }

    /// One JSON string literal.
    static func quote(_ item: String) -> String {
        var out = ""
        appendQuoted(item, to: &out)
        return out
    }

    private static func appendQuoted(_ item: String, to out: inout String) {
        // Source slugs and dates need no escape: skip the per-scalar loop.
        if item.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            out += "\""
            out += item
            out += "\""
            return
        }
        out += "\""
        for scalar in item.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// Splits `a","b` at each `","` (bytes, not Foundation: this runs once per report ingested).
    private static func splitUnescaped(_ bytes: Substring.UTF8View) -> [String] {
        var items: [String] = []
        var start = bytes.startIndex
        var index = start
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "\""), bytes.index(after: index) < bytes.endIndex,
               bytes[bytes.index(after: index)] == UInt8(ascii: ",") {
                items.append(String(Substring(bytes[start..<index])))
                start = bytes.index(index, offsetBy: 3, limitedBy: bytes.endIndex) ?? bytes.endIndex
                index = start
            } else {
                index = bytes.index(after: index)
            }
        }
        items.append(String(Substring(bytes[start..<bytes.endIndex])))
        return items
    }

    /// Whether the list holds `item`: a walk over the list's bytes comparing each item with it
    /// in place (this runs for every report ingested). Lists or items with escapes are decoded
    /// instead.
    static func contains(_ text: String, _ item: String) -> Bool {
        var (text, item) = (text, item)
        let found = text.withUTF8 { list in
            item.withUTF8 { needle in Self.search(list, for: needle) }
        }
        return found ?? decode(text).contains(item)
    }

    /// `contains` on bytes; nil when an escape means the list must be decoded. Without escapes
    /// every quote delimits an item, so quotes pair up as each item's opening and closing.
    private static func search(_ list: UnsafeBufferPointer<UInt8>, for needle: UnsafeBufferPointer<UInt8>) -> Bool? {
        let (quote, backslash) = (UInt8(ascii: "\""), UInt8(ascii: "\\"))
        guard let base = list.baseAddress else { return false }
        guard !contains(backslash, in: list), !needle.contains(where: { $0 < 0x20 || $0 == quote || $0 == backslash })
        else { return nil }
        // Quote to quote with memchr: a byte loop over the list was most of this function.
        var index = 0
        while let open = firstIndex(of: quote, in: list, from: index),
              let close = firstIndex(of: quote, in: list, from: open + 1) {
            let count = close - open - 1
            if count == needle.count, count == 0 || memcmp(base + open + 1, needle.baseAddress!, count) == 0 {
                return true
            }
            index = close + 1
        }
        return false
    }

    private static func contains(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        firstIndex(of: byte, in: bytes, from: 0) != nil
    }

    /// The first `byte` at or after `start`, found by memchr (vectorised).
    private static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, start < bytes.count,
              let found = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// `encode((decode(list) + [item]).sorted())` for a sorted list that lacks `item`, spliced
    /// into the list's bytes: an event's `sources` grows by one source at a time, and decoding
    /// and re-encoding the whole list was 3% of ingest's instructions. Nil (decode instead) when
    /// the list is not this module's compact form or either holds anything but plain ASCII,
    /// where byte order could differ from `String` order.
    static func inserting(_ item: String, intoSorted list: String) -> String? {
        var (list, item) = (list, item)
        return list.withUTF8 { list in
            item.withUTF8 { needle in Self.splice(needle, into: list) }
        }
    }

    private static func splice(_ needle: UnsafeBufferPointer<UInt8>, into list: UnsafeBufferPointer<UInt8>) -> String? {
        let (quote, backslash, comma) = (UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: ","))
        guard list.count >= 2, list.first == UInt8(ascii: "["), list.last == UInt8(ascii: "]"),
              !contains(backslash, in: list), !list.contains(where: { $0 >= 0x80 }),
              !needle.contains(where: { $0 < 0x20 || $0 >= 0x80 || $0 == quote || $0 == backslash })
        else { return nil }
        // Walk the items `"…"` separated by commas; stop at the first one after `needle`.
        var index = 1
        var insertion = list.count - 1
        while index < list.count - 1 {
            guard list[index] == quote, let close = list[(index + 1)...].firstIndex(of: quote) else { return nil }
            let item = UnsafeBufferPointer(rebasing: list[(index + 1)..<close])
            if item.lexicographicallyPrecedes(needle) == false, !item.elementsEqual(needle) {
                insertion = index
                break
            }
            index = close + 1
            if list[index] == comma {
                index += 1
                guard index < list.count - 1 else { return nil }
            } else if index != list.count - 1 {
                return nil
            }
        }
        var out = [UInt8]()
        out.reserveCapacity(list.count + needle.count + 3)
        out.append(contentsOf: list[..<insertion])
        let atEnd = insertion == list.count - 1
        if atEnd && list.count > 2 { out.append(comma) }
        out.append(quote)
        out.append(contentsOf: needle)
        out.append(quote)
        if !atEnd { out.append(comma) }
        out.append(contentsOf: list[insertion...])
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [String] {
        // Lists this module wrote without escapes (source slugs) split directly.
        if text.hasPrefix("[\""), text.hasSuffix("\"]"), !text.utf8.contains(UInt8(ascii: "\\")) {
            return splitUnescaped(text.utf8.dropFirst(2).dropLast(2))
        }
        guard text != "[]", let data = text.data(using: .utf8),
              let list = try? JSONSerialization.jsonObject(with: data) as? [String] else { return [] }
        return list
    }
}
