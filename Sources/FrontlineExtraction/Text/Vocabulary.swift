/// Interns every lowercased word the lexicons use, so tokens compare as integers and the
/// phrase trie walks on integers. Words the lexicons never use share the id `unknown`.
struct Vocabulary: Sendable {
    static let unknown: Int32 = -1
    private(set) var ids: [String: Int32] = [:]
    private(set) var words: [String] = []

    mutating func intern(_ word: String) -> Int32 {
        if let id = ids[word] { return id }
        let id = Int32(words.count)
        ids[word] = id
        words.append(word)
        return id
    }

    func id(_ word: String) -> Int32 { ids[word] ?? Self.unknown }
}
