/// RFC 4180 rows: CRLF line ends; a field with a comma, quote, CR or LF is quoted and its quotes
/// doubled; null is an empty field.
struct CSVWriter {
    private(set) var bytes: [UInt8] = []

    mutating func row(_ fields: [String?]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            guard let field else { continue }
            let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 13 || $0 == 10 }
            if needsQuotes {
                bytes.append(UInt8(ascii: "\""))
                for byte in field.utf8 {
                    if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                    bytes.append(byte)
                }
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes.append(contentsOf: field.utf8)
            }
        }
        bytes.append(13)
        bytes.append(10)
    }

    mutating func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }
}
