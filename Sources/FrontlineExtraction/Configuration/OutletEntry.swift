/// A news outlet that publishes or is cited.
public struct OutletEntry: Sendable, Hashable {
    public var id: String
    public var name: String
    /// `publisher`, `agency`, `broadcaster`, `social` or `party`.
    public var kind: String
    public var aliases: [String]
    public var domain: String?

    public init(id: String, name: String, kind: String, aliases: [String], domain: String? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.aliases = aliases
        self.domain = domain
    }

    static let kinds: Set<String> = ["publisher", "agency", "broadcaster", "social", "party"]
}
