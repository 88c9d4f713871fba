/// A party or person of the actors lexicon.
public struct ActorEntry: Sendable, Hashable {
    public var id: String
    public var name: String
    /// `armed_group`, `state_force`, `government` or `person`.
    public var kind: String
    public var aliases: [String]
    /// A side of the conflict: what only a party says is a claim.
    public var party: Bool
    /// For a person, the actor they speak or fight for (`taliban`, `afghan-government`).
    public var affiliation: String?

    public init(id: String, name: String, kind: String, aliases: [String], party: Bool, affiliation: String? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.aliases = aliases
        self.party = party
        self.affiliation = affiliation
    }

    static let kinds: Set<String> = ["armed_group", "state_force", "government", "person"]
}
