import Foundation
import FrontlineAPI
import FrontlineHTTP
import FrontlineTestSupport
import Testing

/// The real server on a loopback port over a temporary database, with the repository's
/// Config/ (gazetteer, lexicons, demo). Every request goes through sockets.
final class LiveAPI: @unchecked Sendable {
    let temp: TempDatabase
    let app: Application
    let server: HTTPServer
    var port: Int { server.listeningPort }

    init(token: String? = nil, host: String = "127.0.0.1", demo: Bool = false, maxDecompressed: Int = 64 << 20,
         function: String = #function) throws {
        temp = TempDatabase(function: function)
        var server = HTTPServer.Configuration(host: host, port: 0, accessLog: false)
        server.workerCount = 4
        let configuration = AppConfiguration(
            server: server, databasePath: temp.path, publicDirectory: RepositoryPaths.root.appendingPathComponent("Public").path,
            configDirectory: RepositoryPaths.config.path, apiToken: token, demo: demo, logLevel: "error",
            maxDecompressedBytes: maxDecompressed)
        app = try Application(configuration: configuration)
        self.server = app.makeServer()
        try self.server.start()
        self.server.waitUntilListening()
    }

    deinit {
        app.stopStreams()
        server.shutdown()
        app.close()
    }

    /// One request on a fresh connection.
    func send(_ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = []) throws -> TestResponse {
        let client = try TestClient(port: port, timeout: 30)
        var head = "\(method) \(target) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        try client.send(Array((head + "\r\n").utf8) + body)
        return try client.readResponse(head: method == "HEAD")
    }

    func get(_ target: String, headers: [(String, String)] = []) throws -> TestResponse {
        try send("GET", target, headers: headers)
    }

    /// GET that must answer 200 with a JSON object.
    func object(_ target: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let response = try get(target)
        #expect(response.status == 200, "\(target): \(response.status) \(response.text)", sourceLocation: sourceLocation)
        return try JSON.object(response.body)
    }

    /// Every item of a list, following `next_cursor` page by page.
    func all(_ target: String, limit: Int = 7) throws -> [[String: Any]] {
        var items: [[String: Any]] = []
        var cursor: String?
        let separator = target.contains("?") ? "&" : "?"
        repeat {
            var url = target + separator + "limit=\(limit)"
            if let cursor { url += "&cursor=" + cursor }
            let page = try object(url)
            items += page["data"] as? [[String: Any]] ?? []
            cursor = page["next_cursor"] as? String
        } while cursor != nil && items.count < 100_000
        return items
    }

    func postJSON(_ object: [String: Any], token: String? = nil) throws -> TestResponse {
        var headers = [("Content-Type", "application/json")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        return try send("POST", "/api/articles", headers: headers, body: Array(try JSONSerialization.data(withJSONObject: object)))
    }

    /// The five shared seeds with the publication dates issue 6 gives where the text has none.
    static func seedSubmissions() throws -> [[String: Any]] {
        let seeds = try #require(RepositoryPaths.seeds, "../shared/seeds is missing")
        let dates = ["000": "2021-08-15", "001": "2021-08-15", "002": "2021-08-11"]
        let files = try FileManager.default.contentsOfDirectory(atPath: seeds.path).filter { $0.hasSuffix(".txt") }.sorted()
        return try files.map { name in
            let text = try String(contentsOf: seeds.appendingPathComponent(name), encoding: .utf8)
            var object: [String: Any] = ["text": text, "url": "https://seeds.example/\(name)"]
            if let date = dates[String(name.prefix(3))] { object["published_at"] = date }
            return object
        }
    }
}

enum JSON {
    static func object(_ bytes: [UInt8]) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(bytes))
        return try #require(value as? [String: Any], "not a JSON object: \(String(decoding: bytes.prefix(300), as: UTF8.self))")
    }

    static func lines(_ bytes: [UInt8]) throws -> [[String: Any]] {
        try bytes.split(separator: 10).map { try object(Array($0)) }
    }
}

/// RFC 4180 reader for round-trip tests.
enum CSV {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = n }
                    } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\r" {
                continue
            } else if c == "\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
