#if canImport(Glibc)
import Glibc
#endif
import Foundation
import FrontlineTestSupport
import Testing

/// `GET /api/stream` through the real server: push within a second, resume by Last-Event-ID.
@Suite struct StreamTests {
    /// Reads a chunked SSE body incrementally from a raw connection.
    final class SSEReader {
        let client: TestClient
        var text = ""

        init(port: Int, lastEventID: String? = nil) throws {
            client = try TestClient(port: port, timeout: 0.1)
            var request = "GET /api/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
            if let lastEventID { request += "Last-Event-ID: \(lastEventID)\r\n" }
            try client.send(request + "\r\n")
        }

        /// Reads until `condition` holds on the text so far, or `seconds` pass.
        func read(seconds: Double, until condition: (String) -> Bool) -> Bool {
            waitFor(seconds: seconds) {
                var buffer = [UInt8](repeating: 0, count: 65536)
                let count = recv(client.fd, &buffer, buffer.count, 0)
                if count > 0 { text += String(decoding: buffer[0..<count], as: UTF8.self) }
                return condition(text)
            }
        }

        /// The `id:` values of the `event: event` records received.
        var ids: [Int] {
            // Chunk framing uses CRLF; SSE records use LF. Dropping CR leaves chunk sizes as stray lines.
            text.replacingOccurrences(of: "\r", with: "").components(separatedBy: "\n\n").compactMap { record -> Int? in
                let lines = record.components(separatedBy: "\n")
                guard lines.contains("event: event"), let id = lines.first(where: { $0.hasPrefix("id: ") }) else { return nil }
                return Int(id.dropFirst(4))
            }
        }
    }

    static func article(_ city: String, _ index: Int) -> [String: Any] {
        ["url": "https://example.org/stream/\(index)", "published_at": "2021-08-0\(index % 9 + 1)",
         "text": "Taliban fighters captured \(city) on Friday after days of fighting, local officials said."]
    }

    @Test func newEvent_arrivesWithinASecond_andLastEventIDResumes() throws {
        let api = try LiveAPI()
        let stream = try SSEReader(port: api.port)
        #expect(stream.read(seconds: 5) { $0.contains("text/event-stream") && $0.contains("retry:") })
        var clock = timespec()
        clock_gettime(CLOCK_MONOTONIC, &clock)
        let posted = Double(clock.tv_sec) + Double(clock.tv_nsec) / 1e9
        #expect(try api.postJSON(Self.article("Zaranj", 1)).status == 201)
        #expect(stream.read(seconds: 1) { $0.contains("event: event") }, "no event within a second: \(stream.text)")
        clock_gettime(CLOCK_MONOTONIC, &clock)
        #expect(Double(clock.tv_sec) + Double(clock.tv_nsec) / 1e9 - posted < 1.0)
        #expect(stream.text.contains("\"city\":\"zaranj\""))
        let lastID = try #require(stream.ids.last, "\(stream.text.debugDescription)")
        stream.client.closeNow()

        #expect(try api.postJSON(Self.article("Sheberghan", 2)).status == 201)
        let resumed = try SSEReader(port: api.port, lastEventID: String(lastID))
        #expect(resumed.read(seconds: 2) { $0.contains("sheberghan") }, "\(resumed.text)")
        #expect(!resumed.text.contains("\"city\":\"zaranj\""))
        #expect(resumed.ids.allSatisfy { $0 > lastID })
        let bad = try api.get("/api/stream", headers: [("Last-Event-ID", "yesterday")])
        #expect(bad.status == 400)
    }
}
