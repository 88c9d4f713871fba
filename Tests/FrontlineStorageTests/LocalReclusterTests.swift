import Testing
@testable import FrontlineStorage

/// Which events a report the fast path cannot place re-partitions (`MergeRun.neighbourhood`) and
/// where unread recaptures matter (`MergeRun.gaps`). Whether the result is right is checked by the
/// debug builds' comparison with a full re-partition in every merge test; these pin that the
/// neighbourhood stays small.
@Suite struct LocalReclusterTests {
    static func span(_ id: Int64, _ actor: String?, _ from: Int?, _ to: Int?) -> MergeRun.Span {
        MergeRun.Span(id: id, actorID: actor, from: from, to: to, undated: 0)
    }

    static func report(_ actor: String?, day: Int?, status: String = "reported") -> Clustering.Member {
        Clustering.Member(reportID: 99, actorID: actor, day: day, publishedDay: day, status: status)
    }

    // A place's captures: the Taliban's on days 10–12, 20–22 and 40; government forces' 14–30.
    static let captures = [span(1, "taliban", 10, 12), span(2, "taliban", 20, 22), span(3, "taliban", 40, 40),
                           span(4, "ansf", 14, 30), span(5, "ansf", nil, nil)]

    @Test func capture_takesItsActorsNeighboursAndTheRivalsItSplits() {
        func chosen(_ report: Clustering.Member) -> [Int64] {
            MergeRun.neighbourhood(of: report, in: Self.captures, isCapture: true, windowDays: 3)
        }
        // Between two Taliban events, inside the government's: both neighbours and the event it splits.
        #expect(chosen(Self.report("taliban", day: 16)) == [1, 2, 4])
        // The same day as a denial: it splits nothing.
        #expect(chosen(Self.report("taliban", day: 16, status: "denied")) == [1, 2])
        // Inside its actor's event: that event only (and the rival it splits).
        #expect(chosen(Self.report("taliban", day: 21)) == [2, 4])
        // After every event of its actor: the last one.
        #expect(chosen(Self.report("taliban", day: 50)) == [3])
        // The government's first dated report also takes its event of undated reports only.
        #expect(chosen(Self.report("ansf", day: 35)) == [4, 5])
        // Undated: every event of its actor.
        #expect(chosen(Self.report("taliban", day: nil)) == [1, 2, 3])
    }

    @Test func otherTypes_takeTheEventsWithinTheWindow() {
        let assaults = [Self.span(1, "taliban", 1, 2), Self.span(2, "taliban", 8, 9), Self.span(3, "taliban", 20, 25)]
        let chosen = MergeRun.neighbourhood(of: Self.report("taliban", day: 5), in: assaults, isCapture: false, windowDays: 3)
        #expect(chosen == [1, 2])
    }

    @Test func gaps_lieBetweenOneActorsStretchesOnly() {
        let chosen = [Self.span(1, "taliban", 10, 12), Self.span(2, "taliban", 20, 22), Self.span(4, "ansf", 14, 30)]
        let gaps = MergeRun.gaps(between: chosen, and: Self.report("taliban", day: 16))
        #expect(gaps.map { [$0.low, $0.high] }.sorted { $0[0] < $1[0] } == [[12, 16], [16, 20]])
        // Adjacent days leave no day strictly between.
        #expect(MergeRun.gaps(between: [Self.span(1, "taliban", 10, 12)], and: Self.report("taliban", day: 13)).isEmpty)
    }
}
