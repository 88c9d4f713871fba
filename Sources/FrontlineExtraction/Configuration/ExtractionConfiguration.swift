import Foundation

/// The gazetteer and lexicons the extractor runs on, parsed and validated. Pure: the caller reads
/// the files (Config/gazetteer/afghanistan.json, Config/lexicon/*.json) and passes their bytes.
public struct ExtractionConfiguration: Sendable {
    public var gazetteer: Gazetteer
    public var actors: [ActorEntry]
    public var outlets: [OutletEntry]
    /// The event types reports can have (`capture`, `assault`, ...), in lexicon order.
    public var eventTypes: [String]

    var events: [EventTypeEntry]
    var status: StatusLexicon
    var context: ContextLexicon

    /// The lexicon files the extractor needs, keyed as in `init(gazetteer:lexicons:)`.
    public static let lexiconFiles = ["events.json", "status.json", "context.json", "actors.json", "outlets.json"]

    /// Parses and validates; errors name the file and the bad entry.
    /// `lexicons` is keyed by file name in Config/lexicon/ ("events.json", "status.json", ...).
    public init(gazetteer: Data, lexicons: [String: Data]) throws {
        func file(_ name: String) throws -> Data {
            guard let data = lexicons[name] else {
                throw ConfigurationError(file: name, message: "missing lexicon file")
            }
            return data
        }
        self.gazetteer = try Self.parseGazetteer(gazetteer)
        actors = try Self.parseActors(try file("actors.json"))
        outlets = try Self.parseOutlets(try file("outlets.json"))
        events = try Self.parseEvents(try file("events.json"), actorIDs: Set(actors.map(\.id)))
        eventTypes = events.filter { $0.mapsTo == nil }.map(\.id)
        // The lexicon types decode straight from their files (snake_case keys): no second field list.
        status = try ConfigurationFiles.decode(StatusLexicon.self, from: try file("status.json"), file: "status.json")
        try Self.requireNonEmpty(status.speech, file: "status.json", entry: "speech")
        context = try ConfigurationFiles.decode(ContextLexicon.self, from: try file("context.json"), file: "context.json")
    }

