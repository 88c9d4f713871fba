import Synchronization

/// Token buckets per client key: each key may make `burst` requests at once and `rate` a second
/// after that. The table is bounded: when it is full, buckets that have refilled completely
/// (clients that went quiet) are dropped first, so a flood of spoofed keys cannot grow memory.
public final class RateLimiter: Sendable {
    public struct Decision: Sendable, Equatable {
        public var allowed: Bool
        /// Whole seconds until one more request would be allowed (0 when allowed).
        public var retryAfterSeconds: Int
    }

    private struct Bucket {
        var tokens: Double
        var updatedNanos: UInt64
    }

    public let rate: Double
    public let burst: Double
    public let maxKeys: Int
    private let buckets = Mutex<[String: Bucket]>([:])

    /// - Parameters:
    ///   - rate: requests per second each key earns back.
    ///   - burst: the most requests a key can make at once.
    public init(rate: Double, burst: Int, maxKeys: Int = 100_000) {
        precondition(rate > 0 && burst > 0, "rate and burst must be positive")
        self.rate = rate
        self.burst = Double(burst)
        self.maxKeys = maxKeys
    }

    /// Takes one token for `key` at monotonic time `nowNanos`.
    public func acquire(_ key: String, nowNanos: UInt64 = MonotonicClock.nanos()) -> Decision {
        buckets.withLock { table in
            var bucket = table[key] ?? Bucket(tokens: burst, updatedNanos: nowNanos)
            let elapsed = nowNanos > bucket.updatedNanos ? Double(nowNanos - bucket.updatedNanos) / 1e9 : 0
            bucket.tokens = min(burst, bucket.tokens + elapsed * rate)
            bucket.updatedNanos = nowNanos
            let decision: Decision
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                decision = Decision(allowed: true, retryAfterSeconds: 0)
            } else {
                decision = Decision(allowed: false, retryAfterSeconds: max(1, Int(((1 - bucket.tokens) / rate).rounded(.up))))
            }
            if table[key] == nil, table.count >= maxKeys { evict(&table, nowNanos: nowNanos) }
            table[key] = bucket
            return decision
        }
    }

    public var trackedKeys: Int { buckets.withLock { $0.count } }

    private func evict(_ table: inout [String: Bucket], nowNanos: UInt64) {
        let refillNanos = UInt64(burst / rate * 1e9)
        table = table.filter { nowNanos < $0.value.updatedNanos || nowNanos - $0.value.updatedNanos < refillNanos }
        // Everyone is still active: forget half of them (they restart with a full bucket) rather
        // than let the table grow without bound.
        if table.count >= maxKeys {
            for key in Array(table.keys.prefix(table.count / 2)) { table.removeValue(forKey: key) }
        }
    }
}
