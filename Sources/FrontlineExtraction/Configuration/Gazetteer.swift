/// The places the extractor knows: provinces (admin-1) and cities or other named places.
/// Cities and provinces are separate namespaces: capital `kunduz` and province `kunduz` share a slug.
public struct Gazetteer: Sendable, Hashable {
    public var provinces: [GazetteerProvince]
    public var places: [GazetteerPlace]

    public init(provinces: [GazetteerProvince], places: [GazetteerPlace]) {
        self.provinces = provinces
        self.places = places
    }

    public func province(_ id: String) -> GazetteerProvince? { provinces.first { $0.id == id } }
    public func place(_ id: String) -> GazetteerPlace? { places.first { $0.id == id } }
}

public struct GazetteerProvince: Sendable, Hashable {
    public var id: String
    public var name: String
    /// ISO 3166-2 code, e.g. `AF-BAL`.
    public var isoCode: String
    public var aliases: [String]
    /// The slug of the province's capital in `Gazetteer.places`.
    public var capitalID: String

    public init(id: String, name: String, isoCode: String, aliases: [String], capitalID: String) {
        self.id = id
        self.name = name
        self.isoCode = isoCode
        self.aliases = aliases
        self.capitalID = capitalID
    }
}

public struct GazetteerPlace: Sendable, Hashable {
    public var id: String
    public var name: String
    /// `city`, `town`, `district`, `airport`, `crossing`.
    public var kind: String
    public var provinceID: String
    public var aliases: [String]
    public var lat: Double
    public var lon: Double
    public var isCapital: Bool

    public init(id: String, name: String, kind: String, provinceID: String, aliases: [String], lat: Double, lon: Double,
                isCapital: Bool) {
        self.id = id
        self.name = name
        self.kind = kind
        self.provinceID = provinceID
        self.aliases = aliases
        self.lat = lat
        self.lon = lon
        self.isCapital = isCapital
    }

    /// Reports about towns and cities name the place as their `city`; district-level places
    /// (airports, crossings, districts) report at province level with `place_precision` district.
    public var isSettlement: Bool { kind == "city" || kind == "town" }
}
