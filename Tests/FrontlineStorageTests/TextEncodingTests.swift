import Foundation
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// The hand-written encoders ingest runs per article and per report.
@Suite struct TextEncodingTests {
    @Test func timestamps_areISO8601UTC_withZeroPadding() {
        #expect(Timestamp.string(from: Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        // 2021-08-15T09:05:07Z
        #expect(Timestamp.string(from: Date(timeIntervalSince1970: 1_629_018_307.9)) == "2021-08-15T09:05:07Z")
        #expect(Timestamp.string(from: Date(timeIntervalSince1970: 253_402_300_799)) == "9999-12-31T23:59:59Z")
    }

    /// A connection's `now()` keeps its text while the second lasts, and follows the clock to the
    /// next second, or back to an earlier one (a test clock, a clock set back).
    @Test func connectionNow_followsTheClock_secondBySecond() throws {
        final class Clock: @unchecked Sendable { var time = 1_629_018_307.2 }
        let clock = Clock()
        let temp = TempDatabase()
        let connection = try Connection(path: temp.path, readOnly: false,
                                        configuration: StorageConfiguration(clock: { Date(timeIntervalSince1970: clock.time) }))
        #expect(connection.now() == "2021-08-15T09:05:07Z")
        clock.time += 0.7
        #expect(connection.now() == "2021-08-15T09:05:07Z")
        clock.time += 0.2
        #expect(connection.now() == "2021-08-15T09:05:08Z")
        clock.time -= 3_600
        #expect(connection.now() == "2021-08-15T08:05:08Z")
    }

    /// The full event summary's distinct sorted keys, as `Set(…).sorted()` gives them.
    @Test func sortedUnique_matchesASetSorted() {
        for items in [[], ["b"], ["b", "a", "b", "c", "a", "a"], ["x", "x", "x"], ["article:10", "afp", "article:9", "afp", "bbc"]] {
            #expect(EventSummary.sortedUnique(items) == Set(items).sorted(), "\(items)")
        }
    }

    @Test func dayNumbers_readTheDatePrefix_andRejectMalformedDates() {
        #expect(Timestamp.dayNumber("2021-08-15T10:00:00Z") == Timestamp.dayNumber("2021-08-15"))
        for text in ["", "2021-08-1", "2021-8-15", "2021/08/15", "2021-13-01", "2021-08-32", "20x1-08-15", "２021-08-15"] {
            #expect(Timestamp.dayNumber(text) == nil, "\(text)")
        }
    }

    @Test func dayNumbers_roundTripThroughDates() {
        #expect(Timestamp.date(dayNumber: 0) == "1970-01-01")
        #expect(Timestamp.date(dayNumber: Timestamp.dayNumber("2021-08-15")!) == "2021-08-15")
        // Every 997th day of years 1 to 9999, the four-digit years the text format holds.
        for day in stride(from: Timestamp.dayNumber("0001-01-01")!, through: Timestamp.dayNumber("9999-12-31")!, by: 997) {
            let text = Timestamp.date(dayNumber: day)
            #expect(text.utf8.count == 10 && Timestamp.dayNumber(text) == day, "\(day) -> \(text)")
        }
    }

    @Test(arguments: [[], ["afp"], ["afp", "bbc", "tolo-news"], ["a,b", "c\"d", "e\\f", "g\",\"h", "", "x"], ["ü", "ş"]])
    func lists_roundTrip(_ list: [String]) {
        #expect(JSONList.decode(JSONList.encode(list)) == list)
    }

    /// `contains` searches the text for the quoted item; it must answer as a decode would.
    @Test(arguments: [[], ["afp"], ["afp-2", "bafp"], ["afp", "bbc", "tolo-news"], ["a,b", "c\"d", "afp\\"], ["", "x"]])
    func listMembership_isWhatTheDecodedListHolds(_ list: [String]) {
        let text = JSONList.encode(list)
        for item in ["afp", "bbc", "tolo", "a", "a,b", "c\"d", "afp\\", "", "x", "\",\"", ","] {
            #expect(JSONList.contains(text, item) == list.contains(item), "\(item) in \(text)")
        }
    }

    /// The quoted form of "," appears between any two items; lists written with spaces still match.
    @Test func listMembership_readsItemsNotSeparators() {
        #expect(!JSONList.contains(#"["a","b"]"#, ","))
        #expect(!JSONList.contains(#"["",""]"#, ","))
        #expect(JSONList.contains(#"["",""]"#, ""))
        #expect(JSONList.contains(#"[ "afp" , "bbc" ]"#, "bbc") && JSONList.contains(#"[ "afp" , "bbc" ]"#, "afp"))
        #expect(!JSONList.contains(#"["x,",",y"]"#, ","))
        #expect(JSONList.contains(#"["x,",",y"]"#, ",y"))
    }

    /// Splicing one item into a sorted list gives what decoding, appending, sorting and encoding
    /// give; lists or items it cannot read byte-wise are left to that path (nil).
    @Test func insertingIntoASortedList_matchesDecodeSortEncode() {
        var random = SystemRandomNumberGenerator()
        let alphabet = Array("ab-,: 9Z")
        func slug() -> String { String((0..<Int.random(in: 0...4, using: &random)).map { _ in alphabet.randomElement(using: &random)! }) }
        for _ in 0..<2_000 {
            let list = Array(Set((0..<Int.random(in: 0...6, using: &random)).map { _ in slug() })).sorted()
            let item = slug()
            guard !list.contains(item) else { continue }
            let spliced = JSONList.inserting(item, intoSorted: JSONList.encode(list))
            #expect(spliced == JSONList.encode((list + [item]).sorted()), "\(item) into \(list)")
        }
        #expect(JSONList.inserting("b", intoSorted: "[]") == #"["b"]"#)
        #expect(JSONList.inserting("", intoSorted: #"["a"]"#) == #"["","a"]"#)
        #expect(JSONList.inserting("c", intoSorted: #"["a","b"]"#) == #"["a","b","c"]"#)
        #expect(JSONList.inserting("ü", intoSorted: #"["a"]"#) == nil)
        #expect(JSONList.inserting("b", intoSorted: #"["ü"]"#) == nil)
        #expect(JSONList.inserting("b", intoSorted: #"["a\"c"]"#) == nil)
        #expect(JSONList.inserting("b\"", intoSorted: #"["a"]"#) == nil)
        #expect(JSONList.inserting("b", intoSorted: #"[ "a" , "c" ]"#) == nil)
        #expect(JSONList.inserting("b", intoSorted: #"["a","c"#) == nil)
    }

    @Test func unescapedLists_splitOnlyBetweenItems() {
        #expect(JSONList.decode(#"["a","b","c"]"#) == ["a", "b", "c"])
        #expect(JSONList.decode(#"["a, b","c"]"#) == ["a, b", "c"])
        #expect(JSONList.decode(#"[""]"#) == [""])
        #expect(JSONList.decode("[]") == [])
    }

    @Test func snippets_areEscaped_andMarked() {
        #expect(SearchQuery.htmlSnippet("a<b> & \u{2}Kābul\u{3} 'q' \"z\" …")
                == "a&lt;b&gt; &amp; <mark>Kābul</mark> &#39;q&#39; &quot;z&quot; …")
    }
}
