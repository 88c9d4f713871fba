/// Turns the place matches of one sentence into mentions: capital or province, context,
/// reference or descriptor, and the lists they form.
struct PlaceResolver: Sendable {
    let lexicon: CompiledLexicon

    struct Result {
        var mentions: [PlaceMention]
        /// Indices into `mentions` (event role only) grouped into lists: "Qalat, Tarinkot and Herat".
        var chains: [[Int]]
        /// Commas that join list members or open an appositive; they do not split clauses.
        var linkedCommas: Set<Int>
    }

    func resolve(_ s: SentenceView) -> Result {
        let g = lexicon.configuration.gazetteer
        let ids = lexicon.ids
        var groups: [Range<Int>: (province: Int?, place: Int?)] = [:]
        for m in s.matches where m.tag.kind == .province || m.tag.kind == .place {
            var entry = groups[m.first..<m.end] ?? (nil, nil)
            if m.tag.kind == .province { entry.province = m.tag.index } else { entry.place = m.tag.index }
            groups[m.first..<m.end] = entry
        }
        var mentions: [PlaceMention] = []
        for (range, entry) in groups.sorted(by: { $0.key.lowerBound < $1.key.lowerBound }) {
            let followedByProvinceWord = s.match(.provinceWord, startingAt: range.upperBound) != nil
            let cityContext = s.match(.cityWord, startingAt: range.upperBound) != nil
                || s.match(.cityWord, endingAt: range.lowerBound) != nil
            if let placeIndex = entry.place, !(entry.province != nil && followedByProvinceWord) {
                let place = g.places[placeIndex]
                let settlement = place.isSettlement
                mentions.append(PlaceMention(
                    first: range.lowerBound, end: range.upperBound, provinceID: place.provinceID,
                    cityID: settlement ? place.id : nil, precision: settlement ? "city" : "district", role: .event,
                    ambiguous: entry.province != nil && !cityContext, nearCity: settlement ? nil : lexicon.siteCity[placeIndex]))
            } else if let provinceIndex = entry.province {
                mentions.append(PlaceMention(
                    first: range.lowerBound, end: range.upperBound, provinceID: g.provinces[provinceIndex].id,
                    cityID: nil, precision: "province", role: .event))
            }
        }
        // "the airport outside Kunduz city": the event is at the airport, not in the city.
        let airport = lexicon.vocabulary.id("airport")
        for i in mentions.indices where mentions[i].cityID != nil && mentions[i].first >= 2 {
            let f = mentions[i].first
            let word = lexicon.vocabulary.words[safe: s.tokens[f - 1].id]
            if (word == "outside" || word == "near") && s.tokens[f - 2].id == airport && airport != Vocabulary.unknown {
                mentions[i].nearCity = mentions[i].cityID
                mentions[i].cityID = nil
                mentions[i].precision = "district"
                mentions[i].ambiguous = false
            }
        }
        // Reference points, datelines and descriptions of people.
        for i in mentions.indices {
            if isReference(s, mentions[i]) || isDateline(s, mentions[i]) || isOutletName(s, mentions[i]) {
                mentions[i].role = .reference
            } else if isDescriptor(s, mentions[i]) {
                mentions[i].role = .descriptor
            }
        }
        // Places compared with, excluded or still held ("the biggest city after Kabul", "every capital
        // except Kabul and Jalalabad", "held on to Kabul"): the marker before a list covers the list.
        var next = 0
        while next < mentions.count {
            guard mentions[next].role != .reference, !mentions[next].held, let marker = setAsideMarker(s, before: mentions[next].first) else {
                next += 1
                continue
            }
            var run = [next]
            while let last = run.last, last + 1 < mentions.count,
                  listGap(s, mentions[last].end..<mentions[last + 1].first, contextTokens: []) != nil {
                run.append(last + 1)
            }
            // "after Kabul fell": a marker that can open a clause gives way to the place's own cue.
            let opensClause = s.match(.temporal, startingAt: marker.first) != nil
            let subject = subjectOfCue(s, after: mentions[run[run.count - 1]].end)
                || appositiveSubject(s, mentions[run[0]])
            if !(opensClause && subject) {
                // A held place is still where fighting can be ("still holds Kandahar, where fighting went on").
                let holding = marker.tag.kind == .stillHeld || marker.tag.kind == .restrictive
                for k in run {
                    if holding { mentions[k].held = true } else { mentions[k].role = .reference }
                }
            }
            next = run[run.count - 1] + 1
        }
        // Provinces: context of a city named with them, or the capital when the text says "the capital of".
        let cityProvinces = Set(mentions.filter { $0.cityID != nil && $0.role != .reference }.map(\.provinceID))
        for i in mentions.indices where mentions[i].precision == "province" && mentions[i].role != .reference {
            let m = mentions[i]
            if cityProvinces.contains(m.provinceID) {
                mentions[i].role = .context
            } else if namesCapital(s, m), let province = lexicon.province(m.provinceID) {
                mentions[i].cityID = province.capitalID
                mentions[i].precision = "city"
                mentions[i].role = .event
            }
        }
        // Lists: neighbouring event mentions with only fillers, commas and context provinces between.
        // "the capitals of Kandahar, Helmand and Zabul provinces" name the capitals.
        var chains: [[Int]] = []
        var linked = Set<Int>()
        let events = mentions.indices.filter { mentions[$0].role == .event }
        let contextTokens = Set(mentions.filter { $0.role == .context }.flatMap { Array($0.first..<$0.end) })
        var current: [Int] = []
        for idx in events {
            if let last = current.last {
                let gap = mentions[last].end..<mentions[idx].first
                if let commas = listGap(s, gap, contextTokens: contextTokens) {
                    current.append(idx)
                    linked.formUnion(commas)
                    continue
                }
                chains.append(current)
            }
            current = [idx]
        }
        if !current.isEmpty { chains.append(current) }
        for chain in chains {
            guard let head = chain.first, namesCapitals(s, before: mentions[head].first) else { continue }
            for idx in chain where mentions[idx].precision == "province" || mentions[idx].ambiguous {
                if let province = lexicon.province(mentions[idx].provinceID) {
                    mentions[idx].cityID = province.capitalID
                    mentions[idx].precision = "city"
                    mentions[idx].ambiguous = false
                }
            }
        }
        // "Farah, the capital of the province of the same name": a capital.
        for i in mentions.indices where mentions[i].ambiguous && appositiveNamesCity(s, after: mentions[i].end) {
            mentions[i].ambiguous = false
        }
        // Ambiguous names take their list's kind: "Kandahar and Helmand" are provinces.
        for chain in chains {
            let provinceOnly = chain.contains { mentions[$0].precision == "province" && !mentions[$0].ambiguous }
            let followedByProvinces = chain.last.map { s.match(.provinceWord, startingAt: mentions[$0].end) != nil
                || provincesAppositive(s, after: mentions[$0].end) } ?? false
            guard provinceOnly || followedByProvinces else { continue }
            for idx in chain where mentions[idx].ambiguous {
                mentions[idx].cityID = nil
                mentions[idx].precision = "province"
                mentions[idx].ambiguous = false
            }
        }
        // Appositives and list openers keep a comma from splitting the clause.
        for m in mentions where m.role != .reference {
            var j = m.end
            // Skip a context province ("Mazar-i-Sharif of Balkh, ...").
            while j < s.tokens.count, s.tokens[j].kind != .punct, contextTokens.contains(j) || s.tokens[j].id == ids.of
                    || s.match(.provinceWord, at: j) != nil || s.match(.cityWord, at: j) != nil {
                j += 1
            }
            if j < s.tokens.count, s.tokens[j].id == ids.comma, j + 1 < s.tokens.count,
               s.match(.appositive, startingAt: j + 1) != nil {
                linked.insert(j)
            }
        }
        for (i, t) in s.tokens.enumerated() where t.id == ids.comma && s.match(.listOpener, startingAt: i + 1) != nil {
            linked.insert(i)
        }
        // ", and Ghazni": the list goes on after an appositive.
        for (i, t) in s.tokens.enumerated() where t.id == ids.comma && i + 2 < s.tokens.count
            && (s.tokens[i + 1].id == ids.and || s.tokens[i + 1].id == ids.or)
            && mentions.contains(where: { $0.first == i + 2 && $0.role == .event }) {
            linked.insert(i)
        }
        // "the capital of Paktika, Sharana": a province and then its city.
        for m in mentions where m.role == .context && m.end + 1 < s.tokens.count && s.tokens[m.end].id == ids.comma {
            if mentions.contains(where: { $0.first == m.end + 1 && $0.role == .event && $0.provinceID == m.provinceID }) {
                linked.insert(m.end)
            }
        }
        return Result(mentions: mentions, chains: chains, linkedCommas: linked)
    }

