import Foundation
import Testing
@testable import FrontlineExtraction

/// Whatever the input, the extractor returns, and every offset points into its own text at the
/// sentence it quotes.
@Suite struct PropertyTests {
    /// A small deterministic generator (tests must not depend on the clock or a global seed).
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    static func checkOffsets(_ result: ExtractionResult) {
        let scalars = Array(result.text.unicodeScalars)
        var evidences = result.reports.map(\.evidence) + result.tallies.map(\.evidence) + result.quotes.map(\.evidence)
        evidences.append(contentsOf: [])
        for e in evidences {
            #expect(e.start >= 0 && e.start <= e.end && e.end <= scalars.count, "offsets \(e.start)..<\(e.end) of \(scalars.count)")
            guard e.start >= 0, e.start <= e.end, e.end <= scalars.count else { continue }
            var slice = ""
            slice.unicodeScalars.append(contentsOf: scalars[e.start..<e.end])
            #expect(slice == e.sentence)
        }
        for r in result.reports {
            #expect(["reported", "claimed", "denied", "expected"].contains(r.status))
            if let d = r.date { #expect(CivilDate(d) != nil, "bad date \(d)") }
        }
    }

    @Test func emptyAndBlankInput() {
        for text in ["", " ", "\n\n\n", "\t", " date 2021-08-11 ", ".", "\"", "((((", "...", "\u{FEFF}"] {
            let result = ExtractorFixture.extract(text)
            #expect(result.reports.isEmpty)
            Self.checkOffsets(result)
        }
    }

    @Test func randomWordSoupFromTheLexicons() {
        // Words the rules react to, shuffled: the worst case for the clause and list logic.
        let words = ["Taliban", "captured", "Kunduz", ",", "and", "Herat", "the", "city", "of", "fell", "on", "Saturday", "\"",
                     "said", "according", "to", "province", "capital", "(", ")", "[", "]", ":", ";", "--", "Mazar-i-Sharif",
                     "would", "denied", "claimed", "at", "least", "20", "killed", "Aug.", "14", "U.S.", "These", "were",
                     "the", "ninth", "of", "34", "provincial", "capitals", "'s", ".", "!", "?", "\n", "Balkh", "Gen."]
        var g = Generator(state: 42)
        for _ in 0..<200 {
            let text = (0..<g.int(120)).map { _ in words[g.int(words.count)] }.joined(separator: g.int(3) == 0 ? "" : " ")
            let result = ExtractorFixture.extract(text, published: g.int(2) == 0 ? "2021-08-15" : nil)
            Self.checkOffsets(result)
            let again = ExtractorFixture.extract(text, published: result.published)
            #expect(again == result, "not deterministic")
        }
    }

    @Test func binaryLookingInput() {
        var g = Generator(state: 7)
        for _ in 0..<100 {
            let bytes = (0..<g.int(4000)).map { _ in UInt8(truncatingIfNeeded: g.next()) }
            let text = String(decoding: bytes, as: UTF8.self)
            Self.checkOffsets(ExtractorFixture.extract(text, published: "2021-08-11"))
        }
        Self.checkOffsets(ExtractorFixture.extract(String(repeating: "\u{0}\u{1}\u{7F}\u{FFFD}", count: 5000)))
    }

    @Test func nonEnglishInput() {
        let texts = [
            "طالبان د کندز ښار ونیو. د ولایت والي وویل چې جګړه پای ته ورسېده.",
            "طالبان شهر مزار شریف را تصرف کردند، مقام‌های محلی گفتند.",
            "Талибы захватили Кундуз в воскресенье, сообщили местные власти.",
            "塔利班周日占领了昆都士市。",
            "Les talibans ont pris Kunduz dimanche, selon des responsables locaux.",
            "Taliban 🏳️ Kunduz 💥 captured?! 👍🏽 \u{202E}reversed\u{202C} e\u{301}\u{301}\u{301}",
        ]
        for text in texts {
            let result = ExtractorFixture.extract(text, published: "2021-08-09")
            Self.checkOffsets(result)
        }
        // Diacritics fold: "Kundúz" is Kunduz.
        let folded = ExtractorFixture.extract("The Taliban captured Kundúz on Sunday.", published: "2021-08-09")
        #expect(folded.reports.contains { $0.type == "capture" && $0.city == "kunduz" && $0.date == "2021-08-08" })
    }

    @Test func hugeInputStaysLinearAndCorrect() {
        // About 2 MB of news-like paragraphs (own sentences), one capture per paragraph; the 10 MB case
        // runs in `frontline bench extract --huge` (a debug build needs about 50 s for it).
        let paragraph = """
            The Taliban captured Ghazni on Thursday after a week of heavy fighting, officials said. \
            Residents told reporters that the governor had left the city in a convoy. \
            "We could not hold the line any longer," a police commander said by telephone. \
            Government forces are battling the insurgents in Lashkar Gah and Kandahar, the ministry said.\n
            """
        let count = 2_000_000 / paragraph.utf8.count + 1
        let text = String(repeating: paragraph, count: count)
        let clock = ContinuousClock()
        var result: ExtractionResult?
        let elapsed = clock.measure { result = ExtractorFixture.extract(text, published: "2021-08-13") }
        guard let result else { return }
        #expect(result.text.utf8.count >= 2_000_000)
        #expect(result.reports.contains { $0.type == "capture" && $0.city == "ghazni" && $0.date == "2021-08-12" })
        #expect(elapsed < .seconds(30), "2 MB took \(elapsed)")
        Self.checkOffsets(ExtractionResult(extractorVersion: result.extractorVersion, text: result.text,
                                           reports: Array(result.reports.prefix(50)), tallies: Array(result.tallies.prefix(50)),
                                           quotes: Array(result.quotes.prefix(50))))
    }
}
