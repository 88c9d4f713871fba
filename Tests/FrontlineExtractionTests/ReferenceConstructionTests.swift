import Testing
@testable import FrontlineExtraction

/// Places an article names only to compare, exclude, locate or say who still holds them are not
/// captured; a facility taken inside a city is not the city's capture.
@Suite struct ReferenceConstructionTests {
    func reports(_ text: String, published: String = "2021-08-13") -> [ExtractedReport] {
        ExtractorFixture.extract(text, published: published).reports
    }

    func captures(_ text: String, published: String = "2021-08-13") -> Set<String> {
        Set(reports(text, published: published).filter { $0.type == "capture" }.map { "\($0.province ?? "-")/\($0.city ?? "-")" })
    }

    @Test func rankingsAndComparisonsNameNoCapture() {
        #expect(captures("The Taliban have seized Kandahar and Herat, the two largest cities after Kabul, in a week.")
            == ["kandahar/kandahar", "herat/herat"])
        #expect(captures("Herat, the country's third-biggest city after Kabul and Kandahar, was overrun late on Thursday.")
            == ["herat/herat"])
        #expect(captures("Taliban fighters took Ghazni, a city smaller than Kandahar, on Thursday.") == ["ghazni/ghazni"])
        #expect(captures("Kandahar, second only to Kabul in size, fell to the Taliban on Friday.") == ["kandahar/kandahar"])
    }

    @Test func exclusionsNameNoCapture() {
        #expect(captures("The insurgents have captured every northern capital except Mazar-i-Sharif.").isEmpty)
        #expect(captures("By Saturday the Taliban had taken all the big cities other than Kabul and Jalalabad.").isEmpty)
        #expect(captures("Apart from Kabul, every major city has been captured by the Taliban.").isEmpty)
        let seen = "The governor handed over Aybak to avoid the destruction seen in Kunduz, and soldiers withdrew from their posts."
        #expect(!reports(seen, published: "2021-08-09").contains { $0.province == "kunduz" })
    }

    @Test func placesTheGovernmentStillHoldsAreNotCaptured() {
        #expect(captures("The advance has left the government in control of little more than Kabul.").isEmpty)
        #expect(captures("The offensive has left the government in control of only Kabul and Jalalabad.").isEmpty)
        #expect(captures("Afghan forces remain in control of Mazar-i-Sharif, officials said.").isEmpty)
        #expect(captures("The Taliban took the surrounding districts and the army held on to Kunduz.").isEmpty)
        // A Taliban holder is still a capture.
        #expect(captures("The Taliban are now in control of Kunduz, residents said.") == ["kunduz/kunduz"])
    }

    @Test func aTemporalAfterKeepsThePlacesOwnEvent() {
        #expect(captures("Jalalabad was handed over on Sunday, hours after Mazar-i-Sharif fell.")
            == ["nangarhar/jalalabad", "balkh/mazar-i-sharif"])
        #expect(captures("The capture came after Zaranj, the capital of Nimroz, fell on Friday.") == ["nimroz/zaranj"])
    }

    @Test func aFacilityTakenInACityIsNotTheCitysCapture() {
        let prison = reports("Fighting raged in Kandahar on Thursday. The Taliban said they had taken the city's central prison.")
        #expect(!prison.contains { $0.type == "capture" && $0.city == "kandahar" })
        let facility = prison.first { $0.type == "capture" }
        #expect(facility?.province == "kandahar")
        #expect(facility?.city == nil)
        #expect(facility?.placePrecision == "facility")
        #expect(facility?.status == "claimed")

        #expect(captures("Taliban fighters seized the police headquarters in Lashkar Gah on Tuesday.") == ["helmand/-"])
        #expect(captures("Taliban fighters seized Kandahar's main prison on Thursday.") == ["kandahar/-"])
    }

    @Test func aSeatOfPowerAmongTheObjectsIsTheCitysCapture() {
        #expect(captures("In Lashkar Gah, Taliban fighters seized the police headquarters and the governor's office.")
            == ["helmand/lashkar-gah"])
    }

    @Test func theCitysOwnCaptureTakesTheFacilityIn() {
        let text = "Kandahar fell to the Taliban on Friday. On Thursday the insurgents had taken the city's central prison."
        #expect(captures(text) == ["kandahar/kandahar"])
    }

    @Test func aDestinationDoesNotBecomeTheCityInFocus() {
        let text = """
            Taliban fighters entered Kandahar on Thursday. Officials who had stayed were flown to Kabul.
            The Taliban said they had taken the city's central prison.
            """
        let all = reports(text)
        #expect(!all.contains { $0.type == "capture" && $0.province == "kabul" })
        #expect(all.contains { $0.type == "capture" && $0.province == "kandahar" && $0.city == nil })
    }

    @Test func anOffsetClauseIsDatedFromItsAnchor() {
        let all = reports("Kandahar fell on Friday, a day after Taliban fighters entered Herat.")
        #expect(all.first { $0.type == "assault" && $0.city == "herat" }?.date == "2021-08-12")
        let kunduz = reports("The Taliban seized the airport outside Kunduz on Wednesday, three days after they overran Kunduz.",
                             published: "2021-08-11")
        #expect(kunduz.first { $0.type == "capture" && $0.city == "kunduz" }?.date == "2021-08-08")
        // No date in the sentence: the anchor is unknown, so is the date.
        let vague = reports("The accusations came a day after Kunduz fell.", published: "2021-08-10")
        #expect(vague.first { $0.type == "capture" }?.date == nil)
    }

    @Test func fightingThatEndedInTheFallIsPartOfTheCapture() {
        let text = "Taliban fighters captured Sheberghan on Saturday. They entered the city from three sides."
        #expect(!reports(text, published: "2021-08-07").contains { $0.type == "assault" })
        // A siege days before the fall stays: the map shows the city contested.
        let siege = "Taliban fighters attacked Sheberghan on Tuesday. Sheberghan fell to the Taliban on Saturday."
        #expect(reports(siege, published: "2021-08-07").contains { $0.type == "assault" && $0.date == "2021-08-03" })
    }

    @Test func fightingAtASiteInsideTheCityInFocusIsAnAssaultOnIt() {
        let text = """
            The Taliban said on Friday they had captured Pul-e-Alam. A council member denied it, saying clashes \
            were continuing around the governor's office on Friday afternoon.
            """
        let assault = reports(text).first { $0.type == "assault" }
        #expect(assault?.city == "pul-e-alam")
        #expect(assault?.date == "2021-08-13")
    }

    @Test func theCityBesideASiteIsWhatTheCityMeans() {
        let text = "The Taliban seized the airport outside Kunduz on Wednesday, three days after they captured the city itself."
        #expect(captures(text, published: "2021-08-11") == ["kunduz/-", "kunduz/kunduz"])
        let surrender = "The Taliban seized the airport outside Kunduz on Wednesday. Soldiers at the airport surrendered."
        #expect(reports(surrender, published: "2021-08-11").first { $0.type == "surrender" }.map { $0.city == nil } == true)
    }

    @Test func aGenericPlaceIsNoPlaceToldBefore() {
        let surrendered = """
            The Taliban took almost every provincial capital in ten days, ending with the capture of Kabul on August 15. \
            In many cities, local officials and security forces surrendered after elders negotiated with the Taliban.
            """
        #expect(!reports(surrendered, published: "2021-08-20").contains { $0.type == "surrender" && $0.province == "kabul" })
        let attack = "The insurgents are spreading fear in Kabul while their fighters attack provincial cities."
        #expect(!reports(attack).contains { $0.type == "assault" && $0.province == "kabul" })
        // Where they went is not where it happened.
        let retreat = "The Taliban took Taloqan on Sunday. Security forces pulled out towards the districts."
        #expect(reports(retreat, published: "2021-08-09").contains { $0.type == "withdrawal" && $0.city == "taloqan" })
    }

    @Test func aHeldPlaceIsNotCapturedButCanBeFoughtFor() {
        let text = "The army still holds Kandahar, where heavy fighting went on through Thursday around the central prison."
        let all = reports(text, published: "2021-08-12")
        #expect(!all.contains { $0.type == "capture" })
        #expect(all.contains { $0.type == "assault" && $0.city == "kandahar" })
    }

    @Test func anObjectTakingCueTakesNoCapitalFromAnotherClause() {
        let text = """
            In Wardak Province, Taliban fighters attacked positions on the edge of Maidan Shar, the provincial capital, \
            and took control of parts of the highway that connects Kabul with the south.
            """
        let all = reports(text, published: "2021-08-14")
        #expect(!all.contains { $0.type == "capture" })
        #expect(all.contains { $0.type == "assault" && $0.city == "maidan-shar" })
    }

    @Test func takingTheSeatOfPowerTakesTheCityItStandsIn() {
        let text = "The insurgents stormed Kunduz on Monday, freeing prisoners from the city jail and seizing government buildings."
        #expect(captures(text, published: "2015-09-29") == ["kunduz/kunduz"])
    }
}
