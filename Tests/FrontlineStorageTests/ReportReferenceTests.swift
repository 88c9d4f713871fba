import CSQLite
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// Reports' place and actor columns carry no foreign key since migration 10; the writer checks
/// them (`KnownReferences`) and `frontline check` looks for unknown ones.
@Suite struct ReportReferenceTests {
    private static func report(city: String, province: String, actor: String = "taliban") -> NewReport {
        Fixtures.capture(city, province: province, date: "2021-08-08", actor: actor)
    }

    /// A report joining an event that already exists inserts no event, so no event's foreign key
    /// would catch a wrong province, city or actor: the writer's own check must.
    @Test func unknownIDs_joiningAnExistingEvent_areRefusedAndNothingIsStored() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        _ = try database.ingest(IngestItem(article: Fixtures.article("The first report."),
                                           reports: [Self.report(city: "kunduz", province: "kunduz")]))
        let before = try database.read { try $0.rowCounts() }
        for (index, report) in [Self.report(city: "kunduz", province: "nowhere"),
                                Self.report(city: "atlantis", province: "kunduz"),
                                Self.report(city: "kunduz", province: "kunduz", actor: "ghosts")].enumerated() {
            let error = #expect(throws: SQLiteError.self) {
                _ = try database.ingest(IngestItem(article: Fixtures.article("Refused report \(index)."), reports: [report]))
            }
            #expect(error?.extendedCode == KnownReferences.foreignKeyCode && error?.isConstraint == true)
        }
        #expect(try database.read { try $0.rowCounts() }.map(\.count) == before.map(\.count))
        #expect(try database.integrityProblems() == [])
    }

    /// Ids are looked up when not yet seen: a place added after a refusal is accepted, and one
    /// added in a transaction that rolled back is refused again. The reports join Kunduz's event,
    /// so only the writer's check sees their province.
    @Test func newPlaces_areAccepted_andRolledBackOnesForgotten() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        _ = try database.ingest(IngestItem(article: Fixtures.article("The first report."),
                                           reports: [Self.report(city: "kunduz", province: "kunduz")]))
        let baghlan = [PlaceRecord(id: "baghlan", kind: .province, name: "Baghlan", isoCode: "AF-BGL")]
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try database.write { db in
                try db.upsertPlaces(baghlan)
                _ = try db.ingest(IngestItem(article: Fixtures.article("Inside the rolled-back write."),
                                             reports: [Self.report(city: "kunduz", province: "baghlan")]))
                throw Abort()
            }
        }
        #expect(throws: SQLiteError.self) {
            _ = try database.ingest(IngestItem(article: Fixtures.article("Before the place exists."),
                                               reports: [Self.report(city: "kunduz", province: "baghlan")]))
        }
        try database.write { try $0.upsertPlaces(baghlan) }
        let stored = try database.ingest(IngestItem(article: Fixtures.article("After the place exists."),
                                                    reports: [Self.report(city: "kunduz", province: "baghlan")]))
        #expect(stored.reportIDs.count == 1)
    }

    /// A report naming an unknown actor, written behind the storage layer's back, is reported.
    @Test func check_findsReportsNamingUnknownIDs() throws {
        let temp = TempDatabase()
        do {
            let database = try Fixtures.open(temp)
            _ = try database.ingest(IngestItem(article: Fixtures.article("A report to damage."),
                                               reports: [Self.report(city: "kunduz", province: "kunduz")]))
            #expect(try database.integrityProblems() == [])
        }
        Fixtures.execute(temp.path, "UPDATE reports SET actor_id = 'ghosts'")
        let reopened = try Database(path: temp.path)
        #expect(try reopened.integrityProblems() == ["reports: 1 name no row of actors in actor_id"])
    }

    /// No report column has a foreign key (the article and event lost theirs in migration 12,
    /// see `ReportParentTests`); events keep theirs to places and actors.
    @Test func reportColumns_haveNoForeignKeys_eventsKeepTheirs() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let parents = try database.read { try $0.all("SELECT \"table\" FROM pragma_foreign_key_list('reports') ORDER BY 1") { $0.string(0) } }
        #expect(parents == [])
        let eventParents = try database.read { try $0.all("SELECT \"table\" FROM pragma_foreign_key_list('events') ORDER BY 1") { $0.string(0) } }
        #expect(eventParents == ["actors", "cities", "provinces"])
    }
}
