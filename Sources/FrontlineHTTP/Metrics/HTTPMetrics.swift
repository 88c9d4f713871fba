import Foundation
#if canImport(Glibc)
import Glibc
#endif
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
    public let buckets: [Double] = HTTPMetrics.defaultBuckets
    static let defaultBuckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    /// Striped by thread so workers rarely contend for one lock; rendering merges the stripes.
    private let stripes: [Stripe]
    private let open = Atomic<Int>(0)
    private static let stripeCount = 32   // a power of two: the index is the top 5 hash bits

    public init() {
        stripes = (0..<Self.stripeCount).map { _ in Stripe() }
    }

    final class Stripe: Sendable {
        let lock = Mutex(State(bucketCounts: Array(repeating: 0, count: HTTPMetrics.defaultBuckets.count)))
    }

    private var state: Stripe {
        // pthread_t values are thread-control-block addresses a stack size apart, so mix them
        // (Fibonacci hashing) before taking the top bits.
        stripes[Int((UInt64(UInt(pthread_self())) &* 0x9E37_79B9_7F4A_7C15) >> 59)]
    }

    private func snapshot() -> State {
        var total = State(bucketCounts: Array(repeating: 0, count: buckets.count))
        for stripe in stripes {
            stripe.lock.withLock { part in
                total.requests.merge(part.requests, uniquingKeysWith: +)
                for index in total.bucketCounts.indices { total.bucketCounts[index] += part.bucketCounts[index] }
                total.durationSum += part.durationSum
                total.durationCount += part.durationCount
                total.bytesOut += part.bytesOut
                total.connectionsAccepted += part.connectionsAccepted
                total.connectionsRejected += part.connectionsRejected
                total.parseErrors += part.parseErrors
            }
        }
        return total
    }

    /// Connections open right now.
    public var openConnections: Int { open.load(ordering: .relaxed) }

    func connectionOpened() {
        open.add(1, ordering: .relaxed)
        state.lock.withLock { $0.connectionsAccepted += 1 }
    }

    func connectionClosed() { open.subtract(1, ordering: .relaxed) }

    func connectionRejected() { state.lock.withLock { $0.connectionsRejected += 1 } }

    /// Records one answered request. Unrouted paths are grouped as `unmatched` so scanners
    /// cannot blow up the label set.
    func record(route: String?, status: Int, seconds: Double, bytes: Int, parseError: Bool = false) {
        let key = Key(route: route ?? "unmatched", status: status)
        let bucket = buckets.firstIndex { seconds <= $0 }
        state.lock.withLock { state in
            state.requests[key, default: 0] += 1
            if let bucket { state.bucketCounts[bucket] += 1 }
            state.durationSum += seconds
            state.durationCount += 1
            state.bytesOut += UInt64(bytes)
            if parseError { state.parseErrors += 1 }
        }
    }

    /// Adds bytes sent outside `record` (streamed bodies).
    func addBytesOut(_ bytes: Int) { state.lock.withLock { $0.bytesOut += UInt64(bytes) } }

    /// The total of every request counter (tests and benchmarks use it).
    public var requestCount: UInt64 { snapshot().requests.values.reduce(0, +) }

    /// Everything in the Prometheus text exposition format.
    public func renderPrometheus() -> String {
        let snapshot = snapshot()
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
