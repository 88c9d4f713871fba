/// Reports, tallies and quotes encode unknown values as explicit `null` ("date": null means the
/// text gave no resolvable date; an absent key would look like an older schema).
extension ExtractedReport {
    private enum Keys: String, CodingKey {
        case type, province, city, actor, date, dateText, datePrecision, status, attributedTo, placePrecision, numbers, evidence
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(type, forKey: .type)
        try c.encode(province, forKey: .province)
        try c.encode(city, forKey: .city)
        try c.encode(actor, forKey: .actor)
        try c.encode(date, forKey: .date)
        try c.encode(dateText, forKey: .dateText)
        try c.encode(datePrecision, forKey: .datePrecision)
        try c.encode(status, forKey: .status)
        try c.encode(attributedTo, forKey: .attributedTo)
        try c.encode(placePrecision, forKey: .placePrecision)
        try c.encode(numbers, forKey: .numbers)
        try c.encode(evidence, forKey: .evidence)
    }
}

extension ExtractedTally {
    private enum Keys: String, CodingKey {
        case actor, count, total, unit, date, status, evidence
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(actor, forKey: .actor)
        try c.encode(count, forKey: .count)
        try c.encode(total, forKey: .total)
        try c.encode(unit, forKey: .unit)
        try c.encode(date, forKey: .date)
        try c.encode(status, forKey: .status)
        try c.encode(evidence, forKey: .evidence)
    }
}

extension ExtractedQuote {
    private enum Keys: String, CodingKey {
        case speaker, actor, text, evidence
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(speaker, forKey: .speaker)
        try c.encode(actor, forKey: .actor)
        try c.encode(text, forKey: .text)
        try c.encode(evidence, forKey: .evidence)
    }
}
