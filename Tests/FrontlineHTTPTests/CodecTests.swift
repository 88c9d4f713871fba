import FrontlineHTTP
import Testing

@Suite struct CodecTests {
    @Test func parser_readsARequestWithQueryAndHeaders() throws {
        let bytes = Array("GET /api/events/12?type=capture&type=assault&q=a%20b HTTP/1.1\r\nHost: x\r\nX-Mixed-Case: Yes\r\n\r\n".utf8)
        guard case .complete(let request, let consumed, let keepAlive) = try HTTPRequestParser.parse(bytes) else {
            Issue.record("incomplete")
            return
        }
        #expect(consumed == bytes.count)
        #expect(keepAlive)
        #expect(request.method == .get)
        #expect(request.path == "/api/events/12")
        #expect(request.queryValues("type") == ["capture", "assault"])
        #expect(request.queryValue("q") == "a b")
        #expect(request.headers["x-mixed-case"] == "Yes")
    }

    @Test func parser_waitsForTheWholeBody() throws {
        let partial = Array("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nhello".utf8)
        guard case .incomplete = try HTTPRequestParser.parse(partial) else {
            Issue.record("expected incomplete")
            return
        }
    }

    @Test func parser_acceptsLeadingZeroContentLength() throws {
        let bytes = Array("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 005\r\n\r\nhello".utf8)
        guard case .complete(let request, _, _) = try HTTPRequestParser.parse(bytes) else {
            Issue.record("incomplete")
            return
        }
        #expect(request.bodyText == "hello")
    }

    @Test func chunkedDecoder_handlesSplitInput() throws {
        let wire = Array("4\r\nWiki\r\n5;note=x\r\npedia\r\n0\r\n\r\n".utf8)
        for cut in 1..<wire.count {
            var decoder = ChunkedDecoder()
            var body: [UInt8] = []
            var buffer = Array(wire[0..<cut])
            var position = try decoder.decode(buffer, from: 0, into: &body, limits: HTTPParserLimits())
            buffer += wire[cut...]
            position = try decoder.decode(buffer, from: position, into: &body, limits: HTTPParserLimits())
            #expect(decoder.isComplete)
            #expect(position == wire.count)
            #expect(String(decoding: body, as: UTF8.self) == "Wikipedia")
        }
    }

    @Test func manyTinyChunks_hitTheOverheadBudget() {
        let wire = Array(String(repeating: "1\r\na\r\n", count: 30_000).utf8)
        var decoder = ChunkedDecoder()
        var body: [UInt8] = []
        #expect(throws: HTTPParseError.self) {
            _ = try decoder.decode(wire, from: 0, into: &body, limits: HTTPParserLimits())
        }
    }

    @Test func gzip_roundTripsAndBoundsDecompression() throws {
        let original = Array(String(repeating: "Mazar-i-Sharif ", count: 1000).utf8)
        let compressed = Gzip.compress(original)
        #expect(compressed.starts(with: [0x1F, 0x8B]))
        #expect(try Gzip.decompress(compressed, maxOutput: original.count) == original)
        #expect(throws: Gzip.Failure.outputLimitExceeded(limit: 1000)) {
            _ = try Gzip.decompress(compressed, maxOutput: 1000)
        }
        #expect(throws: Gzip.Failure.self) {
            _ = try Gzip.decompress(Array(compressed.dropLast(12)), maxOutput: 1 << 20)
        }
        #expect(throws: Gzip.Failure.self) {
            _ = try Gzip.decompress(Array("not gzip at all".utf8), maxOutput: 1 << 20)
        }
    }

    @Test func gzipBomb_isStoppedAtTheLimitWithoutInflatingIt() throws {
        let bomb = Gzip.compress([UInt8](repeating: 0, count: 64 * 1024 * 1024))
        #expect(bomb.count < 100_000)
        #expect(throws: Gzip.Failure.outputLimitExceeded(limit: 1 << 20)) {
            _ = try Gzip.decompress(bomb, maxOutput: 1 << 20)
        }
    }

    @Test(arguments: [
        ("gzip", true), ("gzip;q=0", false), ("br, gzip;q=0.1", true), ("*", true), ("*;q=0", false),
        ("identity", false), ("gzip;q=0, *", false), ("x-gzip", true), ("", false), ("GZIP; Q=0.5", true),
    ])
    func acceptEncoding_qValues(_ header: String, _ expected: Bool) {
        #expect(GzipMiddleware.acceptsGzip([header]) == expected)
    }
}