    /// "capitals of" just before a list.
    private func namesCapitals(_ s: SentenceView, before first: Int) -> Bool {
        let ids = lexicon.ids
        var i = first - 1
        if i >= 0, s.tokens[i].id == ids.the { i -= 1 }
        guard i >= 1, s.tokens[i].id == ids.of else { return false }
        return s.tokens[i - 1].id == ids.capitals
    }

    /// ", the capital of ...", ", a city ...": the name before is the city.
    private func appositiveNamesCity(_ s: SentenceView, after end: Int) -> Bool {
        guard end + 2 < s.tokens.count, s.tokens[end].id == lexicon.ids.comma else { return false }
        for i in (end + 1)..<min(s.tokens.count, end + 4) where s.match(.cityWord, startingAt: i) != nil { return true }
        return false
    }

    /// The commas of a gap that holds only list words, or nil when the gap breaks the list.
    private func listGap(_ s: SentenceView, _ gap: Range<Int>, contextTokens: Set<Int>) -> Set<Int>? {
        var commas = Set<Int>()
        var words = 0, length = 0
        var i = gap.lowerBound
        while i < gap.upperBound {
            let t = s.tokens[i]
            defer { i += 1 }
            length += 1
            if t.id == lexicon.ids.comma {
                commas.insert(i)
                // "took Sheberghan, west of the city, as well as Kunduz": a locator between two members.
                if let close = locatorAppositive(s, after: i), close < gap.upperBound {
                    commas.insert(close)
                    i = close
                }
                continue
            }
            if contextTokens.contains(i) { continue }
            if s.match(.filler, at: i) != nil || s.match(.listOpener, at: i) != nil {
                words += 1
                continue
            }
            return nil
        }
        return words <= 6 && length <= 8 ? commas : nil
    }

