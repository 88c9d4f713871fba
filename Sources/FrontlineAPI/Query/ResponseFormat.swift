import FrontlineHTTP

/// The representation a list is asked for: `?format=` wins, then `Accept`, then JSON.
enum ResponseFormat: String, CaseIterable {
    case json, csv, ndjson

    static let parameter = "format"

    /// - Throws: `HTTPError` 400 for an unknown `format` value.
    static func of(_ request: HTTPRequest, _ query: QueryParameters) throws -> ResponseFormat {
        if let value = try query.choice(parameter, allCases.map(\.rawValue)) { return ResponseFormat(rawValue: value)! }
        let accept = request.headers.tokens(for: "Accept")
        for element in accept {
            let type = element.split(separator: ";").first.map { HTTPSyntaxLite.trim($0) } ?? ""
            if type == "application/json" { return .json }
            if type == "text/csv" { return .csv }
            if type == "application/x-ndjson" || type == "application/ndjson" { return .ndjson }
        }
        return .json
    }

    var contentType: String {
        switch self {
        case .json: return "application/json"
        case .csv: return "text/csv; charset=utf-8; header=present"
        case .ndjson: return "application/x-ndjson"
        }
    }

    /// A short tag that keeps ETags of different representations of one URL apart.
    var tag: String {
        switch self {
        case .json: return "j"
        case .csv: return "c"
        case .ndjson: return "n"
        }
    }
}

enum HTTPSyntaxLite {
    static func trim(_ text: Substring) -> String {
        var slice = text
        while slice.first == " " || slice.first == "\t" { slice = slice.dropFirst() }
        while slice.last == " " || slice.last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
