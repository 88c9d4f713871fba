#if canImport(Glibc)
import Glibc
#endif
import Logging

/// A swift-log handler writing one line per record to stderr with a single `write(2)`, so lines
/// from different threads never interleave.
public struct StderrLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String

    public init(label: String, level: Logger.Level = .info) {
        self.label = label
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = HTTPDate.isoNow() + " " + event.level.rawValue.uppercased() + " " + label + ": " + event.message.description
        let merged = event.metadata.map { extra in metadata.merging(extra) { _, new in new } } ?? metadata
        for (key, value) in merged.count < 2 ? Array(merged) : merged.sorted(by: { $0.key < $1.key }) {
            line += " \(key)=\(HTTPSyntax.escapedForLog(value.description))"
        }
        line += "\n"
        _ = line.utf8CString.withUnsafeBufferPointer { Glibc.write(2, $0.baseAddress, $0.count - 1) }
    }
}

extension HTTPDate {
    /// `2026-11-24T12:00:00.123Z`.
    static func isoNow() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var t = spec.tv_sec
        var parts = tm()
        gmtime_r(&t, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S", &parts)
        let millis = spec.tv_nsec / 1_000_000
        let ms = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) + ".\(ms)Z"
    }
}
