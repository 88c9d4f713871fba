/// A strict HTTP/1.1 request parser: pure functions over bytes, no sockets, no state beyond
/// what the caller passes in, so it can be unit-tested and fuzzed.
///
/// Strictness follows RFC 9112 and llhttp's strict mode: CRLF line endings only (a bare LF or
/// bare CR is an error), no obs-fold, no whitespace before a colon, no control bytes in values,
/// one `Content-Length` with digits only, `Transfer-Encoding` only as exactly `chunked`, never
/// both, and `Host` exactly once on HTTP/1.1.
public enum HTTPRequestParser {
    /// The outcome of `parse(_:limits:)`.
    public enum Outcome: Sendable {
        case incomplete
        case complete(HTTPRequest, consumed: Int, keepAlive: Bool)
    }

    // MARK: - One-shot parsing

    /// Parses one complete request from the start of `bytes` (head and body).
    /// - Throws: `HTTPParseError` for anything malformed or over a limit.
    public static func parse(_ bytes: [UInt8], limits: HTTPParserLimits = HTTPParserLimits()) throws(HTTPParseError) -> Outcome {
        let start = skipEmptyLines(bytes, from: 0)
        var scanned = start
        guard let headEnd = try scanHead(bytes, start: start, scanned: &scanned, limits: limits) else { return .incomplete }
        var head = try parseHead(bytes[start..<headEnd], limits: limits, remoteAddress: "")
        switch head.framing {
        case .none:
            return .complete(head.request, consumed: headEnd, keepAlive: head.keepAlive)
        case .length(let length):
            guard bytes.count - headEnd >= length else { return .incomplete }
            head.request.body = Array(bytes[headEnd..<(headEnd + length)])
            return .complete(head.request, consumed: headEnd + length, keepAlive: head.keepAlive)
        case .chunked:
            var decoder = ChunkedDecoder()
            var body: [UInt8] = []
            let end = try decoder.decode(bytes, from: headEnd, into: &body, limits: limits)
            guard decoder.isComplete else { return .incomplete }
            head.request.body = body
            return .complete(head.request, consumed: end, keepAlive: head.keepAlive)
        }
    }

    // MARK: - Incremental pieces used by the connection

    /// Skips the empty lines a client may send between requests (RFC 9112 §2.2).
    public static func skipEmptyLines(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index + 1 < bytes.count, bytes[index] == 13, bytes[index + 1] == 10 { index += 2 }
        return index
    }

    /// Looks for the end of the head (`CRLF CRLF`) starting at `scanned`, validating line endings
    /// on the way so each byte is examined once however the request is fragmented.
    /// - Returns: the index just past the head, or nil when more bytes are needed.
    public static func scanHead(_ bytes: [UInt8], start: Int, scanned: inout Int, limits: HTTPParserLimits) throws(HTTPParseError) -> Int? {
        var index = max(scanned, start)
        let end = bytes.count
        while index < end {
            let byte = bytes[index]
            if byte == 10 {
                guard index > start, bytes[index - 1] == 13 else { throw .bad("bare LF") }
                if index - start >= 3, bytes[index - 2] == 10, bytes[index - 3] == 13 {
                    scanned = index + 1
                    return index + 1
                }
            } else if byte == 13 {
                guard index + 1 < end else { break }
                guard bytes[index + 1] == 10 else { throw .bad("bare CR") }
            }
            index += 1
        }
        scanned = index
        let length = index - start
        if length > limits.maxRequestLineBytes + 2 {
            let lineWindow = bytes[start..<(start + limits.maxRequestLineBytes + 2)]
            if !lineWindow.contains(10) { throw .uriTooLong }
        }
        if length > limits.maxRequestLineBytes + limits.maxHeaderBytes + 4 { throw .headersTooLarge }
        return nil
    }

