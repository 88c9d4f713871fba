import Foundation
import Synchronization

/// Counters the server keeps, rendered in the Prometheus text format (version 0.0.4).
///
/// Create one, hand it to `HTTPServer`, and expose `renderPrometheus()` on `/metrics`.
public final class HTTPMetrics: Sendable {
    struct Key: Hashable {
        let route: String
        let status: Int
    }

    struct State {
        var requests: [Key: UInt64] = [:]
        var bucketCounts: [UInt64]
        var durationSum: Double = 0
        var durationCount: UInt64 = 0
        var bytesOut: UInt64 = 0
        var connectionsAccepted: UInt64 = 0
        var connectionsRejected: UInt64 = 0
        var parseErrors: UInt64 = 0
    }

    /// Upper bounds of the duration histogram buckets, in seconds.
    public let buckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    private let state: Mutex<State>
    private let open = Atomic<Int>(0)

    public init() {
        state = Mutex(State(bucketCounts: Array(repeating: 0, count: buckets.count)))
    }

    /// Connections open right now.
    public var openConnections: Int { open.load(ordering: .relaxed) }

    func connectionOpened() {
        open.add(1, ordering: .relaxed)
        state.withLock { $0.connectionsAccepted += 1 }
    }

    func connectionClosed() { open.subtract(1, ordering: .relaxed) }

    func connectionRejected() { state.withLock { $0.connectionsRejected += 1 } }

    /// Records one answered request. Unrouted paths are grouped as `unmatched` so scanners
    /// cannot blow up the label set.
    func record(route: String?, status: Int, seconds: Double, bytes: Int, parseError: Bool = false) {
        let key = Key(route: route ?? "unmatched", status: status)
        let bucket = buckets.firstIndex { seconds <= $0 }
        state.withLock { state in
            state.requests[key, default: 0] += 1
            if let bucket { state.bucketCounts[bucket] += 1 }
            state.durationSum += seconds
            state.durationCount += 1
            state.bytesOut += UInt64(bytes)
            if parseError { state.parseErrors += 1 }
        }
    }

    /// Adds bytes sent outside `record` (streamed bodies).
    func addBytesOut(_ bytes: Int) { state.withLock { $0.bytesOut += UInt64(bytes) } }

    /// The total of every request counter (tests and benchmarks use it).
    public var requestCount: UInt64 { state.withLock { $0.requests.values.reduce(0, +) } }

    /// Everything in the Prometheus text exposition format.
    public func renderPrometheus() -> String {
        let snapshot = state.withLock { $0 }
        var out = ""
        out += "# HELP http_requests_total HTTP requests answered, by route pattern and status.\n"
        out += "# TYPE http_requests_total counter\n"
        for (key, count) in snapshot.requests.sorted(by: { ($0.key.route, $0.key.status) < ($1.key.route, $1.key.status) }) {
            out += "http_requests_total{route=\(Self.label(key.route)),status=\"\(key.status)\"} \(count)\n"
        }
        out += "# HELP http_request_duration_seconds Time from request head to response written.\n"
        out += "# TYPE http_request_duration_seconds histogram\n"
        var cumulative: UInt64 = 0
        for (index, bound) in buckets.enumerated() {
            cumulative += snapshot.bucketCounts[index]
            out += "http_request_duration_seconds_bucket{le=\"\(bound)\"} \(cumulative)\n"
        }
        out += "http_request_duration_seconds_bucket{le=\"+Inf\"} \(snapshot.durationCount)\n"
        out += "http_request_duration_seconds_sum \(snapshot.durationSum)\n"
        out += "http_request_duration_seconds_count \(snapshot.durationCount)\n"
        out += "# HELP http_open_connections Client connections open now.\n# TYPE http_open_connections gauge\n"
        out += "http_open_connections \(openConnections)\n"
        out += "# HELP http_connections_total Client connections accepted.\n# TYPE http_connections_total counter\n"
        out += "http_connections_total \(snapshot.connectionsAccepted)\n"
        out += "# HELP http_connections_rejected_total Connections refused with 503 over the connection cap.\n"
        out += "# TYPE http_connections_rejected_total counter\n"
        out += "http_connections_rejected_total \(snapshot.connectionsRejected)\n"
        out += "# HELP http_malformed_requests_total Requests rejected by the parser.\n# TYPE http_malformed_requests_total counter\n"
        out += "http_malformed_requests_total \(snapshot.parseErrors)\n"
        out += "# HELP http_response_bytes_total Bytes written to clients, headers included.\n"
        out += "# TYPE http_response_bytes_total counter\n"
        out += "http_response_bytes_total \(snapshot.bytesOut)\n"
        return out
    }

    static func label(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
