/// The place an event is about, as one text key (`events.place_key`) that keeps provinces and
/// cities apart: the city `kunduz` and the province `kunduz` are different places.
enum PlaceKey {
    static func city(_ id: String) -> String { "city:" + id }
    static func province(_ id: String) -> String { "province:" + id }

    /// The most precise place a report names: its city, else its province, else none ("").
    /// A facility (a prison, an airport, a base) is a place of its own in its city or province:
    /// taking one neither merges with the fall of the place around it nor moves its control.
    static func of(city: String?, province: String?, precision: String? = nil) -> String {
        if precision == "facility" { return "facility:" + (city ?? province ?? "") }
        if let city { return Self.city(city) }
        if let province { return Self.province(province) }
        return ""
    }
}
