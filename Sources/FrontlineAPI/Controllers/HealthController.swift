import FrontlineHTTP

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

/// `GET /metrics` in the Prometheus text format.
public struct MetricsController: RouteCollection {
    let metrics: HTTPMetrics

    public init(metrics: HTTPMetrics) { self.metrics = metrics }

    public func register(on router: Router) {
        let metrics = self.metrics
        router.get("/metrics") { _, _ in
            var response = HTTPResponse.text(metrics.renderPrometheus(), contentType: "text/plain; version=0.0.4; charset=utf-8")
            response.headers.add("Cache-Control", "no-store")
            return response
        }
    }
}
