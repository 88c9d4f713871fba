/// Incremental decoder for the chunked transfer coding (RFC 9112 §7.1).
///
/// Strict: sizes are 1–16 hex digits with nothing but an optional `;extension` after them,
/// every line ends in CRLF, chunk data is followed by exactly CRLF. Framing overhead (size lines,
/// extensions, trailers) is budgeted so a stream of 1-byte chunks cannot burn CPU forever.
public struct ChunkedDecoder: Sendable {
    enum State: Sendable, Equatable {
        case size
        case data(remaining: Int)
        case dataEnd
        case trailer
        case done
    }

    var state: State = .size
    var overhead = 0

    public init() {}

    public var isComplete: Bool { state == .done }

    /// Decodes as much of `bytes[from...]` as possible, appending chunk data to `body`.
    /// - Returns: the index of the first byte not consumed.
    /// - Throws: `HTTPParseError` (400 for bad framing, 413 past `maxBodyBytes`).
    public mutating func decode(_ bytes: [UInt8], from start: Int, into body: inout [UInt8], limits: HTTPParserLimits) throws(HTTPParseError) -> Int {
        var index = start
        while index < bytes.count {
            switch state {
            case .size:
                guard let line = try takeLine(bytes, from: index, limits: limits) else { return index }
                let size = try Self.parseSize(bytes[index..<line.contentEnd])
                if size > limits.maxBodyBytes - body.count { throw .bodyTooLarge }
                index = line.next
                state = size == 0 ? .trailer : .data(remaining: size)
            case .data(let remaining):
                let available = min(remaining, bytes.count - index)
                body.append(contentsOf: bytes[index..<(index + available)])
                index += available
                state = remaining == available ? .dataEnd : .data(remaining: remaining - available)
            case .dataEnd:
                guard bytes.count - index >= 2 else {
                    if bytes[index] != 13 { throw .bad("chunk data not followed by CRLF") }
                    return index
                }
                guard bytes[index] == 13, bytes[index + 1] == 10 else { throw .bad("chunk data not followed by CRLF") }
                index += 2
                overhead += 2
                state = .size
            case .trailer:
                guard let line = try takeLine(bytes, from: index, limits: limits) else { return index }
                let content = bytes[index..<line.contentEnd]
                index = line.next
                if content.isEmpty {
                    state = .done
                    return index
                }
                guard let colon = content.firstIndex(of: UInt8(ascii: ":")), colon > content.startIndex,
                      content[content.startIndex..<colon].allSatisfy(HTTPSyntax.isTokenChar),
                      content[(colon + 1)...].allSatisfy(HTTPSyntax.isFieldValueByte) else {
                    throw .bad("malformed trailer field")
                }
            case .done:
                return index
            }
        }
        return index
    }

    /// Finds a CRLF-terminated line, charging it to the overhead budget.
    private mutating func takeLine(_ bytes: [UInt8], from start: Int, limits: HTTPParserLimits) throws(HTTPParseError) -> (contentEnd: Int, next: Int)? {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 10 { throw .bad("bare LF in chunked framing") }
            if byte == 13 {
                guard index + 1 < bytes.count else { break }
                guard bytes[index + 1] == 10 else { throw .bad("bare CR in chunked framing") }
                overhead += index + 2 - start
                if overhead > limits.maxChunkOverheadBytes { throw .bad("chunked framing overhead too large") }
                return (index, index + 2)
            }
            index += 1
        }
        if overhead + (index - start) > limits.maxChunkOverheadBytes { throw .bad("chunked framing overhead too large") }
        return nil
    }

    static func parseSize(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> Int {
        var size = 0
        var digits = 0
        var index = line.startIndex
        while index < line.endIndex, let value = PercentDecoding.hexValue(line[index]) {
            digits += 1
            if digits > 15 { throw .bad("chunk size too large") }
            size = size << 4 | Int(value)
            index += 1
        }
        guard digits > 0 else { throw .bad("invalid chunk size") }
        if index < line.endIndex {
            guard line[index] == UInt8(ascii: ";") else { throw .bad("invalid chunk size") }
            guard line[(index + 1)...].allSatisfy({ HTTPSyntax.isFieldValueByte($0) && $0 != 9 }) else {
                throw .bad("invalid chunk extension")
            }
        }
        return size
    }
}
