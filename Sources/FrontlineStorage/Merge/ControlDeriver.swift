/// Pure derivation of a province's control timeline from the events of the province itself and
/// of its capital (DESIGN.md §2, issue 6): `government` from the baseline date; `contested` from
/// the first assault (its earliest report date, not its consensus date); `taliban` (the insurgent
/// actor) from the consensus date of the capital's confirmed capture; back to `government` when a
/// government actor's capture (a recapture) is confirmed. Events dated before the baseline fold
/// into the state at the baseline. Ties on a day are broken by content, never by event id, so the
/// timeline does not depend on the order articles arrived in.
enum ControlDeriver {
    struct EventInput: Equatable {
        var id: Int64
        var type: String
        /// Consensus date for captures, earliest report date for assaults.
        var date: String
        var status: String
        var actorID: String?
        var placeKey: String
    }

    struct Interval: Equatable {
        var status: String
        var since: String
        var until: String?
        var eventID: Int64?
    }

    static func derive(events: [EventInput], configuration: MergeConfiguration) -> [Interval] {
        let baseline = configuration.baselineDate
        // Same day: the assault comes before the capture it led to.
        let ordered = events.sorted {
            ($0.date, $0.type == "assault" ? 0 : 1, $0.actorID ?? "", $0.placeKey)
                < ($1.date, $1.type == "assault" ? 0 : 1, $1.actorID ?? "", $1.placeKey)
        }
        var state = Interval(status: "government", since: baseline, until: nil, eventID: nil)
        var intervals: [Interval] = []
        for event in ordered {
            guard let next = transition(from: intervals.last?.status ?? state.status, event, configuration) else { continue }
            guard event.date >= baseline else {
                // Folded into the baseline state; back to `government` is the plain baseline again.
                state = Interval(status: next, since: baseline, until: nil, eventID: next == "government" ? nil : event.id)
                continue
            }
            if intervals.isEmpty { intervals.append(state) }
            let interval = Interval(status: next, since: event.date, until: nil, eventID: event.id)
            if intervals[intervals.count - 1].since == event.date {
                intervals[intervals.count - 1] = interval
                if intervals.count > 1, intervals[intervals.count - 2].status == next { intervals.removeLast() }
            } else {
                intervals.append(interval)
            }
        }
        if intervals.isEmpty { intervals.append(state) }
        for index in intervals.indices.dropLast() {
            intervals[index].until = intervals[index + 1].since
        }
        return intervals
    }

    /// The status an event moves the province to, nil when it changes nothing.
    private static func transition(from current: String, _ event: EventInput, _ configuration: MergeConfiguration) -> String? {
        let next: String?
        switch (event.type, event.status) {
        case ("assault", "confirmed"), ("assault", "claimed"):
            next = current == "government" ? "contested" : nil
        case ("capture", "confirmed"):
            if event.actorID == configuration.insurgentActorID {
                next = "taliban"
            } else if let actor = event.actorID, configuration.governmentActorIDs.contains(actor) {
                next = "government"
            } else {
                next = nil
            }
        default:
            next = nil
        }
        return next == current ? nil : next
    }
}
