/// An ordered list of header fields with case-insensitive lookup (RFC 9110 §5.1).
///
/// Order and duplicates are preserved, because the parser must see duplicates to reject them
/// and some fields (`Set-Cookie`) legitimately repeat.
public struct HTTPHeaders: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public private(set) var fields: [Field] = []

    public init() {}
    public init(_ pairs: [(String, String)]) {
        fields = pairs.map { Field(name: $0.0, value: $0.1) }
    }
    public init(dictionaryLiteral elements: (String, String)...) { self.init(elements) }

    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }
    public var count: Int { fields.count }

    /// The first value for `name`, compared case-insensitively.
    public subscript(name: String) -> String? {
        for field in fields where HTTPSyntax.equalsIgnoringCase(field.name, name) { return field.value }
        return nil
    }

    /// All values for `name`, in order.
    public func values(for name: String) -> [String] {
        fields.filter { HTTPSyntax.equalsIgnoringCase($0.name, name) }.map(\.value)
    }

    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// Appends a field, keeping any existing ones with the same name.
    public mutating func add(_ name: String, _ value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Replaces every field called `name` with one field.
    public mutating func set(_ name: String, _ value: String) {
        if let index = fields.firstIndex(where: { HTTPSyntax.equalsIgnoringCase($0.name, name) }) {
            fields[index].value = value
            fields.removeAll { HTTPSyntax.equalsIgnoringCase($0.name, name) && $0.value != value }
            if !fields.contains(where: { HTTPSyntax.equalsIgnoringCase($0.name, name) }) { add(name, value) }
        } else {
            add(name, value)
        }
    }

    public mutating func remove(_ name: String) {
        fields.removeAll { HTTPSyntax.equalsIgnoringCase($0.name, name) }
    }

    /// The comma-separated elements of every `name` field, trimmed and lowercased (RFC 9110 §5.6.1).
    public func tokens(for name: String) -> [String] {
        values(for: name).flatMap { $0.split(separator: ",") }
            .map { HTTPSyntax.trimmed(Substring($0)).lowercased() }
            .filter { !$0.isEmpty }
    }
}
