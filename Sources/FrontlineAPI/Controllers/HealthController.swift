import FrontlineHTTP
import FrontlineStorage

/// `GET /healthz` -> `{"status":"ok","version":"0.1.0","uptime_s":12}`.
public struct HealthController: RouteCollection {
    let startedAt: UInt64

    public init(startedAt: UInt64) { self.startedAt = startedAt }

    public func register(on router: Router) {
        let startedAt = self.startedAt
        router.get("/healthz") { _, _ in
            let uptime = (MonotonicClock.nanos() - startedAt) / 1_000_000_000
            let body = "{\"status\":\"ok\",\"version\":" + JSONText.quoted(FrontlineVersion.string) + ",\"uptime_s\":\(uptime)}"
            var response = HTTPResponse.json(body)
            response.headers.add("Cache-Control", "no-store")
            return response
        }
    }
}

/// `GET /metrics` in the Prometheus text format: the HTTP counters, plus row counts and the data
/// version of the database when one is given.
public struct MetricsController: RouteCollection {
    let metrics: HTTPMetrics
    let database: Database?

    public init(metrics: HTTPMetrics, database: Database? = nil) {
        self.metrics = metrics
        self.database = database
    }

    /// Row counts and the change counter, in the exposition format.
    static func storageMetrics(_ database: Database) -> String {
        guard let (counts, version) = try? database.read({ (try $0.rowCounts(), try $0.dataVersion()) }) else { return "" }
        var out = "# HELP frontline_rows Rows per table of the database.\n# TYPE frontline_rows gauge\n"
        for (table, count) in counts { out += "frontline_rows{table=\"\(table)\"} \(count)\n" }
        out += "# HELP frontline_data_version Grows with every committed change (the ETag counter).\n"
        out += "# TYPE frontline_data_version counter\nfrontline_data_version \(version)\n"
        out += "# HELP frontline_search_index_failing 1 while the search index fails to catch up with the database.\n"
        out += "# TYPE frontline_search_index_failing gauge\nfrontline_search_index_failing \(database.searchIndexFailure == nil ? 0 : 1)\n"
        return out
    }

    public func register(on router: Router) {
        let metrics = self.metrics
        let database = self.database
        router.get("/metrics") { _, _ in
            let storage = database.map(Self.storageMetrics) ?? ""
            var response = HTTPResponse.text(metrics.renderPrometheus() + storage, contentType: "text/plain; version=0.0.4; charset=utf-8")
            response.headers.add("Cache-Control", "no-store")
            return response
        }
    }
}
