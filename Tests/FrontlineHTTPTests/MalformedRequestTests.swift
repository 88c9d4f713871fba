import FrontlineHTTP
import FrontlineTestSupport
import Testing

/// One malformed input and the status the server must answer before closing.
struct MalformedCase: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let status: Int
    var testDescription: String { name }

    init(_ name: String, _ text: String, _ status: Int = 400) {
        self.name = name
        self.bytes = Array(text.utf8)
        self.status = status
    }

    init(_ name: String, bytes: [UInt8], _ status: Int = 400) {
        self.name = name
        self.bytes = bytes
        self.status = status
    }
}

let head = "GET / HTTP/1.1\r\nHost: a\r\n"
let post = "POST /echo HTTP/1.1\r\nHost: a\r\n"

let malformedCases: [MalformedCase] = [
    MalformedCase("two Content-Length lines", post + "Content-Length: 5\r\nContent-Length: 10\r\n\r\nhello"),
    MalformedCase("Content-Length list", post + "Content-Length: 5, 10\r\n\r\nhello"),
    MalformedCase("identical duplicate Content-Length", post + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello"),
    MalformedCase("empty Content-Length", post + "Content-Length: \r\n\r\n"),
    MalformedCase("Content-Length +5", post + "Content-Length: +5\r\n\r\nhello"),
    MalformedCase("Content-Length -1", post + "Content-Length: -1\r\n\r\n"),
    MalformedCase("Content-Length hex", post + "Content-Length: 0x10\r\n\r\n"),
    MalformedCase("Content-Length 5Z", post + "Content-Length: 5Z\r\n\r\nhello"),
    MalformedCase("Content-Length 5 5", post + "Content-Length: 5 5\r\n\r\nhello"),
    MalformedCase("Content-Length overflow", post + "Content-Length: 123456789012345678901\r\n\r\n"),
    MalformedCase("CL.TE smuggling", post + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\n\r\n"),
    MalformedCase("TE.CL smuggling", post + "Transfer-Encoding: chunked\r\nContent-Length: 30\r\n\r\n0\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\n\r\n"),
    MalformedCase("xchunked", post + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n"),
    MalformedCase("chunked, identity", post + "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n"),
    MalformedCase("gzip, chunked", post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"),
    MalformedCase("two TE lines", post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
    MalformedCase("TE on HTTP/1.0", "POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
    MalformedCase("space before colon", post + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n"),
    MalformedCase("obs-fold", head + "X-Folded: a\r\n b\r\n\r\n"),
    MalformedCase("obs-fold as first field", "GET / HTTP/1.1\r\n Host: a\r\n\r\n"),
    MalformedCase("bare CR in value", head + "X-A: b\rc\r\n\r\n"),
    MalformedCase("bare LF line endings", "GET / HTTP/1.1\nHost: a\n\n"),
    MalformedCase("CR as separator", "GET / HTTP/1.1\r\nHost: a\rX-B: c\r\n\r\n"),
    MalformedCase("NUL in value", bytes: Array((head + "X-A: b").utf8) + [0] + Array("c\r\n\r\n".utf8)),
    MalformedCase("BEL in value", bytes: Array((head + "X-A: b").utf8) + [7] + Array("c\r\n\r\n".utf8)),
    MalformedCase("DEL in value", bytes: Array((head + "X-A: b").utf8) + [0x7F] + Array("c\r\n\r\n".utf8)),
    MalformedCase("empty field name", head + ": value\r\n\r\n"),
    MalformedCase("invalid byte in name", head + "X[A]: b\r\n\r\n"),
    MalformedCase("invalid method", "G(T / HTTP/1.1\r\nHost: a\r\n\r\n"),
    MalformedCase("junk before method", bytes: [1] + Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8)),
    MalformedCase("invalid version", "GET / HTTP/1.x\r\nHost: a\r\n\r\n"),
    MalformedCase("HTTP/9.9", "GET / HTTP/9.9\r\nHost: a\r\n\r\n", 505),
    MalformedCase("HTTP/0.9 request", "GET /\r\n\r\n"),
    MalformedCase("no version", "GET / \r\nHost: a\r\n\r\n"),
    MalformedCase("space in target", "GET /a b HTTP/1.1\r\nHost: a\r\n\r\n"),
    MalformedCase("bad percent escape", "GET /%zz HTTP/1.1\r\nHost: a\r\n\r\n"),
    MalformedCase("truncated percent escape", "GET /a%1 HTTP/1.1\r\nHost: a\r\n\r\n"),
    MalformedCase("encoded NUL", "GET /a%00b HTTP/1.1\r\nHost: a\r\n\r\n"),
    MalformedCase("missing Host on 1.1", "GET / HTTP/1.1\r\n\r\n"),
    MalformedCase("two Host lines", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
    MalformedCase("invalid Host", "GET / HTTP/1.1\r\nHost: ..examp-LE.com\r\n\r\n"),
    MalformedCase("Host with slash", "GET / HTTP/1.1\r\nHost: example.com/\\:552\r\n\r\n"),
    MalformedCase("Host port out of range", "GET / HTTP/1.1\r\nHost: example.com:98777\r\n\r\n"),
    MalformedCase("chunk size 0x1", post + "Transfer-Encoding: chunked\r\n\r\n0x1\r\na\r\n0\r\n\r\n"),
    MalformedCase("chunk size -1", post + "Transfer-Encoding: chunked\r\n\r\n-1\r\na\r\n0\r\n\r\n"),
    MalformedCase("chunk size +1", post + "Transfer-Encoding: chunked\r\n\r\n+1\r\na\r\n0\r\n\r\n"),
    MalformedCase("empty chunk size", post + "Transfer-Encoding: chunked\r\n\r\n\r\na\r\n0\r\n\r\n"),
    MalformedCase("chunk size overflow", post + "Transfer-Encoding: chunked\r\n\r\n10000000000000001\r\na\r\n0\r\n\r\n"),
    MalformedCase("space after chunk size", post + "Transfer-Encoding: chunked\r\n\r\n1 \r\na\r\n0\r\n\r\n"),
    MalformedCase("runaway chunk", post + "Transfer-Encoding: chunked\r\n\r\n1\r\nabc\r\n0\r\n\r\n"),
    MalformedCase("bare LF after chunk data", post + "Transfer-Encoding: chunked\r\n\r\n1\r\na\n0\r\n\r\n"),
    MalformedCase("unsupported expectation", post + "Expect: 200-ok\r\nContent-Length: 1\r\n\r\na", 417),
    MalformedCase("request line over 8 KiB", "GET /" + String(repeating: "a", count: 8200) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414),
    MalformedCase("header section over 64 KiB", head + "X-Big: " + String(repeating: "b", count: 66_000) + "\r\n\r\n", 431),
    MalformedCase("101 header fields", head + (0..<101).map { "X-\($0): v\r\n" }.joined() + "\r\n", 431),
    MalformedCase("Content-Length over the limit", post + "Content-Length: 10000000000\r\n\r\n", 413),
    MalformedCase("over the limit with 100-continue (no 100 first)", post + "Content-Length: 10000000000\r\nExpect: 100-continue\r\n\r\n", 413),
]

@Suite struct MalformedRequestTests {
    @Test(arguments: malformedCases)
    func malformedInput_isRejectedAndClosed_withoutReachingAHandler(_ input: MalformedCase) throws {
        let server = try TestServer()
        let client = try server.client()
        try? client.send(input.bytes)
        let response = try client.readResponse()
        #expect(response.status == input.status)
        #expect(response.header("Connection") == "close")
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.header("X-Request-Id") != nil)
        #expect(response.header("Date") != nil)
        #expect(response.text.hasPrefix("{\"error\":{\"code\":"))
        #expect(client.isClosedByServer())
        #expect(server.calls.count == 0)
    }

    @Test func thereAreAtLeast25MalformedCases() {
        #expect(malformedCases.count >= 25)
    }

    @Test func sameInputsByteByByte_giveTheSameStatus() throws {
        let server = try TestServer()
        for input in malformedCases where input.bytes.count < 400 {
            let client = try server.client()
            for byte in input.bytes { try? client.send([byte]) }
            let response = try client.readResponse()
            #expect(response.status == input.status, "\(input.name)")
        }
        #expect(server.calls.count == 0)
    }

    @Test func chunkedBodyOverTheLimit_gets413() throws {
        let server = try TestServer { $0.limits.maxBodyBytes = 64 * 1024 }
        let client = try server.client()
        try client.send(post + "Transfer-Encoding: chunked\r\n\r\n")
        let chunk = String(repeating: "z", count: 32 * 1024)
        for _ in 0..<3 { try? client.send("8000\r\n" + chunk + "\r\n") }
        let response = try client.readResponse()
        #expect(response.status == 413)
        #expect(server.calls.count == 0)
    }
}
