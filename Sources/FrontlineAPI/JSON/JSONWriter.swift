/// Writes JSON straight into a byte buffer: the hot list endpoints use it instead of
/// `JSONEncoder`, which costs about 2.8 µs per object (../shared/bench/BASELINE.md).
///
/// The writer tracks commas itself: call `key`, then exactly one value, and `beginObject` /
/// `endObject` around members. It does not validate nesting; the resource writers in
/// `ResourceJSON.swift` are the only callers and are covered by round-trip tests.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// True right after `{`, `[` or a key: the next element needs no comma.
    private var fresh = true

    public init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    private mutating func separator() {
        if !fresh { bytes.append(UInt8(ascii: ",")) }
        fresh = false
    }

    public mutating func beginObject() { separator(); bytes.append(UInt8(ascii: "{")); fresh = true }
    public mutating func endObject() { bytes.append(UInt8(ascii: "}")); fresh = false }
    public mutating func beginArray() { separator(); bytes.append(UInt8(ascii: "[")); fresh = true }
    public mutating func endArray() { bytes.append(UInt8(ascii: "]")); fresh = false }

    /// A member name; the next call writes its value.
    public mutating func key(_ name: StaticString) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        fresh = true
    }

    /// A member name known only at run time (keys of `numbers`, event-type counts).
    public mutating func dynamicKey(_ name: String) {
        separator()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        fresh = true
    }

    public mutating func null() { separator(); append("null") }

    public mutating func string(_ value: String) { separator(); appendQuoted(value) }

    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    public mutating func int<T: BinaryInteger>(_ value: T) {
        separator()
        append(String(value))
    }

    public mutating func int<T: BinaryInteger>(_ value: T?) {
        if let value { int(value) } else { null() }
    }

    /// A finite double in its shortest round-trip form; non-finite values become null.
    public mutating func double(_ value: Double?) {
        guard let value, value.isFinite else { return null() }
        separator()
        if value == value.rounded(), abs(value) < 1e15 { append(String(Int64(value))) } else { append(String(value)) }
    }

    public mutating func bool(_ value: Bool) { separator(); append(value ? "true" : "false") }

    /// Already-encoded JSON (stored JSON columns); empty text becomes null.
    public mutating func raw(_ json: String?) {
        guard let json, !json.isEmpty else { return null() }
        separator()
        append(json)
    }

    public mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    /// Convenience: `"name": value` pairs.
    public mutating func field(_ name: StaticString, _ value: String?) { key(name); string(value) }
    public mutating func field(_ name: StaticString, _ value: Int64?) { key(name); int(value) }
    public mutating func field(_ name: StaticString, _ value: Int) { key(name); int(value) }
    public mutating func field(_ name: StaticString, _ value: Bool) { key(name); bool(value) }

    /// Appends unescaped text (JSON punctuation, a newline between NDJSON records).
    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Starts a new top-level value (NDJSON: one record per line).
    public mutating func resetSeparator() { fresh = true }

    /// Takes the bytes written so far and empties the buffer (for streaming).
    public mutating func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true); fresh = true }
        return bytes
    }

    private mutating func appendQuoted(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if start < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index])) }
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""): append("\\\"")
                case UInt8(ascii: "\\"): append("\\\\")
                case 0x0A: append("\\n")
                case 0x0D: append("\\r")
                case 0x09: append("\\t")
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                              hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                }
            }
            if start < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
