import Testing
@testable import FrontlineExtraction

/// A negation about another period denies nothing now; a date belongs to its own clause; "the
/// city" after a site is the site's city.
@Suite struct ScopeConstructionTests {
    func reports(_ text: String, published: String) -> [ExtractedReport] {
        ExtractorFixture.extract(text, published: published).reports
    }

    func capture(_ text: String, _ city: String, published: String) -> ExtractedReport? {
        reports(text, published: published).first { $0.type == "capture" && $0.city == city }
    }

    // MARK: Negations framed by another period

    @Test func aNegationAboutAnotherPeriodIsNoDenial() {
        let framed = [
            "The militants never captured Maymana during their rule in the 1990s.",
            "In 1997 the Taliban did not capture Maymana, whatever they claimed.",
            "Back then, the insurgents did not take Maymana for long.",
            "The group had not seized Maymana before 2001, an analyst said.",
            "The Taliban failed to reach the city in those days and did not capture the city at the time.",
        ]
        for sentence in framed {
            let text = "Taliban fighters captured Maymana, the capital of Faryab, on Saturday. " + sentence
            let found = reports(text, published: "2021-08-16")
            #expect(!found.contains { $0.status == "denied" }, "\(sentence): \(found.map(\.status))")
            #expect(capture(text, "maymana", published: "2021-08-16")?.date == "2021-08-14", "\(sentence)")
        }
    }

    @Test func aPlainDenialStaysADenial() {
        #expect(capture("Officials denied that Maymana had fallen.", "maymana", published: "2021-08-14")?.status == "denied")
        #expect(capture("The army said the Taliban had not captured Maymana.", "maymana", published: "2021-08-14")?.status == "denied")
        // A year of the story itself frames nothing: "on August 12, 2021 ... had not fallen" still denies.
        #expect(capture("Officials insisted on August 12, 2021 that Maymana had not fallen.", "maymana", published: "2021-08-14")?.status
            == "denied")
        // "since 2001" reaches up to now.
        #expect(capture("The Taliban have not taken Maymana since 2001, officials said.", "maymana", published: "2021-08-14")?.status
            == "denied")
    }

    // MARK: Dates of coordinated clauses

    @Test func aDateInALaterCoordinatedClauseIsThatClausesOwn() {
        let comma = "The insurgents captured Farah, and on Tuesday they moved towards Herat."
        #expect(capture(comma, "farah", published: "2021-08-12")?.date == nil)
        let semicolon = "Taliban fighters overran Qalat; on Thursday their commanders met tribal elders."
        #expect(capture(semicolon, "qalat", published: "2021-08-13")?.date == nil)
        let whileClause = "The Taliban took Farah while on Tuesday government troops regrouped near Herat."
        #expect(capture(whileClause, "farah", published: "2021-08-12")?.date == nil)
        // An appositive date with no clause of its own still dates the capture.
        #expect(capture("The Taliban took Zaranj, the capital of Nimroz, on Friday.", "zaranj", published: "2021-08-08")?.date
            == "2021-08-06")
    }

    @Test func theWeekendIsATwoDayDateGivenAsItsSaturday() {
        let text = "Over the weekend the Taliban captured Sar-e-Pol and Kunduz, and on Monday the group added Aybak."
        let found = reports(text, published: "2021-08-09")
        for city in ["sar-e-pol", "kunduz"] {
            let r = found.first { $0.type == "capture" && $0.city == city }
            #expect(r?.date == "2021-08-07", "\(city)")
            #expect(r?.datePrecision == "weekend", "\(city)")
        }
        let aybak = found.first { $0.type == "capture" && $0.city == "aybak" }
        #expect(aybak?.date == "2021-08-09")
        #expect(aybak?.datePrecision == "day")
        // Published on a Sunday, "this weekend" began the day before; "last weekend" is the one before that.
        #expect(capture("This weekend the Taliban captured Kunduz.", "kunduz", published: "2021-08-08")?.date == "2021-08-07")
        #expect(capture("Last weekend the Taliban captured Zaranj.", "zaranj", published: "2021-08-15")?.date == "2021-08-07")
    }

    @Test func addedGoesOnOnlyFromACapture() {
        let found = reports("The Taliban took Kunduz on Sunday and added Taloqan on Monday.", published: "2021-08-09")
        #expect(found.first { $0.city == "taloqan" }?.date == "2021-08-09")
        #expect(reports("The spokesman added that Taloqan was calm.", published: "2021-08-09").isEmpty)
        // "the group added Aybak" takes Aybak: the group is not a speaker making a claim.
        let added = reports("The Taliban took Kunduz on Sunday, then on Monday the group added Aybak, officials said.",
                            published: "2021-08-09")
        #expect(added.count == 2)
        #expect(added.allSatisfy { $0.status == "reported" }, "\(added.map(\.status))")
    }

    @Test func aLocatorInsideAListKeepsTheList() {
        let text = "On Sunday the insurgents captured Taloqan, east of Kunduz, as well as Sar-e-Pol."
        let cities = Set(reports(text, published: "2021-08-09").filter { $0.type == "capture" }.compactMap(\.city))
        #expect(cities == ["taloqan", "sar-e-pol"])
    }

    // MARK: "The city" after a site

    @Test func theCityAfterASiteIsTheSitesCity() {
        let since = "Troops who had been trapped at Kandahar airport since the city was lost on Friday surrendered on Sunday."
        let found = reports(since, published: "2021-08-15")
        let fall = found.first { $0.type == "capture" }
        #expect(fall?.city == "kandahar")
        #expect(fall?.placePrecision == "city")
        #expect(fall?.date == "2021-08-13")
        let surrender = found.first { $0.type == "surrender" }
        #expect(surrender?.city == nil)
        #expect(surrender?.province == "kandahar")
        #expect(surrender?.date == "2021-08-15")

        let provincial = "Soldiers held Kunduz airfield for three days after the provincial capital was overrun on Sunday."
        #expect(capture(provincial, "kunduz", published: "2021-08-11")?.date == "2021-08-08")

        let nextSentence = "Hundreds of soldiers surrendered at Kabul airport on Monday. The city had fallen a day earlier."
        #expect(capture(nextSentence, "kabul", published: "2021-08-16")?.date == "2021-08-15")
    }

    @Test func theAirportBeforeAProvinceIsNotItsCapital() {
        let text = "Soldiers at Kunduz airport surrendered on Wednesday. "
            + "The surrender at the airport ends the army's presence in Kunduz province."
        let found = reports(text, published: "2021-08-11")
        #expect(found.contains { $0.type == "surrender" && $0.province == "kunduz" })
        #expect(!found.contains { $0.city == "kunduz" }, "\(found.map { "\($0.type) \($0.city ?? "-")" })")
    }

    @Test func aSiteNamedAfterASettlementKnowsItsCity() {
        let lexicon = CompiledLexicon(configuration: ExtractorFixture.configuration)
        #expect(lexicon.place("kunduz-airport").flatMap { lexicon.placeIndex[$0.id] }.flatMap { lexicon.siteCity[$0] } == "kunduz")
        #expect(lexicon.placeIndex["kabul-airport"].flatMap { lexicon.siteCity[$0] } == "kabul")
        // A district is named after no settlement.
        #expect(lexicon.placeIndex["sangin"].flatMap { lexicon.siteCity[$0] } == nil)
    }
}
