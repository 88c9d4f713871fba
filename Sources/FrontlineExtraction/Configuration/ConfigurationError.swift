/// A configuration file that cannot be used: names the file and the entry so an operator can fix it.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var entry: String?
    public var message: String

    public init(file: String, entry: String? = nil, message: String) {
        self.file = file
        self.entry = entry
        self.message = message
    }

    public var description: String {
        if let entry { return "\(file): entry '\(entry)': \(message)" }
        return "\(file): \(message)"
    }
}
