import Foundation
import Testing
@testable import FrontlineStorage

/// The hand-written encoders ingest runs per article and per report.
@Suite struct TextEncodingTests {
    @Test func timestamps_areISO8601UTC_withZeroPadding() {
        #expect(Timestamp.string(from: Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        // 2021-08-15T09:05:07Z
        #expect(Timestamp.string(from: Date(timeIntervalSince1970: 1_629_018_307.9)) == "2021-08-15T09:05:07Z")
        #expect(Timestamp.string(from: Date(timeIntervalSince1970: 253_402_300_799)) == "9999-12-31T23:59:59Z")
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