    /// ", west of the city,", ", 50 km north of Kabul,": the closing comma of a locator opened at `comma`.
    private func locatorAppositive(_ s: SentenceView, after comma: Int) -> Int? {
        let ids = lexicon.ids
        var j = comma + 1
        guard s.has(.direction) else { return nil }
        if j + 1 < s.tokens.count, s.tokens[j].kind == .number, let d = s.match(.distance, startingAt: j + 1) { j = d.end }
        guard let direction = s.match(.direction, startingAt: j) else { return nil }
        j = direction.end
        if j < s.tokens.count, s.tokens[j].id == ids.of || s.tokens[j].id == ids.from { j += 1 }
        guard let place = s.match(.coreference, startingAt: j) ?? s.match(.place, startingAt: j) ?? s.match(.province, startingAt: j)
            ?? (j < s.tokens.count && s.tokens[j].id == ids.the ? s.match(.place, startingAt: j + 1) : nil) else { return nil }
        j = place.end
        return j < s.tokens.count && s.tokens[j].id == ids.comma ? j : nil
    }

    /// ", the southern Pashto-speaking provinces" after a list.
    private func provincesAppositive(_ s: SentenceView, after end: Int) -> Bool {
        guard end + 1 < s.tokens.count, s.tokens[end].id == lexicon.ids.comma, s.tokens[end + 1].id == lexicon.ids.the else {
            return false
        }
        var i = end + 1
        while i < min(s.tokens.count, end + 6) {
            if s.match(.cityWord, at: i) != nil { return false }
            if s.tokens[i].kind == .punct || s.matches.contains(where: { $0.tag.layer == 0 && $0.first == i }) { return false }
            if s.match(.provinceWord, at: i) != nil { return true }
            i += 1
        }
        return false
    }

