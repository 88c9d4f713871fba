extension HTTPRequest {
    /// A request built from a request-target such as `/api/events?type=capture&type=assault`:
    /// the path and query are decoded as the server's parser decodes them. Meant for in-process
    /// calls and tests (`app.handle(HTTPRequest(target: "/api/events?limit=2"))`); a target the
    /// parser would reject keeps its raw text as the path and has no query.
    public init(method: HTTPMethod = .get, target: String, headers: HTTPHeaders = ["Host": "localhost"], body: [UInt8] = []) {
        let bytes = Array(target.utf8)
        if let (path, query) = try? HTTPRequestParser.parseTarget(bytes[...], method: method) {
            self.init(method: method, path: path, target: target, query: query, headers: headers, body: body)
        } else {
            self.init(method: method, path: target, target: target, headers: headers, body: body)
        }
    }
}
