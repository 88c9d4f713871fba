/// A date expression of a sentence, resolved against the publication date where it can be.
struct DateMention: Sendable, Hashable {
    var first: Int
    var end: Int
    var text: String
    var date: CivilDate?
    /// `day`, `weekend` (the date is its Saturday) or `week`.
    var precision: String
    /// "since Friday", "by August 31": a bound, not when the event happened.
    var blocked: Bool
    /// Resolved against the story's running date ("earlier in the day").
    var usesNarrativeDate: Bool = false
}

/// Finds and resolves dates: weekday names go to the most recent such day on or before
/// publication; "overnight" and "yesterday" to the day before; explicit dates as written.
/// Without a publication date only explicit dates with a year resolve; nothing is guessed.
struct DateResolver: Sendable {
    let lexicon: CompiledLexicon

    func dates(in s: SentenceView, scalars: [Unicode.Scalar], published: CivilDate?, narrative: CivilDate?) -> [DateMention] {
        let ids = lexicon.ids
        let t = s.tokens
        var found: [DateMention] = []
        var covered = Set<Int>()
        func add(_ first: Int, _ end: Int, _ date: CivilDate?, precision: String = "day", narrativeDate: Bool = false) {
            var a = first
            if a > 0, t[a - 1].id == ids.late || t[a - 1].id == ids.early { a -= 1 }
            var blocked = false
            var k = a - 1
            if k >= 0, t[k].id == ids.on || t[k].id == ids.in { k -= 1 }
            if k >= 0, s.match(.dateBlocker, endingAt: k + 1) != nil { blocked = true }
            // A dateline ("KABUL, Aug 6 (Reuters) -") dates the story, not an event.
            if s.index == 0, end < t.count, a <= 3, t[end].id == ids.openParen || t[end].id == ids.dash { blocked = true }
            found.append(DateMention(first: a, end: end, text: s.text(scalars, a..<end), date: date,
                                     precision: precision, blocked: blocked, usesNarrativeDate: narrativeDate))
            for i in a..<end { covered.insert(i) }
        }
        func dayGiven() -> CivilDate? {
            found.last(where: { !$0.blocked && $0.precision == "day" && !$0.usesNarrativeDate })?.date
        }
        for m in s.matches {
            if covered.contains(m.first) { continue }
            switch m.tag.kind {
            case .month:
                // "May" is a date only with a day beside it and a capital letter.
                if m.tag.index == 5, !t[m.first].capitalized { continue }
                var j = m.end
                if j < t.count, t[j].id == ids.period { j += 1 }
                if j < t.count, t[j].kind == .number, (1...31).contains(t[j].value) {
                    let day = t[j].value
                    var end = j + 1
                    var year = published?.year
                    if end + 1 < t.count, t[end].id == ids.comma, t[end + 1].kind == .number, (1900...2100).contains(t[end + 1].value) {
                        year = t[end + 1].value
                        end += 2
                    } else if end < t.count, t[end].kind == .number, (1900...2100).contains(t[end].value) {
                        year = t[end].value
                        end += 1
                    }
                    add(m.first, end, year.flatMap { CivilDate(year: $0, month: m.tag.index, day: day) })
                } else if m.first > 0, t[m.first - 1].kind == .number, (1...31).contains(t[m.first - 1].value) {
                    let day = t[m.first - 1].value
                    var end = m.end
                    var year = published?.year
                    if end < t.count, t[end].kind == .number, (1900...2100).contains(t[end].value) {
                        year = t[end].value
                        end += 1
                    }
                    add(m.first - 1, end, year.flatMap { CivilDate(year: $0, month: m.tag.index, day: day) })
                }
            case .weekday:
                var end = m.end
                if end < t.count, [ids.night, ids.morning, ids.evening, ids.afternoon].contains(t[end].id) { end += 1 }
                var first = m.first
                var date = published.map { Self.mostRecent(weekday: m.tag.index, onOrBefore: $0) }
                if first > 0, t[first - 1].id == ids.last {
                    // "last Saturday" on a Saturday is a week ago.
                    first -= 1
                    if let d = date, let p = published, d == p { date = d.adding(days: -7) }
                }
                add(first, end, date)
            case .relativeDay:
                guard let kind = RelativeDay(rawValue: m.tag.index) else { continue }
                switch kind {
                case .today: add(m.first, m.end, published)
                // "Overnight" in a story is the night that ends on its publication day.
                case .overnight: add(m.first, m.end, published)
                case .yesterday: add(m.first, m.end, published?.adding(days: -1))
                // "On August 15 ... took Kabul the same day": the day this sentence already gave, else the story's.
                case .sameDay: add(m.first, m.end, dayGiven() ?? narrative ?? published, narrativeDate: true)
                case .previousDay: add(m.first, m.end, (dayGiven() ?? narrative ?? published)?.adding(days: -1), narrativeDate: true)
                case .lastWeek: add(m.first, m.end, published?.adding(days: -7), precision: "week")
                // "Over the weekend": two days, given as their Saturday; "last weekend" on a weekend is the one before.
                case .weekend, .lastWeekend:
                    var saturday = published.map { Self.mostRecent(weekday: 6, onOrBefore: $0) }
                    if kind == .lastWeekend, let p = published, p.dayNumber - (saturday?.dayNumber ?? 0) <= 1 {
                        saturday = saturday?.adding(days: -7)
                    }
                    add(m.first, m.end, saturday, precision: "weekend")
                }
            default:
                continue
            }
        }
        return found.sorted { $0.first < $1.first }
    }

    /// The most recent `weekday` (0 = Sunday) on or before `date`.
    static func mostRecent(weekday: Int, onOrBefore date: CivilDate) -> CivilDate {
        let back = (date.weekday - weekday + 7) % 7
        return date.adding(days: -back)
    }
}