    /// Parses a complete head (`request-line CRLF *(field-line CRLF) CRLF`).
    public static func parseHead(_ head: ArraySlice<UInt8>, limits: HTTPParserLimits, remoteAddress: String) throws(HTTPParseError) -> RequestHead {
        guard let lineEnd = head.firstIndex(of: 13) else { throw .bad("no request line") }
        if lineEnd - head.startIndex > limits.maxRequestLineBytes { throw .uriTooLong }
        if head.endIndex - lineEnd > limits.maxHeaderBytes + 4 { throw .headersTooLarge }
        let line = head[head.startIndex..<lineEnd]
        let parts = line.split(separator: 32, maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .bad("malformed request line") }
        let method = HTTPMethod(rawValue: String(decoding: parts[0], as: UTF8.self))
        guard method.isValidToken else { throw .bad("invalid method") }
        let version = try parseVersion(parts[2])
        let targetBytes = parts[1]
        guard !targetBytes.isEmpty, targetBytes.allSatisfy(HTTPSyntax.isTargetByte) else { throw .bad("invalid request target") }
        let (path, query) = try parseTarget(targetBytes, method: method)
        let headers = try parseFields(head[(lineEnd + 2)...], limits: limits)
        let request = HTTPRequest(
            method: method, path: path, target: String(decoding: targetBytes, as: UTF8.self), query: query,
            headers: headers, body: [], version: version, remoteAddress: remoteAddress)
        return try frame(request, limits: limits)
    }

    // MARK: - Pieces

