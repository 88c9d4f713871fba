#if canImport(Glibc)
import Glibc
#endif
import FrontlineHTTP
import FrontlineStorage

/// Validated access to a request's query string. Built with the names an endpoint accepts, so
/// an unknown or repeated parameter is a 400 naming it rather than something silently ignored.
struct QueryParameters {
    private var values: [String: String] = [:]

    /// - Throws: `HTTPError` 400 `unknown_parameter` / `invalid_parameter` (repeated).
    init(_ request: HTTPRequest, allowed: Set<String>) throws {
        for item in request.query {
            guard allowed.contains(item.name) else {
                let list = allowed.sorted().joined(separator: ", ")
                throw HTTPError(status: .badRequest, code: "unknown_parameter",
                                message: "unknown parameter \(item.name)" + (list.isEmpty ? "" : " (accepted: \(list))"),
                                field: item.name)
            }
            guard values[item.name] == nil else {
                throw HTTPError.invalidParameter(item.name, "\(item.name) is given more than once")
            }
            values[item.name] = item.value
        }
    }

    /// The raw text, nil when absent. An empty value is a value (`?to=` is not a date: 400),
    /// so a typo never silently widens a query.
    func text(_ name: String) -> String? { values[name] }

    /// A `YYYY-MM-DD` calendar date (a real day: 2021-02-30 is rejected).
    func date(_ name: String) throws -> String? {
        guard let value = text(name) else { return nil }
        guard CalendarDate.isValid(value) else {
            throw HTTPError.invalidParameter(name, "\(name) must be a date (YYYY-MM-DD)")
        }
        return value
    }

    /// `from` and `to`, checked for order.
    func dateRange() throws -> (from: String?, to: String?) {
        let from = try date("from")
        let to = try date("to")
        if let from, let to, from > to {
            throw HTTPError.invalidParameter("from", "from (\(from)) is after to (\(to))")
        }
        return (from, to)
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = text(name) else { return nil }
        guard value.utf8.count <= 12, let number = Int(value), range.contains(number) else {
            throw HTTPError.invalidParameter(name, "\(name) must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// `limit`: default 50, 1...500.
    func limit(default fallback: Int = 50) throws -> Int {
        try integer("limit", in: 1...500) ?? fallback
    }

    func boolean(_ name: String) throws -> Bool? {
        guard let value = text(name) else { return nil }
        switch value {
        case "true", "1": return true
        case "false", "0": return false
        default: throw HTTPError.invalidParameter(name, "\(name) must be true or false")
        }
    }

    /// One of a fixed set of values.
    func choice(_ name: String, _ options: [String]) throws -> String? {
        guard let value = text(name) else { return nil }
        guard options.contains(value) else {
            throw HTTPError.invalidParameter(name, "\(name) must be one of " + options.joined(separator: ", "))
        }
        return value
    }

    /// An opaque cursor of a previous page.
    func cursor(_ name: String = "cursor") throws -> Cursor? {
        guard let value = text(name) else { return nil }
        do {
            return try Cursor(token: value)
        } catch {
            throw HTTPError.invalidParameter(name, "\(name) is not a cursor returned by this listing")
        }
    }
}

/// `YYYY-MM-DD` checks without Foundation's calendar (hot path, and no time zones involved).
enum CalendarDate {
    static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == 45, bytes[7] == 45 else { return false }
        var digits: [Int] = []
        for index in [0, 1, 2, 3, 5, 6, 8, 9] {
            guard (48...57).contains(bytes[index]) else { return false }
            digits.append(Int(bytes[index] - 48))
        }
        let year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
        let month = digits[4] * 10 + digits[5]
        let day = digits[6] * 10 + digits[7]
        guard year >= 1, (1...12).contains(month), day >= 1 else { return false }
        return day <= daysIn(month: month, year: year)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// A publication value as stored: a date becomes midnight UTC; an RFC 3339 timestamp
    /// (`2021-08-14T16:45:00Z`, `2021-08-14T21:15:00+04:30`, fractions allowed) becomes UTC to
    /// the second. Nil when it is neither.
    static func timestamp(_ text: String) -> String? {
        if isValid(text) { return text + "T00:00:00Z" }
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.count <= 40, let day = dayNumber(String(decoding: bytes[0..<10], as: UTF8.self)),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"), bytes[13] == 58, bytes[16] == 58
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              hour < 24, minute < 60, second < 61 else { return nil }
        var index = 19
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
            guard index > start else { return nil }
        }
        guard index < bytes.count else { return nil }
        var offset = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == 58, let hours = number(index + 1..<index + 3),
                  let minutes = number(index + 4..<index + 6), hours < 24, minutes < 60 else { return nil }
            offset = (hours * 60 + minutes) * 60 * (bytes[index] == UInt8(ascii: "+") ? 1 : -1)
        default:
            return nil
        }
        let total = day * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offset
        let utcDay = Int((Double(total) / 86_400).rounded(.down))
        let rest = total - utcDay * 86_400
        func pad(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }
        return date(dayNumber: utcDay) + "T" + pad(rest / 3600) + ":" + pad(rest % 3600 / 60) + ":" + pad(rest % 60) + "Z"
    }

    /// Today's date in UTC.
    static func today() -> String {
        var seconds = time(nil)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let year = Int(parts.tm_year) + 1900, month = Int(parts.tm_mon) + 1, day = Int(parts.tm_mday)
        return String(year) + "-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
    }
}

extension CalendarDate {
    /// Days since 1970-01-01 of a valid `YYYY-MM-DD` (the storage layer's day arithmetic).
    static func dayNumber(_ text: String) -> Int? { isValid(text) ? Timestamp.dayNumber(text) : nil }

    /// The `YYYY-MM-DD` of a day number.
    static func date(dayNumber: Int) -> String { Timestamp.date(dayNumber: dayNumber) }
}
