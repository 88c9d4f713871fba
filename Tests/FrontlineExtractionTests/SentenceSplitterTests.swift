import Testing
@testable import FrontlineExtraction

@Suite struct SentenceSplitterTests {
    func sentences(_ text: String) -> [String] {
        let scalars = Normalizer().normalize(text).scalars
        return SentenceSplitter().split(scalars).map { ScalarText.string(scalars[$0]) }
    }

    @Test func abbreviationsDoNotEndSentences() {
        let parts = sentences("U.S. forces left on Aug. 14 and Gen. Miller spoke. The Taliban entered the city.")
        #expect(parts == ["U.S. forces left on Aug. 14 and Gen. Miller spoke.", "The Taliban entered the city."])
    }

    @Test func quotedSentencesStayWithTheirSpeaker() {
        let parts = sentences("\"We took the city. The governor fled,\" a spokesman said. Officials denied it.")
        #expect(parts == ["\"We took the city. The governor fled,\" a spokesman said.", "Officials denied it."])
    }

    @Test func closingQuoteAfterTheStopBelongsToTheSentence() {
        let parts = sentences("He said: \"It is over.\" Then he left.")
        #expect(parts == ["He said: \"It is over.\"", "Then he left."])
    }

    @Test func bracketsAndLineBreaks() {
        let parts = sentences("[Fighters stand guard. AP Photo]\nHeadline without a stop\nA sentence (with a note. inside) ends here.")
        #expect(parts == ["[Fighters stand guard. AP Photo]", "Headline without a stop", "A sentence (with a note. inside) ends here."])
    }

    @Test func lowercaseAfterAStopIsNoBoundary() {
        #expect(sentences("The figure was 3.5 percent. it rose.") == ["The figure was 3.5 percent. it rose."])
    }

    @Test func runawayQuoteStopsProtectingEventually() {
        let long = String(repeating: "word ", count: 200)
        let parts = sentences("\"" + long + "end. Next sentence here.")
        #expect(parts.count == 2)
    }
}
