/// A hand-labelled article (Tests/FrontlineExtractionTests/Fixtures/*/): the text, what a caller
/// would pass with it, and the set of facts the extractor must find (GOLD-FORMAT.md).
public struct GoldArticle: Sendable, Decodable {
    public var id: String
    /// For the seeds: the seed file the text comes from (the text itself is not copied).
    public var seed: String?
    public var source: String?
    public var published: String?
    public var title: String?
    public var text: String
    public var hardCase: String?
    public var gold: GoldFacts

    enum CodingKeys: String, CodingKey {
        case id, seed, source, published, title, text, hardCase, gold
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        seed = try c.decodeIfPresent(String.self, forKey: .seed)
        source = try c.decodeIfPresent(String.self, forKey: .source)
        published = try c.decodeIfPresent(String.self, forKey: .published)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
        hardCase = try c.decodeIfPresent(String.self, forKey: .hardCase)
        gold = try c.decode(GoldFacts.self, forKey: .gold)
    }

    public var input: ArticleInput { ArticleInput(text: text, title: title, published: published, source: source) }
}

public struct GoldFacts: Sendable, Decodable {
    public var reports: [GoldReport]
    public var tallies: [GoldTally]?
}

public struct GoldReport: Sendable, Decodable, Hashable {
    public var type: String
    public var province: String?
    public var city: String?
    public var actor: String?
    public var date: String?
    public var status: String
    public var numbers: [String: NumberRange]?

    /// Reports are compared by type and place (GOLD-FORMAT.md).
    public var key: ReportKey { ReportKey(type: type, province: province, city: city) }
}

public struct GoldTally: Sendable, Decodable, Hashable {
    public var count: Int
    public var total: Int?
    public var unit: String
}

/// What identifies a fact of one article for scoring.
public struct ReportKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var type: String
    public var province: String?
    public var city: String?

    public init(type: String, province: String?, city: String?) {
        self.type = type
        self.province = province
        self.city = city
    }

    public var description: String { "\(type) \(province ?? "-")/\(city ?? "-")" }

    public static func < (a: ReportKey, b: ReportKey) -> Bool { a.description < b.description }
}
