/// Scores the extractor against hand-labelled articles: precision, recall and F1 per event type
/// over (type, province, city) keys, and how often the status, date and actor of a found fact
/// are right. Pure: the caller decodes the articles; `frontline eval` and the tests share this.
public struct Evaluation: Sendable {
    public struct TypeScore: Sendable, Hashable {
        public var type: String
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0

        public var precision: Double {
            truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
        }
        public var recall: Double {
            truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives)
        }
        public var f1: Double {
            let p = precision, r = recall
            return p + r == 0 ? 0 : 2 * p * r / (p + r)
        }
    }

    /// One article's disagreements, for reading what went wrong.
    public struct ArticleResult: Sendable {
        public var id: String
        public var missing: [ReportKey]
        public var extra: [ReportKey]
        /// Found facts with another status, date or actor: (key, field, gold, extracted).
        public var wrong: [(key: ReportKey, field: String, gold: String, found: String)]
    }

    public private(set) var scores: [String: TypeScore] = [:]
    public private(set) var statusRight = 0
    public private(set) var dateRight = 0
    public private(set) var actorRight = 0
    public private(set) var actorLabelled = 0
    public private(set) var matched = 0
    public private(set) var articles: [ArticleResult] = []

    public init(extractor: Extractor, articles gold: [GoldArticle]) {
        for article in gold { score(article, extractor.extract(article.input)) }
    }

    public var statusAccuracy: Double { matched == 0 ? 1 : Double(statusRight) / Double(matched) }
    public var dateAccuracy: Double { matched == 0 ? 1 : Double(dateRight) / Double(matched) }
    public var actorAccuracy: Double { actorLabelled == 0 ? 1 : Double(actorRight) / Double(actorLabelled) }

    public func score(_ type: String) -> TypeScore { scores[type] ?? TypeScore(type: type) }

    /// All types together.
    public var overall: TypeScore {
        var total = TypeScore(type: "all")
        for s in scores.values {
            total.truePositives += s.truePositives
            total.falsePositives += s.falsePositives
            total.falseNegatives += s.falseNegatives
        }
        return total
    }

    /// The strongest report per key, as the merger ranks them.
    static func representatives(_ reports: [ExtractedReport]) -> [ReportKey: ExtractedReport] {
        var best: [ReportKey: ExtractedReport] = [:]
        for r in reports {
            let key = ReportKey(type: r.type, province: r.province, city: r.city)
            guard let current = best[key] else { best[key] = r; continue }
            let a = ReportMerger.rank(r.status), b = ReportMerger.rank(current.status)
            if a > b || (a == b && current.date == nil && r.date != nil) { best[key] = r }
        }
        return best
    }

    private mutating func score(_ article: GoldArticle, _ result: ExtractionResult) {
        let found = Self.representatives(result.reports)
        var goldByKey: [ReportKey: GoldReport] = [:]
        for g in article.gold.reports { goldByKey[g.key] = g }
        var outcome = ArticleResult(id: article.id, missing: [], extra: [], wrong: [])
        for (key, g) in goldByKey.sorted(by: { $0.key < $1.key }) {
            guard let r = found[key] else {
                scores[key.type, default: TypeScore(type: key.type)].falseNegatives += 1
                outcome.missing.append(key)
                continue
            }
            scores[key.type, default: TypeScore(type: key.type)].truePositives += 1
            matched += 1
            if r.status == g.status { statusRight += 1 } else { outcome.wrong.append((key, "status", g.status, r.status)) }
            if r.date == g.date { dateRight += 1 } else { outcome.wrong.append((key, "date", g.date ?? "null", r.date ?? "null")) }
            if let actor = g.actor {
                actorLabelled += 1
                if r.actor == actor { actorRight += 1 } else { outcome.wrong.append((key, "actor", actor, r.actor ?? "null")) }
            }
        }
        for key in found.keys.sorted() where goldByKey[key] == nil {
            scores[key.type, default: TypeScore(type: key.type)].falsePositives += 1
            outcome.extra.append(key)
        }
        articles.append(outcome)
    }

    /// The figures as `frontline eval` prints them.
    public var summary: String {
        func pct(_ x: Double) -> String {
            let v = (x * 1000).rounded() / 10
            return String(v)
        }
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        var lines = ["\(pad("type", 12)) \(pad("tp", 5)) \(pad("fp", 5)) \(pad("fn", 5)) \(pad("precision", 10)) \(pad("recall", 8)) f1"]
        for s in scores.values.sorted(by: { $0.type < $1.type }) + [overall] {
            lines.append("\(pad(s.type, 12)) \(pad(String(s.truePositives), 5)) \(pad(String(s.falsePositives), 5)) "
                + "\(pad(String(s.falseNegatives), 5)) \(pad(pct(s.precision), 10)) \(pad(pct(s.recall), 8)) \(pct(s.f1))")
        }
        lines.append("status accuracy \(pct(statusAccuracy))% (\(statusRight)/\(matched)), "
            + "date accuracy \(pct(dateAccuracy))% (\(dateRight)/\(matched)), "
            + "actor accuracy \(pct(actorAccuracy))% (\(actorRight)/\(actorLabelled)), articles \(articles.count)")
        return lines.joined(separator: "\n")
    }

    /// Per-article disagreements, one line each.
    public var details: String {
        var lines: [String] = []
        for a in articles where !(a.missing.isEmpty && a.extra.isEmpty && a.wrong.isEmpty) {
            var parts: [String] = []
            if !a.missing.isEmpty { parts.append("missing " + a.missing.map(\.description).joined(separator: ", ")) }
            if !a.extra.isEmpty { parts.append("extra " + a.extra.map(\.description).joined(separator: ", ")) }
            for w in a.wrong { parts.append("\(w.key) \(w.field) \(w.gold) -> \(w.found)") }
            lines.append("\(a.id): " + parts.joined(separator: "; "))
        }
        return lines.joined(separator: "\n")
    }
}
