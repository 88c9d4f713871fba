#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The IMF-fixdate for the `Date` header (RFC 9110 §5.6.7), formatted at most once a second.
final class HTTPDate: Sendable {
    private let cache = Mutex<(second: Int, text: String)>((-1, ""))

    func now() -> String {
        let seconds = time(nil)
        return cache.withLock { cached in
            if cached.second == seconds { return cached.text }
            let text = Self.format(seconds)
            cached = (seconds, text)
            return text
        }
    }

    static func format(_ seconds: Int) -> String {
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%a, %d %b %Y %H:%M:%S GMT", &parts)
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
