/// One report per (type, place, actor) per article: the mention that says most wins — a denial
/// over a plain report over a claim over an expectation; then a dated one; then the first.
enum ReportMerger {
    static func rank(_ status: String) -> Int {
        switch status {
        case "denied": return 4
        case "reported": return 3
        case "claimed": return 2
        default: return 1
        }
    }

    /// A facility taken in a city the article reports captured is part of that capture; otherwise
    /// it is reported at province level ("the airport", "the city's prison": not the city).
    static func settleFacilities(_ reports: [ExtractedReport]) -> [ExtractedReport] {
        guard reports.contains(where: { $0.placePrecision == "facility" }) else { return reports }
        let capturedCities = Set(reports.filter { $0.type == "capture" && $0.placePrecision == "city" }.compactMap(\.city))
        return reports.compactMap { r in
            guard r.placePrecision == "facility" else { return r }
            if let city = r.city, capturedCities.contains(city) { return nil }
            var settled = r
            settled.city = nil
            return settled
        }
    }

    static func merge(_ reports: [ExtractedReport]) -> [ExtractedReport] {
        struct Key: Hashable {
            var type: String, province: String?, city: String?, actor: String?
        }
        var order: [Key] = []
        var best: [Key: ExtractedReport] = [:]
        for r in reports {
            let key = Key(type: r.type, province: r.province, city: r.city, actor: r.actor)
            guard let current = best[key] else {
                best[key] = r
                order.append(key)
                continue
            }
            var winner = current
            let a = rank(r.status), b = rank(current.status)
            // A date the sentence itself gives beats one carried over from a lead or an earlier sentence.
            func ownDate(_ x: ExtractedReport) -> Bool { x.date != nil && x.dateText != nil }
            if a > b || (a == b && current.date == nil && r.date != nil) || (a == b && r.date != nil && ownDate(r) && !ownDate(current)) {
                winner = r
            }
            // Keep what the loser knew and the winner did not.
            for (kind, range) in (winner == r ? current : r).numbers where winner.numbers[kind] == nil {
                winner.numbers[kind] = range
            }
            if winner.attributedTo == nil { winner.attributedTo = (winner == r ? current : r).attributedTo }
            best[key] = winner
        }
        return order.compactMap { best[$0] }
    }
}
