/// The place an event is about, as one text key (`events.place_key`) that keeps provinces and
/// cities apart: the city `kunduz` and the province `kunduz` are different places.
enum PlaceKey {
    static func city(_ id: String) -> String { "city:" + id }
    static func province(_ id: String) -> String { "province:" + id }

    /// The most precise place a report names: its city, else its province, else none ("").
    static func of(city: String?, province: String?) -> String {
        if let city { return Self.city(city) }
        if let province { return Self.province(province) }
        return ""
    }
}