    static func isSlug(_ s: String) -> Bool {
        !s.isEmpty && s.first != "-" && s.last != "-"
            && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    private static func requireNonEmpty(_ words: [String], file: String, entry: String) throws {
        if let bad = words.first(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ConfigurationError(file: file, entry: entry, message: "empty phrase '\(bad)'")
        }
    }

    private static func parseGazetteer(_ data: Data) throws -> Gazetteer {
        let name = "gazetteer"
        let decoded = try ConfigurationFiles.decode(ConfigurationFiles.GazetteerFile.self, from: data, file: name)
        if decoded.provinces.isEmpty { throw ConfigurationError(file: name, message: "no provinces") }
        var provinceIDs = Set<String>(), isoCodes = Set<String>(), placeIDs = Set<String>()
        for p in decoded.provinces {
            guard isSlug(p.id) else { throw ConfigurationError(file: name, entry: p.id, message: "province id is not a slug") }
            guard provinceIDs.insert(p.id).inserted else {
                throw ConfigurationError(file: name, entry: p.id, message: "duplicate province id")
            }
            guard isISOCode(p.isoCode) else {
                throw ConfigurationError(file: name, entry: p.id, message: "'\(p.isoCode)' is not an ISO 3166-2 code")
            }
            guard isoCodes.insert(p.isoCode).inserted else {
                throw ConfigurationError(file: name, entry: p.id, message: "duplicate ISO code \(p.isoCode)")
            }
            try requireNonEmpty([p.name] + (p.aliases ?? []), file: name, entry: p.id)
        }
        for place in decoded.places {
            guard isSlug(place.id) else {
                throw ConfigurationError(file: name, entry: place.id, message: "place id is not a slug")
            }
            guard placeIDs.insert(place.id).inserted else {
                throw ConfigurationError(file: name, entry: place.id, message: "duplicate place id")
            }
            guard provinceIDs.contains(place.province) else {
                throw ConfigurationError(file: name, entry: place.id, message: "unknown province '\(place.province)'")
            }
            guard (-90...90).contains(place.lat), (-180...180).contains(place.lon) else {
                throw ConfigurationError(file: name, entry: place.id, message: "coordinates out of range")
            }
            try requireNonEmpty([place.name] + (place.aliases ?? []), file: name, entry: place.id)
        }
        let places = decoded.places.map {
            GazetteerPlace(
                id: $0.id, name: $0.name, kind: $0.kind, provinceID: $0.province, aliases: $0.aliases ?? [],
                lat: $0.lat, lon: $0.lon, isCapital: $0.capital ?? false)
        }
        for p in decoded.provinces {
            guard let capital = places.first(where: { $0.id == p.capital }) else {
                throw ConfigurationError(file: name, entry: p.id, message: "capital '\(p.capital)' is not a place")
            }
            guard capital.provinceID == p.id, capital.isCapital else {
                throw ConfigurationError(
                    file: name, entry: p.id, message: "capital '\(p.capital)' is not marked as this province's capital")
            }
        }
        let provinces = decoded.provinces.map {
            GazetteerProvince(id: $0.id, name: $0.name, isoCode: $0.isoCode, aliases: $0.aliases ?? [], capitalID: $0.capital)
        }
        return Gazetteer(provinces: provinces, places: places)
    }

    private static func isISOCode(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, (1...3).contains(parts[1].count) else { return false }
        return parts[0].allSatisfy { $0.isUppercase && $0.isASCII }
            && parts[1].allSatisfy { ($0.isUppercase || $0.isNumber) && $0.isASCII }
    }

    private static func parseActors(_ data: Data) throws -> [ActorEntry] {
        let name = "actors.json"
        let decoded = try ConfigurationFiles.decode(ConfigurationFiles.ActorsFile.self, from: data, file: name)
        var ids = Set<String>()
        for a in decoded.actors {
            guard isSlug(a.id) else { throw ConfigurationError(file: name, entry: a.id, message: "id is not a slug") }
            guard ids.insert(a.id).inserted else { throw ConfigurationError(file: name, entry: a.id, message: "duplicate id") }
            guard ActorEntry.kinds.contains(a.kind) else {
                throw ConfigurationError(file: name, entry: a.id, message: "unknown kind '\(a.kind)'")
            }
            try requireNonEmpty([a.name] + (a.aliases ?? []), file: name, entry: a.id)
        }
        for a in decoded.actors {
            if let affiliation = a.affiliation, !ids.contains(affiliation) {
                throw ConfigurationError(file: name, entry: a.id, message: "unknown affiliation '\(affiliation)'")
            }
        }
        return decoded.actors.map {
            ActorEntry(id: $0.id, name: $0.name, kind: $0.kind, aliases: $0.aliases ?? [], party: $0.party,
                       affiliation: $0.affiliation)
        }
    }

    private static func parseOutlets(_ data: Data) throws -> [OutletEntry] {
        let name = "outlets.json"
        let decoded = try ConfigurationFiles.decode(ConfigurationFiles.OutletsFile.self, from: data, file: name)
        var ids = Set<String>()
        for o in decoded.outlets {
            guard isSlug(o.id) else { throw ConfigurationError(file: name, entry: o.id, message: "id is not a slug") }
            guard ids.insert(o.id).inserted else { throw ConfigurationError(file: name, entry: o.id, message: "duplicate id") }
            guard OutletEntry.kinds.contains(o.kind) else {
                throw ConfigurationError(file: name, entry: o.id, message: "unknown kind '\(o.kind)'")
            }
            try requireNonEmpty([o.name] + (o.aliases ?? []), file: name, entry: o.id)
        }
        return decoded.outlets.map {
            OutletEntry(id: $0.id, name: $0.name, kind: $0.kind, aliases: $0.aliases ?? [], domain: $0.domain)
        }
    }

    private static func parseEvents(_ data: Data, actorIDs: Set<String>) throws -> [EventTypeEntry] {
        let name = "events.json"
        let decoded = try ConfigurationFiles.decode(ConfigurationFiles.EventsFile.self, from: data, file: name)
        let ids = decoded.types.map(\.id)
        var seen = Set<String>()
        var entries: [EventTypeEntry] = []
        for t in decoded.types {
            guard isSlug(t.id) else { throw ConfigurationError(file: name, entry: t.id, message: "id is not a slug") }
            guard seen.insert(t.id).inserted else { throw ConfigurationError(file: name, entry: t.id, message: "duplicate id") }
            if let target = t.mapsTo, !ids.contains(target) || target == t.id {
                throw ConfigurationError(file: name, entry: t.id, message: "maps_to '\(target)' is not another type")
            }
            if let actor = t.actor, !actorIDs.contains(actor) {
                throw ConfigurationError(file: name, entry: t.id, message: "unknown actor '\(actor)'")
            }
            for s in t.suppresses ?? [] where !ids.contains(s) {
                throw ConfigurationError(file: name, entry: t.id, message: "suppresses unknown type '\(s)'")
            }
            if let follows = t.follows, !ids.contains(follows) {
                throw ConfigurationError(file: name, entry: t.id, message: "follows unknown type '\(follows)'")
            }
            if t.cues.isEmpty { throw ConfigurationError(file: name, entry: t.id, message: "no cues") }
            let cues = try t.cues.map { raw -> EventCue in
                var phrase = Substring(raw)
                var direction = CueDirection.either
                var clauseOnly = false
                if phrase.first == "=" { clauseOnly = true; phrase = phrase.dropFirst() }
                if phrase.first == ">" { direction = .after; phrase = phrase.dropFirst() }
                else if phrase.first == "<" { direction = .before; phrase = phrase.dropFirst() }
                let trimmed = phrase.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty { throw ConfigurationError(file: name, entry: t.id, message: "empty cue '\(raw)'") }
                return EventCue(phrase: trimmed, direction: direction, clauseOnly: clauseOnly)
            }
            entries.append(EventTypeEntry(
                id: t.id, mapsTo: t.mapsTo, actor: t.actor, suppresses: t.suppresses ?? [], follows: t.follows, cues: cues))
        }
        return entries
    }
}
