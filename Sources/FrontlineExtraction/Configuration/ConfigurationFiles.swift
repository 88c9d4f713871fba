import Foundation

/// The JSON shapes of the Config files, decoded before validation.
enum ConfigurationFiles {
    struct GazetteerFile: Decodable {
        struct Province: Decodable {
            var id: String
            var name: String
            var isoCode: String
            var aliases: [String]?
            var capital: String
        }
        struct Place: Decodable {
            var id: String
            var name: String
            var kind: String
            var province: String
            var capital: Bool?
            var lat: Double
            var lon: Double
            var aliases: [String]?
        }
        var provinces: [Province]
        var places: [Place]
    }

    struct EventsFile: Decodable {
        struct TypeEntry: Decodable {
            var id: String
            var mapsTo: String?
            var actor: String?
            var suppresses: [String]?
            var follows: String?
            var cues: [String]
        }
        var types: [TypeEntry]
    }

    struct ActorsFile: Decodable {
        struct Actor: Decodable {
            var id: String
            var name: String
            var kind: String
            var party: Bool
            var affiliation: String?
            var aliases: [String]?
        }
        var actors: [Actor]
    }

    struct OutletsFile: Decodable {
        struct Outlet: Decodable {
            var id: String
            var name: String
            var kind: String
            var domain: String?
            var aliases: [String]?
        }
        var outlets: [Outlet]
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(type, from: data)
        } catch let error as DecodingError {
            throw ConfigurationError(file: file, entry: path(of: error), message: reason(of: error))
        } catch {
            throw ConfigurationError(file: file, message: "not valid JSON: \(error)")
        }
    }

    private static func path(of error: DecodingError) -> String? {
        let path: [any CodingKey]
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            path = context.codingPath
        case .keyNotFound(let key, let context):
            path = context.codingPath + [key]
        @unknown default:
            return nil
        }
        if path.isEmpty { return nil }
        return path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    private static func reason(of error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, _): return "expected \(type)"
        case .valueNotFound(let type, _): return "missing \(type)"
        case .keyNotFound: return "missing key"
        case .dataCorrupted(let context): return "not valid JSON: \(context.debugDescription)"
        @unknown default: return "cannot decode"
        }
    }
}
