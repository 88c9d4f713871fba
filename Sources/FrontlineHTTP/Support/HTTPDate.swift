#if canImport(Glibc)
import Glibc
#endif

/// The IMF-fixdate for the `Date` header (RFC 9110 §5.6.7).
///
/// Formatted on every call (about a microsecond): a shared once-a-second cache behind a `Mutex`
/// was the hottest lock in the server under load (perf: 36% of CPU in `Mutex.lockSlow`).
final class HTTPDate: Sendable {
    func now() -> String { Self.format(time(nil)) }

    static func format(_ seconds: Int) -> String {
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%a, %d %b %Y %H:%M:%S GMT", &parts)
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
