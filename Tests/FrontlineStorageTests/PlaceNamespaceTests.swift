import Foundation
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// Provinces and cities are separate namespaces: the province `kunduz` and its capital `kunduz`
/// (and the town `balkh` in the province `balkh`) share a slug without colliding.
@Suite struct PlaceNamespaceTests {
    private func open(_ temp: TempDatabase) throws -> Database {
        let database = try Fixtures.open(temp)
        // Balkh town: a city that is not the capital of the province it shares its slug with.
        try database.write { try $0.upsertPlaces([PlaceRecord(id: "balkh", kind: .city, name: "Balkh", provinceID: "balkh")]) }
        return database
    }

    @Test func sameSlug_isOneProvinceAndOneCity() throws {
        let temp = TempDatabase()
        let database = try open(temp)
        let places = try database.read { try $0.places() }
        #expect(places.filter { $0.id == "kunduz" }.map(\.kind) == [.province, .city])
        #expect(try database.read { try $0.place(id: "kunduz") }?.kind == .province)
        let city = try #require(try database.read { try $0.place(id: "kunduz", kind: .city) })
        #expect(city.kind == .city && city.provinceID == "kunduz" && city.isCapital && city.lat == 36.73)
        #expect(try database.read { try $0.place(id: "mazar-i-sharif", kind: .province) } == nil)
        #expect(try database.read { try $0.place(id: "mazar-i-sharif") }?.kind == .city)
        let kunduz = try #require(try database.read { try $0.provinces() }.first { $0.place.id == "kunduz" })
        #expect(kunduz.place.kind == .province && kunduz.place.isoCode == "AF-KDZ")
        #expect(kunduz.capital?.id == "kunduz" && kunduz.capital?.kind == .city)
        // Balkh's capital is Mazar-i-Sharif, not the town that shares the province's slug.
        #expect(try database.read { try $0.provinces() }.first { $0.place.id == "balkh" }?.capital?.id == "mazar-i-sharif")
        #expect(try database.read { try $0.provinces() }.count == 4)
    }

    @Test func cityAndProvinceReports_areDifferentEvents() throws {
        let temp = TempDatabase()
        let database = try open(temp)
        let onCity = try database.ingest(IngestItem(
            article: Fixtures.article("City assault.", published: "2021-08-06T00:00:00Z", source: "afp"),
            reports: [NewReport(type: "assault", cityID: "kunduz", actorID: "taliban", date: "2021-08-05")]))
        let onProvince = try database.ingest(IngestItem(
            article: Fixtures.article("Province assault.", published: "2021-08-06T00:00:00Z", source: "tolo-news"),
            reports: [NewReport(type: "assault", provinceID: "kunduz", actorID: "taliban", date: "2021-08-05")]))
        #expect(onCity.eventIDs.count == 1 && onProvince.eventIDs.count == 1 && onCity.eventIDs != onProvince.eventIDs)
        let cityEvent = try #require(try database.read { try $0.event(id: onCity.eventIDs[0]) })
        // The city's province is filled in from the gazetteer.
        #expect(cityEvent.cityID == "kunduz" && cityEvent.provinceID == "kunduz")
        let provinceEvent = try #require(try database.read { try $0.event(id: onProvince.eventIDs[0]) })
        #expect(provinceEvent.cityID == nil && provinceEvent.provinceID == "kunduz")
        #expect(try database.read { try $0.eventPage(filter: EventFilter(cityID: "kunduz"), limit: 10) }.items.map(\.id)
                == [cityEvent.id])
        #expect(try database.read { try $0.eventPage(filter: EventFilter(provinceID: "kunduz"), limit: 10) }.items.count == 2)
        #expect(try database.integrityProblems() == [])
    }

    @Test func captureOfSameSlugTown_doesNotMoveProvinceControl() throws {
        let temp = TempDatabase()
        let database = try open(temp)
        _ = try database.ingest(IngestItem(
            article: Fixtures.article("Town fell.", published: "2021-08-10T00:00:00Z", source: "afp"),
            reports: [Fixtures.capture("balkh", province: "balkh", date: "2021-08-09")]))
        #expect(try database.read { try $0.controlTimeline(provinceID: "balkh") }.map(\.status) == ["government"])
        _ = try database.ingest(IngestItem(
            article: Fixtures.article("Capital fell.", published: "2021-08-09T00:00:00Z", source: "afp"),
            reports: [Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-08")]))
        #expect(try database.read { try $0.controlTimeline(provinceID: "kunduz") }.map(\.status) == ["government", "taliban"])
    }

    @Test func unknownCity_isRejectedByForeignKey() throws {
        let temp = TempDatabase()
        let database = try open(temp)
        // "kabul" is a province in the fixtures, not a city.
        #expect(throws: SQLiteError.self) {
            _ = try database.ingest(IngestItem(article: Fixtures.article("Kabul city."),
                                               reports: [NewReport(type: "assault", cityID: "kabul", actorID: "taliban")]))
        }
    }
}
