import FrontlineHTTP

/// The integer id of `/api/articles/{id}` and `/api/events/{id}`. Anything that is not a
/// positive integer names no resource, so it is a 404 like any id that does not exist.
enum PathID {
    static func require(_ context: RequestContext) throws -> Int64 {
        let text = try context.parameters.require("id")
        guard text.utf8.count <= 19, text.utf8.allSatisfy({ (48...57).contains($0) }), let id = Int64(text), id > 0 else {
            throw HTTPError.notFound("no resource with id \(text)")
        }
        return id
    }
}