    static func parseVersion(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPVersion {
        let text = Array(bytes)
        if text == Array("HTTP/1.1".utf8) { return .http1_1 }
        if text == Array("HTTP/1.0".utf8) { return .http1_0 }
        if text.count == 8, text.starts(with: Array("HTTP/".utf8)),
           (48...57).contains(text[5]), text[6] == UInt8(ascii: "."), (48...57).contains(text[7]) {
            throw HTTPParseError(status: .httpVersionNotSupported, reason: "unsupported HTTP version")
        }
        throw .bad("invalid HTTP version")
    }

    static func parseTarget(_ target: ArraySlice<UInt8>, method: HTTPMethod) throws(HTTPParseError) -> (String, [HTTPQueryItem]) {
        var slice = target
        if slice.first == UInt8(ascii: "*") {
            guard slice.count == 1, method == .options else { throw .bad("invalid asterisk-form") }
            return ("*", [])
        }
        if slice.first != UInt8(ascii: "/") {
            // absolute-form (RFC 9112 §3.2.2): keep only the path and query.
            let lower = slice.prefix(8).map(HTTPSyntax.lower)
            let schemeLength = lower.starts(with: Array("https://".utf8)) ? 8 : lower.starts(with: Array("http://".utf8)) ? 7 : 0
            guard schemeLength > 0 else { throw .bad("invalid request target") }
            let rest = slice.dropFirst(schemeLength)
            guard let slash = rest.firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }) else {
                return ("/", [])
            }
            slice = rest[slash...]
            if slice.first == UInt8(ascii: "?") { throw .bad("invalid request target") }
        }
        if slice.contains(UInt8(ascii: "#")) { throw .bad("fragment in request target") }
        let queryStart = slice.firstIndex(of: UInt8(ascii: "?"))
        let pathBytes = slice[slice.startIndex..<(queryStart ?? slice.endIndex)]
        do {
            let path = try PercentDecoding.decode(pathBytes, plusIsSpace: false)
            let query = try queryStart.map { try PercentDecoding.queryItems(slice[($0 + 1)...]) } ?? []
            return (path, query)
        } catch {
            throw .bad("malformed percent-encoding")
        }
    }

    static func parseFields(_ bytes: ArraySlice<UInt8>, limits: HTTPParserLimits) throws(HTTPParseError) -> HTTPHeaders {
        var headers = HTTPHeaders()
        var index = bytes.startIndex
        while index < bytes.endIndex {
            guard let cr = bytes[index...].firstIndex(of: 13) else { throw .bad("unterminated field line") }
            if cr == index { break }
            let line = bytes[index..<cr]
            index = cr + 2
            if line.first == 32 || line.first == 9 { throw .bad("obsolete line folding") }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else { throw .bad("malformed field line") }
            let name = line[line.startIndex..<colon]
            guard name.allSatisfy(HTTPSyntax.isTokenChar) else { throw .bad("invalid field name") }
            var value = line[(colon + 1)...]
            while let first = value.first, first == 32 || first == 9 { value = value.dropFirst() }
            while let last = value.last, last == 32 || last == 9 { value = value.dropLast() }
            guard value.allSatisfy(HTTPSyntax.isFieldValueByte) else { throw .bad("control character in field value") }
            if headers.count >= limits.maxHeaderCount { throw .tooManyHeaders }
            headers.add(String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
        }
        return headers
    }

    static func frame(_ request: HTTPRequest, limits: HTTPParserLimits) throws(HTTPParseError) -> RequestHead {
        let headers = request.headers
        let hosts = headers.values(for: "Host")
        if request.version == .http1_1 && hosts.isEmpty { throw .bad("missing Host") }
        if hosts.count > 1 { throw .bad("duplicate Host") }
        if let host = hosts.first, !isValidHost(host) { throw .bad("invalid Host") }

        let transferEncodings = headers.values(for: "Transfer-Encoding")
        let lengths = headers.values(for: "Content-Length")
        var framing = RequestHead.Framing.none
        if !transferEncodings.isEmpty {
            if request.version == .http1_0 { throw .bad("Transfer-Encoding on HTTP/1.0") }
            if !lengths.isEmpty { throw .bad("both Content-Length and Transfer-Encoding") }
            guard transferEncodings.count == 1, HTTPSyntax.equalsIgnoringCase(transferEncodings[0], "chunked") else {
                throw .bad("unsupported transfer coding")
            }
            framing = .chunked
        } else if !lengths.isEmpty {
            guard lengths.count == 1 else { throw .bad("duplicate Content-Length") }
            let digits = lengths[0].utf8
            guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }), let length = Int(lengths[0]) else {
                throw .bad("invalid Content-Length")
            }
            if length > limits.maxBodyBytes { throw .bodyTooLarge }
            framing = length > 0 ? .length(length) : .none
        }

        let connection = headers.tokens(for: "Connection")
        let keepAlive = request.version == .http1_1 ? !connection.contains("close") : connection.contains("keep-alive")
        var expectsContinue = false
        if let expect = headers["Expect"] {
            guard expect.lowercased() == "100-continue" else {
                throw HTTPParseError(status: .expectationFailed, reason: "unsupported expectation")
            }
            expectsContinue = request.version == .http1_1 && framing != .none
        }
        return RequestHead(request: request, framing: framing, keepAlive: keepAlive, expectsContinue: expectsContinue)
    }

    /// `uri-host [ ":" port ]` (RFC 9110 §7.2): reg-name or IP literal, port 0–65535.
    static func isValidHost(_ host: String) -> Bool {
        if host.isEmpty { return true }
        var name = Substring(host)
        if name.hasPrefix("[") {
            guard let close = name.firstIndex(of: "]") else { return false }
            let literal = name[name.index(after: name.startIndex)..<close]
            guard !literal.isEmpty, literal.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return false }
            name = name[name.index(after: close)...]
            if name.isEmpty { return true }
            guard name.hasPrefix(":") else { return false }
            return isValidPort(name.dropFirst())
        }
        if let colon = name.lastIndex(of: ":") {
            guard isValidPort(name[name.index(after: colon)...]) else { return false }
            name = name[name.startIndex..<colon]
        }
        guard !name.isEmpty, !name.hasPrefix("."), !name.contains("..") else { return false }
        return name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                return true
            default:
                return false
            }
        }
    }

    static func isValidPort(_ text: Substring) -> Bool {
        guard !text.isEmpty, text.count <= 5, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let port = Int(text) else { return false }
        return port <= 65535
    }
}
