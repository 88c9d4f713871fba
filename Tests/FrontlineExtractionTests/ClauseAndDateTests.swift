import Testing
@testable import FrontlineExtraction

/// Clauses that borrow their place or date from the clause they hang on.
@Suite struct ClauseAndDateTests {
    func reports(_ text: String, published: String) -> [ExtractedReport] {
        ExtractorFixture.extract(text, published: published).reports
    }

    @Test func aParticipleClauseHappensAtItsHostsPlace() {
        let text = "The governor handed over Jalalabad to the Taliban on Sunday, surrendering the last big city in the east."
        let surrender = reports(text, published: "2021-08-15").first { $0.type == "surrender" }
        #expect(surrender?.city == "jalalabad")
        #expect(surrender?.actor != "taliban")
    }

    @Test func aLeaderLeavingIsHisSidesWithdrawal() {
        let text = "The Taliban took control of Kabul on Sunday after President Ashraf Ghani left the country."
        let withdrawal = reports(text, published: "2021-08-16").first { $0.type == "withdrawal" }
        #expect(withdrawal?.city == "kabul")
        #expect(withdrawal?.actor == "afghan-government")
        #expect(withdrawal?.date == "2021-08-15")
    }

    @Test func theSameDayIsTheDayTheSentenceGave() {
        let text = """
            Mazar-i-Sharif fell on August 14. On August 15 the Taliban captured Jalalabad, and their fighters took \
            Kabul the same day.
            """
        #expect(reports(text, published: "2021-08-20").first { $0.type == "capture" && $0.city == "kabul" }?.date == "2021-08-15")
    }

    @Test func aThreatToIsolateACityIsAnExpectedAssault() {
        let text = "US intelligence officials believe the Taliban could isolate Kabul within 30 days."
        let all = reports(text, published: "2021-08-11")
        #expect(all.contains { $0.type == "assault" && $0.city == "kabul" && $0.status == "expected" })
        #expect(!all.contains { $0.type == "capture" })
    }

    @Test func aThreatenedCaptureIsAnExpectedAssaultAndANounHypotheticalIsNothing() {
        let threat = reports("Officials fear the Taliban could take Kandahar within days.", published: "2021-08-11")
        #expect(threat.map(\.type) == ["assault"])
        #expect(threat.first?.status == "expected")
        #expect(threat.first?.date == nil)
        #expect(reports("The loss of Kandahar would be a catastrophic blow.", published: "2021-08-11").isEmpty)
    }
}