    /// The comparison, exclusion or holding phrase right before a place ("after", "other than", "held on
    /// to"), or "only" when a government holder stands before it ("left the government in control of only Kabul").
    private func setAsideMarker(_ s: SentenceView, before first: Int) -> PhraseMatch? {
        var k = first
        if k > 0, s.tokens[k - 1].id == lexicon.ids.the { k -= 1 }
        if let m = s.match(.comparison, endingAt: k) ?? s.match(.stillHeld, endingAt: k) { return m }
        guard let only = s.match(.restrictive, endingAt: k) else { return nil }
        let holder = s.matches.contains { m in
            guard m.end <= only.first, only.first - m.end <= 10 else { return false }
            if m.tag.kind == .stillHeld { return true }
            return m.tag.kind == .actor && lexicon.actorSide[lexicon.configuration.actors[m.tag.index].id] == "government"
        }
        return holder ? only : nil
    }

    /// "Kabul fell", "Kabul's capture": the place is the subject of an event cue right after it.
    private func subjectOfCue(_ s: SentenceView, after end: Int) -> Bool {
        var j = end
        if j < s.tokens.count, s.tokens[j].id == lexicon.ids.s { j += 1 }
        return s.match(.cue, startingAt: j) != nil
    }

    /// "Zaranj, the capital of Nimroz, fell": the place's own appositive closes right before a cue.
    private func appositiveSubject(_ s: SentenceView, _ m: PlaceMention) -> Bool {
        let comma = lexicon.ids.comma
        guard m.end + 1 < s.tokens.count, s.tokens[m.end].id == comma, s.match(.appositive, startingAt: m.end + 1) != nil,
              let close = (m.end + 2..<min(s.tokens.count, m.end + 12)).first(where: { s.tokens[$0].id == comma })
        else { return false }
        return s.match(.cue, startingAt: close + 1) != nil
    }

    /// Kinds that name something of their own (layers 0 and 1): a facility word after them is theirs.
    static let namingKinds: [Tag.Kind] = [.place, .province, .actor, .outlet, .cue]

    /// A facility within a few words after a possessive: "Kandahar's central prison".
    func facility(_ s: SentenceView, from j: Int) -> PhraseMatch? {
        guard s.has(.facility) else { return nil }
        var k = j
        while k < min(s.tokens.count, j + 4) {
            if let f = s.match(.facility, startingAt: k) { return f }
            if s.tokens[k].kind == .punct || Self.namingKinds.contains(where: { s.match($0, startingAt: k) != nil }) { return nil }
            k += 1
        }
        return nil
    }

