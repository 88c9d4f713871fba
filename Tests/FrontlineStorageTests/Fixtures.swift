import CSQLite
import Foundation
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// Reference data and article builders shared by the storage tests (facts only, own wording).
enum Fixtures {
    static let places: [PlaceRecord] = [
        PlaceRecord(id: "balkh", kind: .province, name: "Balkh", isoCode: "AF-BAL"),
        PlaceRecord(id: "mazar-i-sharif", kind: .city, name: "Mazar-i-Sharif", aliases: ["Mazar-e-Sharif", "Mazari Sharif"],
                    provinceID: "balkh", isCapital: true, lat: 36.709, lon: 67.110),
        PlaceRecord(id: "kunduz", kind: .province, name: "Kunduz", isoCode: "AF-KDZ"),
        PlaceRecord(id: "kunduz", kind: .city, name: "Kunduz", provinceID: "kunduz", isCapital: true, lat: 36.73, lon: 68.86),
        PlaceRecord(id: "herat", kind: .province, name: "Herat", isoCode: "AF-HER"),
        PlaceRecord(id: "herat", kind: .city, name: "Herat", provinceID: "herat", isCapital: true, lat: 34.35, lon: 62.2),
        PlaceRecord(id: "kabul", kind: .province, name: "Kabul", isoCode: "AF-KAB"),
        PlaceRecord(id: "kholm", kind: .city, name: "Kholm", provinceID: "balkh"),
    ]

    static let actors: [ActorRecord] = [
        ActorRecord(id: "taliban", name: "Taliban", kind: "armed_group"),
        ActorRecord(id: "ansf", name: "Afghan National Security Forces", kind: "state_force"),
        ActorRecord(id: "afghan-forces", name: "Afghan forces", kind: "state_force"),
        ActorRecord(id: "ashraf-ghani", name: "Ashraf Ghani", kind: "person"),
    ]

    static let sources: [SourceRecord] = [
        SourceRecord(id: "afp", name: "Agence France-Presse", kind: "agency", domain: "afp.com", aliases: ["AFP"]),
        SourceRecord(id: "anadolu-agency", name: "Anadolu Agency", kind: "agency", domain: "aa.com.tr"),
        SourceRecord(id: "tolo-news", name: "TOLO News", kind: "broadcaster", domain: "tolonews.com"),
        SourceRecord(id: "taliban-spokesman", name: "Taliban spokesman", kind: "party"),
    ]

    /// Opens a database in `temp` with the reference data loaded.
    static func open(_ temp: TempDatabase, configuration: StorageConfiguration = StorageConfiguration(readerCount: 2))
        throws -> Database
    {
        let database = try Database(path: temp.path, configuration: configuration)
        try database.write { db in
            try db.upsertPlaces(places)
            try db.upsertActors(actors)
            try db.upsertSources(sources)
        }
        return database
    }

    /// An article whose hash is derived from its text (tests do not need the extractor's normalisation).
    static func article(_ text: String, url: String? = nil, title: String? = nil, published: String? = nil,
                        source: String? = nil, copyOf: String? = nil) -> NewArticle {
        NewArticle(url: url, title: title, text: text, publishedAt: published, sourceID: source, copyOfSourceID: copyOf,
                   contentHash: ContentHash.of(text), extractorVersion: "test-1")
    }

    static func capture(_ city: String, province: String, date: String?, status: String = "reported",
                        actor: String = "taliban") -> NewReport {
        NewReport(type: "capture", provinceID: province, cityID: city, actorID: actor, date: date,
                  datePrecision: date == nil ? "unknown" : "day", status: status,
                  evidence: Evidence(sentence: "The city was taken.", start: 0, end: 19))
    }

    /// Runs `statements` on the file at `path` through the C API, behind the storage layer's
    /// back (a file from an older binary, damage, a crash's leftovers).
    /// Opens a file that `setup` left at an older schema version, checking that every migration
    /// since ran.
    static func migrated(_ temp: TempDatabase, from setup: String,
                         sourceLocation: SourceLocation = #_sourceLocation) throws -> Database {
        execute(temp.path, setup, sourceLocation: sourceLocation)
        let database = try Database(path: temp.path)
        #expect(try database.read { try $0.schemaVersion() } == Migrations.latestVersion, sourceLocation: sourceLocation)
        return database
    }

    /// Each row of `sql` as its first `columns` columns' text, separated by spaces.
    static func rows(_ database: Database, _ sql: String, columns: Int32) throws -> [String] {
        try database.read { db in
            try db.all(sql) { row in (0..<columns).map { row.string($0) }.joined(separator: " ") }
        }
    }

    static func execute(_ path: String, _ statements: String, sourceLocation: SourceLocation = #_sourceLocation) {
        var handle: OpaquePointer?
        #expect(sqlite3_open(path, &handle) == SQLITE_OK, sourceLocation: sourceLocation)
        #expect(sqlite3_exec(handle, statements, nil, nil, nil) == SQLITE_OK, sourceLocation: sourceLocation)
        sqlite3_close(handle)
    }
}
