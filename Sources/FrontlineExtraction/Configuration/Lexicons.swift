/// Where a cue expects its place: `captured Kunduz` (after), `Kunduz fell` (before), or either side.
enum CueDirection: Sendable, Hashable {
    case after, before, either
}

struct EventCue: Sendable, Hashable {
    var phrase: String
    var direction: CueDirection
    /// A bare noun ("fighting"): only a place named in its own clause.
    var clauseOnly: Bool = false
}

/// One entry of events.json. A type with `mapsTo` reports as that type (a recapture is a capture).
struct EventTypeEntry: Sendable, Hashable {
    var id: String
    var mapsTo: String?
    var actor: String?
    var suppresses: [String]
    /// A cue that only goes on with an event of this type told just before ("took Kunduz, and on Monday
    /// they added Aybak"), its place right after it.
    var follows: String? = nil
    var cues: [EventCue]

    var reportedType: String { mapsTo ?? id }
}

/// status.json: the words that make a report expected, claimed or denied, and who said it.
struct StatusLexicon: Sendable, Hashable, Decodable {
    var expected: [String]
    var claim: [String]
    var denial: [String]
    var speech: [String]
    var contrast: [String]
    var holding: [String]
}

/// context.json: the words the place, clause and date rules read.
struct ContextLexicon: Sendable, Hashable, Decodable {
    var boundaries: [String]
    var listFillers: [String]
    var appositiveOpeners: [String]
    var roles: [String]
    var directions: [String]
    var distances: [String]
    var dateBlockers: [String]
    var anaphora: [String]
    var cityWords: [String]
    var provinceWords: [String]
    var coreference: [String]
    var captions: [String]
    var skipLines: [String]
    var negations: [String]
    var attempts: [String]
    var listOpeners: [String]
    var independentSpeakers: [String]
    var clauseVerbs: [String]
    var referenceWords: [String]
    var relatives: [String]
    var unopposed: [String]
    var destinations: [String]
    var governmentPeople: [String]
    var placeParts: [String]
    var temporal: [String]
    var mediaWords: [String]
    var vagueTimes: [String]
    var comparisons: [String]
    var stillHeld: [String]
    var restrictives: [String]
    var facilities: [String]
    var seatsOfPower: [String]
    var controlStates: [String]
    var conditionals: [String]
    var eventNouns: [String]
    var otherPeriods: [String]
}
