import Foundation

/// An opaque keyset cursor: the sort key and id of the last row of a page, plus the listing it
/// belongs to. Stable under inserts (no OFFSET). Tokens are base64url text.
public struct Cursor: Sendable, Hashable {
    enum Listing: String { case articles = "a", search = "s", events = "e", changes = "c" }

    let listing: Listing
    let key: String
    let id: Int64

    init(listing: Listing, key: String, id: Int64) {
        self.listing = listing
        self.key = key
        self.id = id
    }

    /// Decodes a token produced by `token`.
    /// - Throws: `StorageError.badCursor` for anything else.
    public init(token: String) throws {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard token.count <= 512, let data = Data(base64Encoded: base64),
              let text = String(data: data, encoding: .utf8)
        else { throw StorageError.badCursor }
        let parts = text.split(separator: "\u{1F}", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let listing = Listing(rawValue: String(parts[0])), let id = Int64(parts[1])
        else { throw StorageError.badCursor }
        self.init(listing: listing, key: String(parts[2]), id: id)
    }

    /// The opaque text to hand to clients.
    public var token: String {
        Data("\(listing.rawValue)\u{1F}\(id)\u{1F}\(key)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    func require(_ expected: Listing) throws -> Cursor {
        guard listing == expected else { throw StorageError.badCursor }
        return self
    }
}

/// One page of a listing.
public struct Page<Element: Sendable>: Sendable {
    public var items: [Element]
    /// The cursor for the next page, nil when this page is the last.
    public var next: Cursor?
}
