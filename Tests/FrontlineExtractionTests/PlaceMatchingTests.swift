import Testing
@testable import FrontlineExtraction

@Suite struct PlaceMatchingTests {
    func captures(_ text: String) -> [String] {
        ExtractorFixture.extract(text, published: "2021-08-15").reports.filter { $0.type == "capture" }
            .map { "\($0.province ?? "-")/\($0.city ?? "-")" }
    }

    @Test func spellingVariantsCaseAndHyphens() {
        for variant in ["Mazar-i-Sharif", "Mazar-e-Sharif", "Mazari Sharif", "mazar i sharif", "MAZAR-E-SHARIF", "Mazar"] {
            #expect(captures("The Taliban captured \(variant) on Saturday.") == ["balkh/mazar-i-sharif"], "\(variant)")
        }
        #expect(captures("The Taliban captured Feroz Koh.") == ["ghor/chaghcharan"])
        #expect(captures("The Taliban captured Lashkargah.") == ["helmand/lashkar-gah"])
        #expect(captures("The Taliban captured Qala-e-Nau.") == ["badghis/qala-e-naw"])
    }

    @Test func wholeWordsOnly() {
        #expect(captures("The Taliban captured Heratville and Kunduzi posts.").isEmpty)
    }

    @Test func cityVersusProvinceByContext() {
        #expect(captures("The Taliban captured Kunduz on Sunday.") == ["kunduz/kunduz"])
        #expect(captures("The Taliban captured most of Kunduz province.") == ["kunduz/-"])
        #expect(captures("The Taliban captured Sharana, the capital of Paktika province.") == ["paktika/sharana"])
        #expect(captures("The Taliban captured the capital of Paktika province.") == ["paktika/sharana"])
        #expect(captures("Maymana of Faryab and Nili of Daykundi fell to the Taliban.") == ["faryab/maymana", "daykundi/nili"])
    }

    @Test func referencePointsAndDescriptionsAreNotEventPlaces() {
        #expect(captures("The Taliban captured Ghazni, 150 km south of Kabul.") == ["ghazni/ghazni"])
        #expect(captures("A lawmaker from Balkh said the Taliban captured Sheberghan.") == ["jowzjan/sheberghan"])
        #expect(captures("Kabul: The Taliban captured Jalalabad.") == ["nangarhar/jalalabad"])
    }

    @Test func threatsAndPlansAreNotCaptures() {
        #expect(captures("The Taliban have set their sights on Mazar-i-Sharif.").isEmpty)
        #expect(captures("The loss of Kandahar would be a catastrophic blow.").isEmpty)
        #expect(captures("Officials fear Herat could fall within days.").isEmpty)
        #expect(captures("The insurgents are pressing in on Kandahar.").isEmpty)
        #expect(captures("If Kandahar falls, the south is lost.").isEmpty)
        let failed = ExtractorFixture.extract("The Taliban failed to capture Lashkar Gah.", published: "2021-08-15")
        #expect(failed.reports.map(\.type) == ["assault"])
        let notFallen = ExtractorFixture.extract("Kabul has not fallen, officials insisted.", published: "2021-08-15")
        #expect(notFallen.reports.first?.status == "denied")
        #expect(ExtractorFixture.extract("The Taliban said they would never attack Kabul.", published: "2021-08-15").reports.isEmpty)
    }

    @Test func listsYieldManyReports() {
        #expect(captures("The cities overrun by the Taliban included Qalat, Tarinkot and Zaranj.")
                == ["zabul/qalat", "uruzgan/tarinkot", "nimroz/zaranj"])
    }

    @Test func statusesAndActors() {
        let claimed = ExtractorFixture.extract("A Taliban spokesman said the group had captured Gardez.", published: "2021-08-14")
        #expect(claimed.reports.first { $0.type == "capture" }?.status == "claimed")
        let denied = ExtractorFixture.extract("The Taliban claimed they had captured Gardez, but the ministry denied it.",
                                               published: "2021-08-14")
        #expect(denied.reports.first { $0.type == "capture" }?.status == "denied")
        let retaken = ExtractorFixture.extract("Afghan forces retook Qala-i-Naw on Thursday.", published: "2021-07-08")
        let r = retaken.reports.first { $0.type == "capture" }
        #expect(r?.actor == "afghan-forces")
        #expect(r?.date == "2021-07-08")
        let fell = ExtractorFixture.extract("Kunduz fell to the Taliban on Sunday.", published: "2021-08-09")
        #expect(fell.reports.first?.actor == "taliban")
    }

    @Test func numbersLowBestHigh() {
        let r = ExtractorFixture.extract("At least 40 civilians were killed in Lashkar Gah on Monday.", published: "2021-08-03")
        #expect(r.reports.first { $0.type == "casualties" }?.numbers["killed"] == NumberRange(low: 40))
        let about = ExtractorFixture.extract("About 100 Taliban fighters were killed near Kandahar, the ministry said.",
                                             published: "2021-08-03")
        #expect(about.reports.first { $0.type == "casualties" }?.numbers["killed"] == NumberRange(best: 100))
    }

    @Test func sourcesTrailersAndCopies() {
        let r = ExtractorFixture.extract("The Taliban captured Farah, officials told Reuters.\n\nSource: AFP", published: "2021-08-10")
        #expect(r.copyOf == "afp")
        #expect(Set(r.sourcesCited) == ["reuters", "afp"])
        #expect(ExtractorFixture.extractor.extract(ArticleInput(text: "x", source: "Pajhwok Afghan News")).source == "pajhwok")
        #expect(ExtractorFixture.extractor.extract(ArticleInput(text: "x", source: "Kabul Daily Tribune")).source == "kabul-daily-tribune")
    }
}
