import Synchronization

/// Encoded JSON bodies of recent GETs, valid for one data version: a dashboard polling the same
/// list, or many clients reading the map, get the bytes without a query or an encoding. Any
/// committed change moves the version on, so a stale body is never served; the cache then
/// refills as requests come in. Bounded by entry count and total bytes.
final class ResponseCache: Sendable {
    struct Entry: Sendable {
        let version: Int64
        let etag: String
        let body: [UInt8]
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var bytes = 0
    }

    private let state = Mutex(State())
    let maxEntries: Int
    let maxBytes: Int
    /// Bodies larger than this are not kept (exports and big pages stay uncached).
    let maxBodyBytes: Int
    let enabled: Bool

    init(enabled: Bool = true, maxEntries: Int = 1024, maxBytes: Int = 32 << 20, maxBodyBytes: Int = 256 << 10) {
        self.enabled = enabled
        self.maxEntries = maxEntries
        self.maxBytes = maxBytes
        self.maxBodyBytes = maxBodyBytes
    }

    func lookup(_ key: String, version: Int64) -> Entry? {
        guard enabled else { return nil }
        return state.withLock { state in
            guard let entry = state.entries[key], entry.version == version else { return nil }
            return entry
        }
    }

    func store(_ key: String, _ entry: Entry) {
        guard enabled, entry.body.count <= maxBodyBytes else { return }
        state.withLock { state in
            // Entries of older versions can never be served again: drop them first.
            if state.entries.count >= maxEntries || state.bytes + entry.body.count > maxBytes {
                state.entries = state.entries.filter { $0.value.version == entry.version }
                state.bytes = state.entries.values.reduce(0) { $0 + $1.body.count }
            }
            if state.entries.count >= maxEntries || state.bytes + entry.body.count > maxBytes {
                state.entries.removeAll(keepingCapacity: true)
                state.bytes = 0
            }
            if let old = state.entries.updateValue(entry, forKey: key) { state.bytes -= old.body.count }
            state.bytes += entry.body.count
        }
    }
}
