import Foundation
import Testing
import FrontlineExtraction
import FrontlineTestSupport

@Suite struct ConfigurationTests {
    static let lexiconDir = RepositoryPaths.config.appendingPathComponent("lexicon")

    func lexicons() throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.lexiconDir.path) where name.hasSuffix(".json") {
            out[name] = try Data(contentsOf: Self.lexiconDir.appendingPathComponent(name))
        }
        return out
    }

    func gazetteer() throws -> Data {
        try Data(contentsOf: RepositoryPaths.config.appendingPathComponent("gazetteer/afghanistan.json"))
    }

    @Test func realConfigurationHasAllProvincesAndCapitals() {
        let g = ExtractorFixture.configuration.gazetteer
        #expect(g.provinces.count == 34)
        #expect(Set(g.provinces.map(\.isoCode)).count == 34)
        #expect(g.provinces.allSatisfy { $0.isoCode.hasPrefix("AF-") })
        for p in g.provinces {
            let capital = g.place(p.capitalID)
            #expect(capital?.provinceID == p.id && capital?.isCapital == true, "\(p.id)")
            #expect((29.0...39.0).contains(capital?.lat ?? 0) && (60.0...75.0).contains(capital?.lon ?? 0), "\(p.id)")
        }
        // Cities and provinces are separate namespaces.
        #expect(g.province("kunduz") != nil && g.place("kunduz") != nil)
        for id in ["hayratan", "spin-boldak", "islam-qala", "torkham", "bagram", "kunduz-airport"] {
            #expect(g.place(id) != nil, "\(id)")
        }
        let actors = Set(ExtractorFixture.configuration.actors.map(\.id))
        #expect(actors.isSuperset(of: ["taliban", "afghan-forces", "afghan-government", "us-forces", "ashraf-ghani",
                                       "abdul-rashid-dostum", "atta-mohammad-noor", "zabihullah-mujahid", "joe-biden"]))
        let outlets = Set(ExtractorFixture.configuration.outlets.map(\.id))
        #expect(outlets.isSuperset(of: ["afp", "reuters", "ap", "anadolu-agency", "tolo-news", "pajhwok", "al-jazeera", "bbc",
                                        "washington-newsday"]))
        #expect(ExtractorFixture.configuration.eventTypes.contains("capture"))
        #expect(!ExtractorFixture.configuration.eventTypes.contains("recapture"))
    }

    @Test func missingLexiconFileIsNamed() throws {
        var lexicons = try lexicons()
        lexicons["events.json"] = nil
        #expect(throws: ConfigurationError(file: "events.json", message: "missing lexicon file")) {
            try ExtractionConfiguration(gazetteer: try gazetteer(), lexicons: lexicons)
        }
    }

    @Test func badEntriesAreNamed() throws {
        var lexicons = try lexicons()
        lexicons["actors.json"] = Data(#"{"actors": [{"id": "taliban", "name": "Taliban", "kind": "army", "party": true}]}"#.utf8)
        do {
            _ = try ExtractionConfiguration(gazetteer: try gazetteer(), lexicons: lexicons)
            Issue.record("accepted an unknown kind")
        } catch let error as ConfigurationError {
            #expect(error.file == "actors.json")
            #expect(error.entry == "taliban")
            #expect(error.description.contains("unknown kind"))
        }
        let badGazetteer = Data(#"{"provinces": [{"id": "balkh", "name": "Balkh", "iso_code": "BAL", "capital": "x"}], "places": []}"#.utf8)
        do {
            _ = try ExtractionConfiguration(gazetteer: badGazetteer, lexicons: try self.lexicons())
            Issue.record("accepted a bad ISO code")
        } catch let error as ConfigurationError {
            #expect(error.entry == "balkh")
            #expect(error.message.contains("ISO"))
        }
        do {
            _ = try ExtractionConfiguration(gazetteer: Data("{".utf8), lexicons: try self.lexicons())
            Issue.record("accepted broken JSON")
        } catch let error as ConfigurationError {
            #expect(error.file == "gazetteer")
        }
    }
}
