/// A word, number or punctuation mark of the normalised text. Intra-word hyphens and apostrophes
/// are not tokens, so "Mazar-i-Sharif", "Mazar i Sharif" and "Mazar'i Sharif" match alike.
struct Token: Sendable, Hashable {
    enum Kind: UInt8, Sendable {
        case word, number, punct
    }

    /// Scalar offsets into the normalised text, end exclusive.
    var start: Int
    var end: Int
    var kind: Kind
    /// Vocabulary id of the lowercased token (`Vocabulary.unknown` when the lexicons never use it).
    var id: Int32
    /// First letter upper-case.
    var capitalized: Bool
    /// Every letter upper-case (and at least one letter).
    var allCaps: Bool
    /// For `.number`: the value ("5,000" is 5000); for `.punct`: the mark's scalar value.
    var value: Int
}