    /// "north of Kabul", "50 kilometers from Kabul".
    private func isReference(_ s: SentenceView, _ m: PlaceMention) -> Bool {
        let ids = lexicon.ids
        let f = m.first
        if f >= 2, s.tokens[f - 1].id == ids.of, s.match(.direction, endingAt: f - 1) != nil { return true }
        if f >= 3, s.tokens[f - 1].id == ids.of, s.tokens[f - 2].id == ids.the, s.match(.direction, endingAt: f - 2) != nil {
            return true
        }
        // "the road to Kabul", "links Kabul with the north".
        for r in s.matches where r.tag.kind == .referenceWord && r.end <= f && f - r.end <= 5 {
            let between = r.end..<f
            if !s.matches.contains(where: { $0.tag.kind == .cue && between.contains($0.first) }),
               !between.contains(where: { s.tokens[$0].kind == .punct }) {
                return true
            }
        }
        var i = f - 1
        var sawFrom = false
        while i >= max(0, f - 12) {
            if s.tokens[i].id == ids.from || s.tokens[i].id == ids.of { sawFrom = true }
            if s.match(.distance, at: i) != nil { return sawFrom }
            if s.matches.contains(where: { ($0.tag.kind == .place || $0.tag.kind == .province || $0.tag.kind == .cue)
                && $0.first <= i && i < $0.end }) { return false }
            i -= 1
        }
        return false
    }

    /// "Kabul Daily Tribune", "Herat Radio": a place in an outlet's name.
    private func isOutletName(_ s: SentenceView, _ m: PlaceMention) -> Bool {
        var j = m.end
        while j < min(s.tokens.count, m.end + 3), s.tokens[j].kind == .word, s.tokens[j].capitalized {
            if s.match(.mediaWord, at: j) != nil { return true }
            j += 1
        }
        return false
    }

    /// "Kabul: ..." or "KABUL (Reuters) -" opening the sentence.
    private func isDateline(_ s: SentenceView, _ m: PlaceMention) -> Bool {
        guard m.first == 0, m.end < s.tokens.count else { return false }
        let next = s.tokens[m.end].id
        return next == lexicon.ids.colon || next == lexicon.ids.openParen || next == lexicon.ids.dash
    }

    /// "a lawmaker from (the) Balkh", "resident of Kunduz", "Kunduz resident", "Mazar's strongman".
    private func isDescriptor(_ s: SentenceView, _ m: PlaceMention) -> Bool {
        let ids = lexicon.ids
        var i = m.first - 1
        if i >= 0, s.tokens[i].id == ids.the { i -= 1 }
        if i >= 1, s.tokens[i].id == ids.from || s.tokens[i].id == ids.of, s.match(.role, endingAt: i) != nil {
            return true
        }
        var j = m.end
        if j < s.tokens.count, s.tokens[j].id == ids.s {
            j += 1
            // "Kabul's grip", "Mazar's strongman": the place qualifies something else; "Faizabad's fall" is an event.
            if j < s.tokens.count, s.tokens[j].id != ids.capital, s.tokens[j].id != ids.provincial,
               s.match(.placePart, startingAt: j) == nil, facility(s, from: j) == nil,
               s.matches.first(where: { $0.first == j && $0.tag.layer <= 1 }) == nil {
                return true
            }
        }
        if s.match(.role, startingAt: j) != nil { return true }
        if j + 1 < s.tokens.count, s.tokens[j].kind == .word, s.match(.role, startingAt: j + 1) != nil,
           s.matches.first(where: { $0.first == j && $0.tag.layer <= 1 }) == nil {
            return true
        }
        return false
    }

    /// "the capital of (the southern) Paktika province", "Badakhshan's capital", "capital in Badakhshan".
    private func namesCapital(_ s: SentenceView, _ m: PlaceMention) -> Bool {
        let ids = lexicon.ids
        var i = m.first - 1
        while i >= max(0, m.first - 8) {
            let t = s.tokens[i]
            if t.id == ids.capital { return true }
            if t.kind == .punct || s.matches.contains(where: { $0.tag.layer <= 1 && $0.first <= i && i < $0.end }) {
                break
            }
            i -= 1
        }
        var j = m.end
        if j < s.tokens.count, s.tokens[j].id == ids.s { j += 1 }
        if j < s.tokens.count, s.tokens[j].id == ids.provincial { j += 1 }
        return j < s.tokens.count && s.tokens[j].id == ids.capital
    }
}
