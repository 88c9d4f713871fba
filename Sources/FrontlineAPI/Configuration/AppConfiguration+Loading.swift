import Foundation

extension AppConfiguration {
    /// The default configuration file, relative to the working directory.
    public static let defaultFile = "Config/frontline.json"

    /// Builds the configuration from the file, the environment and flags, in that precedence.
    /// - Parameters:
    ///   - file: an explicit `--config` path (must exist), or nil for `Config/frontline.json` when present.
    ///   - environment: the process environment (only `main` reads it; tests pass a dictionary).
    ///   - flags: values from the command line, by key name (`"port": "9000"`).
    /// - Throws: `ConfigurationError` naming the key and the source.
    public static func load(file: String?, environment: [String: String], flags: [String: String] = [:]) throws -> AppConfiguration {
        var config = AppConfiguration()
        let path = file ?? defaultFile
        if FileManager.default.fileExists(atPath: path) {
            try config.apply(fileValues: try readFile(path), source: path)
        } else if file != nil {
            throw ConfigurationError(key: "config", source: "--config", message: "no such file: \(path)")
        }
        for key in keys {
            if let value = environment[key.environment] { try config.apply(key, value, source: "environment \(key.environment)") }
        }
        for (name, value) in flags.sorted(by: { $0.key < $1.key }) {
            guard let key = keys.first(where: { $0.name == name }) else {
                throw ConfigurationError(key: name, source: "flags", message: "unknown key")
            }
            try config.apply(key, value, source: "--\(name.replacingOccurrences(of: "_", with: "-"))")
        }
        let token = environment[config.apiTokenEnvironmentVariable].flatMap { $0.isEmpty ? nil : $0 }
        config.apiToken = token
        return config
    }

    mutating func apply(_ key: Key, _ value: String, source: String) throws {
        do {
            try key.apply(&self, value)
        } catch {
            throw ConfigurationError(key: key.name, source: source, message: error.message)
        }
    }

    mutating func apply(fileValues: [String: String], source: String) throws {
        for (name, value) in fileValues.sorted(by: { $0.key < $1.key }) {
            guard let key = AppConfiguration.keys.first(where: { $0.name == name }) else {
                throw ConfigurationError(key: name, source: source, message: "unknown key (see the README configuration table)")
            }
            try apply(key, value, source: source)
        }
    }

    /// Reads a flat JSON object; values become text (arrays joined with `,`). Keys starting with
    /// `_` are comments and ignored.
    static func readFile(_ path: String) throws -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(key: "config", source: path, message: "cannot read file")
        }
        let object: [String: FileValue]
        do {
            object = try JSONDecoder().decode([String: FileValue].self, from: data)
        } catch {
            throw ConfigurationError(key: "config", source: path, message: "must be a flat JSON object of strings, numbers, booleans and arrays (\(error))")
        }
        var values: [String: String] = [:]
        for (name, value) in object where !name.hasPrefix("_") { values[name] = value.text }
        return values
    }

    /// A JSON value as the loader understands it.
    enum FileValue: Decodable {
        case text(String)
        case list([FileValue])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) { self = .text(flag ? "true" : "false") }
            else if let integer = try? container.decode(Int.self) { self = .text(String(integer)) }
            else if let number = try? container.decode(Double.self) { self = .text(String(number)) }
            else if let string = try? container.decode(String.self) { self = .text(string) }
            else { self = .list(try container.decode([FileValue].self)) }
        }

        var text: String {
            switch self {
            case .text(let text): return text
            case .list(let values): return values.map(\.text).joined(separator: ",")
            }
        }
    }
}
