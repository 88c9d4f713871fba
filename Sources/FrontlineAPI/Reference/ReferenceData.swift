import Foundation
import FrontlineExtraction
import FrontlineStorage

/// Reads the extraction configuration from `Config/` (gazetteer and lexicons) and copies the
/// gazetteer, actors and outlets into storage's reference tables, so that filters, foreign keys
/// and `/api/sources` names agree with what the extractor produces.
public enum ReferenceData {
    /// Why the configuration could not be read.
    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Parses `directory/gazetteer/afghanistan.json` and every `directory/lexicon/*.json`.
    public static func loadConfiguration(directory: String) throws -> ExtractionConfiguration {
        let gazetteerPath = directory + "/gazetteer/afghanistan.json"
        guard let gazetteer = FileManager.default.contents(atPath: gazetteerPath) else {
            throw LoadError(description: "cannot read \(gazetteerPath)")
        }
        let lexiconDirectory = directory + "/lexicon"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: lexiconDirectory)) ?? []
        var lexicons: [String: Data] = [:]
        for name in names where name.hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: lexiconDirectory + "/" + name) else {
                throw LoadError(description: "cannot read \(lexiconDirectory)/\(name)")
            }
            lexicons[name] = data
        }
        do {
            return try ExtractionConfiguration(gazetteer: gazetteer, lexicons: lexicons)
        } catch {
            throw LoadError(description: "configuration in \(directory): \(error)")
        }
    }

    /// Upserts places, actors and sources in one write transaction.
    public static func store(_ configuration: ExtractionConfiguration, in database: Database) throws {
        let gazetteer = configuration.gazetteer
        let capitals = Set(gazetteer.provinces.map(\.capitalID))
        var places = gazetteer.provinces.map {
            PlaceRecord(id: $0.id, kind: .province, name: $0.name, aliases: $0.aliases, isoCode: $0.isoCode)
        }
        // Every gazetteer place is a storage city: reports name towns and districts in `city` too.
        places += gazetteer.places.map {
            PlaceRecord(id: $0.id, kind: .city, name: $0.name, aliases: $0.aliases, provinceID: $0.provinceID,
                        isCapital: $0.isCapital || capitals.contains($0.id), lat: $0.lat, lon: $0.lon)
        }
        let actors = configuration.actors.map { ActorRecord(id: $0.id, name: $0.name, kind: $0.kind, aliases: $0.aliases) }
        let sources = configuration.outlets.map {
            SourceRecord(id: $0.id, name: $0.name, kind: $0.kind, domain: $0.domain, aliases: $0.aliases)
        }
        try database.write { db in
            try db.upsertPlaces(places)
            try db.upsertActors(actors)
            try db.upsertSources(sources)
        }
    }

    /// Spelling variants of places and actors for full-text queries ("Mazar-e-Sharif" finds "Mazar-i-Sharif").
    static func searchExpansion(_ configuration: ExtractionConfiguration) -> SearchExpansion {
        var aliases: [String: [String]] = [:]
        for province in configuration.gazetteer.provinces where !province.aliases.isEmpty {
            aliases[province.name, default: []] += province.aliases
        }
        for place in configuration.gazetteer.places where !place.aliases.isEmpty {
            aliases[place.name, default: []] += place.aliases
        }
        return SearchExpansion(aliases: aliases)
    }
}
