/// A gazetteer entry: a province (admin-1) or a city; capitals link to their province.
public struct PlaceRecord: Sendable, Hashable {
    public enum Kind: String, Sendable { case province, city }
    public var id: String
    public var kind: Kind
    public var name: String
    public var aliases: [String]
    public var isoCode: String?
    /// For a city, its province.
    public var provinceID: String?
    public var isCapital: Bool
    public var lat: Double?
    public var lon: Double?

    public init(id: String, kind: Kind, name: String, aliases: [String] = [], isoCode: String? = nil,
                provinceID: String? = nil, isCapital: Bool = false, lat: Double? = nil, lon: Double? = nil) {
        self.id = id
        self.kind = kind
        self.name = name
        self.aliases = aliases
        self.isoCode = isoCode
        self.provinceID = provinceID
        self.isCapital = isCapital
        self.lat = lat
        self.lon = lon
    }
}

/// A party or person (Taliban, ANSF, Ashraf Ghani, ...).
public struct ActorRecord: Sendable, Hashable {
    public var id: String
    public var name: String
    /// `armed_group`, `state_force`, `person`, `government`.
    public var kind: String
    public var aliases: [String]

    public init(id: String, name: String, kind: String, aliases: [String] = []) {
        self.id = id
        self.name = name
        self.kind = kind
        self.aliases = aliases
    }
}

/// An outlet that publishes or is cited, with its counters.
public struct SourceRecord: Sendable, Hashable {
    public var id: String
    public var name: String
    /// `publisher`, `agency`, `broadcaster`, `social`, or `party` (a party to the conflict, e.g. a
    /// Taliban spokesman's channel: its reports are claims, never confirmation).
    public var kind: String
    public var domain: String?
    public var aliases: [String]
    public var articleCount: Int
    public var citedCount: Int
    public var firstSeen: String?
    public var lastSeen: String?

    public init(id: String, name: String, kind: String = "publisher", domain: String? = nil, aliases: [String] = [],
                articleCount: Int = 0, citedCount: Int = 0, firstSeen: String? = nil, lastSeen: String? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.domain = domain
        self.aliases = aliases
        self.articleCount = articleCount
        self.citedCount = citedCount
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }
}

/// Inputs of a source's track record (`/api/sources/{id}`).
public struct TrackRecord: Sendable, Hashable {
    /// Reports in articles this source published.
    public var reports: Int
    /// Of those with a date whose event has a consensus date, how many give that date.
    public var agreeWithConsensus: Int
    /// Events where this source's article was the earliest published.
    public var firstToReport: Int
    /// Median of (publication date − event date) in days over dated reports, nil if none.
    public var medianLagDays: Double?
}
