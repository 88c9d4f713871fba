import Testing
@testable import FrontlineExtraction

@Suite struct DateResolutionTests {
    /// The date of the first report of a one-sentence capture story.
    func date(_ sentence: String, published: String?) -> (String?, String?) {
        let r = ExtractorFixture.extract(sentence, published: published).reports.first { $0.type == "capture" }
        return (r?.date, r?.dateText)
    }

    @Test func civilDateArithmetic() throws {
        let d = try #require(CivilDate("2021-08-15"))
        #expect(d.weekday == 0)  // a Sunday
        #expect(d.adding(days: -15).text == "2021-07-31")
        #expect(CivilDate("2021-02-29") == nil)
        #expect(CivilDate("2020-02-29") != nil)
        #expect(CivilDate(dayNumber: d.dayNumber) == d)
        #expect(DateResolver.mostRecent(weekday: 6, onOrBefore: d).text == "2021-08-14")
        #expect(DateResolver.mostRecent(weekday: 0, onOrBefore: d).text == "2021-08-15")
    }

    @Test func weekdaysResolveToTheMostRecentOnOrBeforePublication() {
        #expect(date("The Taliban captured Kunduz on Sunday.", published: "2021-08-10").0 == "2021-08-08")
        #expect(date("The Taliban captured Zaranj on Friday.", published: "2021-08-06").0 == "2021-08-06")
        let late = date("Mazar-i-Sharif was captured by the Taliban late Saturday.", published: "2021-08-15")
        #expect(late.0 == "2021-08-14")
        #expect(late.1 == "late Saturday")
    }

    @Test func relativeDays() {
        #expect(date("The Taliban captured Faizabad overnight.", published: "2021-08-11").0 == "2021-08-11")
        #expect(date("The Taliban captured Ghazni yesterday.", published: "2021-08-13").0 == "2021-08-12")
        #expect(date("The Taliban captured Herat today.", published: "2021-08-12").0 == "2021-08-12")
        let result = ExtractorFixture.extract("Herat fell on Thursday. Earlier in the day, the Taliban captured Ghazni.",
                                              published: "2021-08-13")
        #expect(result.reports.first { $0.city == "ghazni" }?.date == "2021-08-12")
    }

    @Test func explicitDates() {
        #expect(date("The Taliban captured Ghazni on August 12, 2021.", published: nil).0 == "2021-08-12")
        #expect(date("The Taliban captured Pul-e-Alam on Aug. 13.", published: "2021-08-14").0 == "2021-08-13")
        #expect(date("The Taliban captured Pul-e-Alam on Aug 13.", published: "2021-08-14").0 == "2021-08-13")
        #expect(date("The Taliban captured Ghazni on 12 August 2021.", published: nil).0 == "2021-08-12")
    }

    @Test func unresolvableIsNullNeverAGuess() {
        #expect(date("The Taliban captured Kunduz on Sunday.", published: nil).0 == nil)
        #expect(date("The Taliban captured Kunduz last month.", published: "2021-08-10").0 == nil)
        #expect(date("The Taliban captured Ghazni on Aug 12.", published: nil).0 == nil)
        // A bound is not the event's date.
        #expect(date("The Taliban have captured Kunduz since Friday.", published: "2021-08-10").0 == nil)
    }

    @Test func markerGivesThePublicationDateAndTheCallerWins() {
        let marked = ExtractorFixture.extract(" date 2021-08-11 The Taliban captured Faizabad on Tuesday.")
        #expect(marked.published == "2021-08-11")
        #expect(marked.text.hasPrefix("The Taliban"))
        #expect(marked.reports.first?.date == "2021-08-10")
        let caller = ExtractorFixture.extract(" date 2021-08-11 The Taliban captured Faizabad on Tuesday.", published: "2021-08-20")
        #expect(caller.published == "2021-08-20")
        #expect(caller.reports.first?.date == "2021-08-17")
    }
}
