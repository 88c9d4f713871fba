import Testing
@testable import FrontlineExtraction

/// Where troops went and where people died: the story's city, the place whose airport was named,
/// and not a destination that only ends someone's retreat.
@Suite struct DeploymentAndCasualtyPlaceTests {
    func reports(_ text: String, published: String = "2021-07-08") -> [ExtractedReport] {
        ExtractorFixture.extract(text, published: published).reports
    }

    func keys(_ type: String, _ text: String, published: String = "2021-07-08") -> Set<String> {
        Set(reports(text, published: published).filter { $0.type == type }.map { "\($0.province ?? "-")/\($0.city ?? "-")" })
    }

    @Test func troopsFlownInArriveInTheCityInFocus() {
        let text = "The Taliban stormed into Qala-i-Naw on Wednesday. Commandos flown in from Herat fought them through the night."
        #expect(keys("deployment", text) == ["badghis/qala-e-naw"])
    }

    @Test func plansAndBystandersSendNoOneToTheCityInFocus() {
        let text = """
            The Taliban seized Pul-e-Alam on Friday. The advance has pushed the administration to speed up plans to \
            evacuate its diplomats.
            """
        #expect(keys("deployment", text, published: "2021-08-14").isEmpty)
    }

    @Test func aConditionIsNoDeployment() {
        let text = "The Taliban were pressing in on Kandahar on Thursday. A council member said the city could fall unless reinforcements arrived."
        #expect(keys("deployment", text, published: "2021-08-12").isEmpty)
    }

    @Test func aFlightThatEndsARetreatIsPartOfTheWithdrawal() {
        let text = "The Taliban took Kandahar overnight. Government troops retreated to the airport outside the city, from where some were flown out to Kabul."
        let all = reports(text, published: "2021-08-13")
        #expect(!all.contains { $0.type == "deployment" })
        #expect(all.contains { $0.type == "withdrawal" && $0.city == "kandahar" })
        // Someone else sent on is a deployment of its own.
        let sent = "Afghan forces retreated from Kunduz on Sunday, while commandos were sent to Mazar-i-Sharif."
        #expect(keys("deployment", sent, published: "2021-08-08") == ["balkh/mazar-i-sharif"])
    }

    @Test func theAirportIsThePlaceWhoseAirportWasNamed() {
        let text = """
            The evacuation at Kabul's airport began on Saturday, hours after Mazar-i-Sharif fell. \
            On Monday, at least seven people died at the airport as crowds surged onto the tarmac.
            """
        #expect(keys("casualties", text, published: "2021-08-18") == ["kabul/kabul"])
    }

    @Test func aTollInTheEventJustToldIsPlacedAndDatedThere() {
        let text = """
            Crowds broke into the US embassy compound in Kabul on Monday. \
            At least five people were killed in the chaos, witnesses said.
            """
        let toll = reports(text, published: "2021-08-16").first { $0.type == "casualties" }
        #expect(toll?.city == "kabul")
        #expect(toll?.date == "2021-08-16")
        // A time span is no event: a nationwide toll stays nationwide.
        let span = "Fighting raged in Kandahar on Monday. The ministry said 265 insurgents were killed in the past 24 hours."
        #expect(reports(span, published: "2021-08-09").first { $0.type == "casualties" }?.province == nil)
    }
}
