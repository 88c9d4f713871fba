/// A place named in a sentence, with what the sentence does with it.
struct PlaceMention: Sendable, Hashable {
    enum Role: Sendable, Hashable {
        /// A place something happens in (or could).
        case event
        /// A province that only locates a city named beside it ("Mazar-i-Sharif of Balkh").
        case context
        /// A reference point ("150 miles north of Kabul") or a dateline ("Kabul:").
        case reference
        /// Part of a person's description ("a lawmaker from Balkh", "Kunduz resident").
        case descriptor
    }

    var first: Int
    var end: Int
    var provinceID: String
    /// Settlement slug when the mention is a city or town.
    var cityID: String?
    /// `city`, `district` or `province`.
    var precision: String
    var role: Role
    /// A capital named by the same word as its province, not yet decided by context.
    var ambiguous: Bool = false
    /// A place a side still holds ("held on to Kunduz", "only Kabul"): no capture, other events may be there.
    var held = false
    /// The city a site lies just outside ("the airport outside Kunduz"): what "the city" means next.
    var nearCity: String?
}
