/// Pure derivation of a province's control timeline from its events (DESIGN.md §2, issue 6):
/// `government` from the baseline date, `contested` from the first assault on the province or
/// its capital (the earliest date of the assault event, not its consensus date), `taliban` (the insurgent actor) from the consensus date of the capital's
/// confirmed capture, and back to `government` if another actor recaptures it.
enum ControlDeriver {
    struct EventInput: Equatable {
        var id: Int64
        var type: String
        var date: String
        var status: String
        var actorID: String?
        /// The event is about the province itself or its capital (not another town in it).
        var isProvinceOrCapital: Bool
    }

    struct Interval: Equatable {
        var status: String
        var since: String
        var until: String?
        var eventID: Int64?
    }

    static func derive(events: [EventInput], configuration: MergeConfiguration) -> [Interval] {
        let baseline = configuration.baselineDate
        var intervals = [Interval(status: "government", since: baseline, until: nil, eventID: nil)]
        let ordered = events.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        for event in ordered where event.isProvinceOrCapital {
            let current = intervals[intervals.count - 1].status
            let next: String?
            switch (event.type, event.status) {
            case ("assault", "confirmed"), ("assault", "claimed"):
                next = current == "government" ? "contested" : nil
            case ("capture", "confirmed"):
                next = event.actorID == configuration.insurgentActorID ? "taliban" : "government"
            default:
                next = nil
            }
            guard let status = next, status != current else { continue }
            // Events dated before the baseline set the state at the baseline.
            let since = max(event.date, baseline)
            if intervals[intervals.count - 1].since == since {
                intervals[intervals.count - 1] = Interval(status: status, since: since, until: nil, eventID: event.id)
                if intervals.count > 1, intervals[intervals.count - 2].status == status {
                    intervals.removeLast()
                }
            } else {
                intervals.append(Interval(status: status, since: since, until: nil, eventID: event.id))
            }
        }
        for index in intervals.indices.dropLast() {
            intervals[index].until = intervals[index + 1].since
        }
        return intervals
    }
}
