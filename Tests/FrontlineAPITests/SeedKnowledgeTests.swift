import Foundation
import FrontlineTestSupport
import Testing

/// Issue 6 on the five shared seeds, through the API: one merged, disputed Mazar-i-Sharif
/// capture; Balkh and Kunduz control over time; ingest order does not matter; delete undoes.
@Suite(.enabled(if: RepositoryPaths.seeds != nil, "needs ../shared/seeds")) struct SeedKnowledgeTests {
    static func load(_ seeds: [[String: Any]], function: String = #function) throws -> LiveAPI {
        let api = try LiveAPI(function: function)
        for seed in seeds {
            let response = try api.postJSON(seed)
            #expect(response.status == 201, "\(response.text)")
        }
        return api
    }

    static func status(_ api: LiveAPI, _ province: String, at date: String) throws -> [String: Any] {
        let page = try api.object("/api/provinces?at=\(date)")
        let provinces = page["data"] as? [[String: Any]] ?? []
        return try #require(provinces.first { $0["id"] as? String == province })
    }

    @Test func mazarCapture_isOneDisputedEventDated14August() throws {
        let api = try Self.load(try LiveAPI.seedSubmissions())
        let captures = try api.all("/api/events?type=capture&city=mazar-i-sharif", limit: 50)
        #expect(captures.count == 1, "capture events for Mazar-i-Sharif: \(captures.map { ($0["id"] ?? "", $0["date"] ?? "") })")
        let event = try #require(captures.first)
        #expect(event["date"] as? String == "2021-08-14")
        #expect(event["actor"] as? String == "taliban")
        #expect(event["province"] as? String == "balkh")
        #expect(event["disputed"] as? Bool == true)
        let dispute = try #require(event["dispute"] as? [String: Any], "no dispute object")
        #expect(dispute["reason"] as? String == "dates_disagree")
        let sides = try #require(dispute["sides"] as? [[String: Any]])
        #expect(sides.count >= 2)
        let dates = Set(sides.compactMap { $0["date"] as? String })
        #expect(dates.contains("2021-08-14"))
        #expect(dates.contains("2021-08-10"))
        for side in sides { #expect((side["sources"] as? [String])?.isEmpty == false, "side without sources: \(side)") }
        #expect((event["source_count"] as? Int ?? 0) >= 2)
        // The seeds are ingested without a publisher, so `sources` (publisher slugs) may be empty;
        // the dispute sides name who said what (an outlet, or the article when it has none).
        #expect(event["sources"] is [String])
    }

    @Test func control_balkhAndKunduzOverTime() throws {
        let api = try Self.load(try LiveAPI.seedSubmissions())
        #expect(try Self.status(api, "balkh", at: "2021-08-15")["status"] as? String == "taliban")
        #expect(try Self.status(api, "balkh", at: "2021-08-09")["status"] as? String != "taliban")
        let kunduz = try Self.status(api, "kunduz", at: "2021-08-08")
        #expect(kunduz["status"] as? String == "taliban")
        #expect(kunduz["since"] as? String == "2021-08-08")
        #expect(try Self.status(api, "kunduz", at: "2021-08-07")["status"] as? String != "taliban")
        let detail = try api.object("/api/provinces/balkh")
        let timeline = try #require(detail["timeline"] as? [[String: Any]])
        #expect(timeline.contains { $0["status"] as? String == "taliban" && $0["since"] as? String == "2021-08-14" })
    }

    /// Events and control compared without ids and timestamps, which depend on order.
    static func knowledge(_ api: LiveAPI) throws -> (events: [String], control: [String]) {
        let events = try api.all("/api/events", limit: 500).map { event in
            ["type", "province", "city", "actor", "date", "status", "disputed", "report_count", "source_count", "sources"]
                .map { "\(event[$0] ?? "nil")" }.joined(separator: "|")
        }.sorted()
        var control: [String] = []
        for date in ["2021-08-05", "2021-08-08", "2021-08-10", "2021-08-12", "2021-08-14", "2021-08-15", "2021-08-16"] {
            let page = try api.object("/api/provinces?at=\(date)")
            for province in page["data"] as? [[String: Any]] ?? [] {
                control.append("\(date) \(province["id"] ?? "") \(province["status"] ?? "") \(province["since"] ?? "nil")")
            }
        }
        return (events, control)
    }

    @Test func shuffledIngestOrder_givesTheSameEventsAndControl() throws {
        let seeds = try LiveAPI.seedSubmissions()
        let reference = try Self.knowledge(try Self.load(seeds, function: "ordered"))
        #expect(!reference.events.isEmpty)
        var generator = SplitMix(seed: 6)
        for round in 0..<2 {
            let shuffled = round == 0 ? Array(seeds.reversed()) : seeds.shuffled(using: &generator)
            let other = try Self.knowledge(try Self.load(shuffled, function: "shuffled\(round)"))
            #expect(other.events == reference.events, "round \(round)")
            #expect(other.control == reference.control, "round \(round)")
        }
    }

    @Test func deletingSeed003_removesItsDateFromTheDispute() throws {
        let api = try Self.load(try LiveAPI.seedSubmissions())
        let before = try #require(try api.all("/api/events?type=capture&city=mazar-i-sharif").first)
        let articles = try api.all("/api/articles", limit: 500)
        let seed003 = try #require(articles.first { ($0["url"] as? String)?.contains("/003_") == true })
        #expect(try api.send("DELETE", "/api/articles/\(try #require(seed003["id"] as? Int))").status == 204)
        let after = try #require(try api.all("/api/events?type=capture&city=mazar-i-sharif").first)
        #expect((after["report_count"] as? Int ?? 0) < (before["report_count"] as? Int ?? 0))
        #expect((after["dispute"] as? [String: Any])?["reason"] as? String != "dates_disagree")
        #expect(after["date"] as? String == "2021-08-14")
    }
}

/// A seeded generator, so a failing shuffle can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
