/// `frontline serve --demo`: the team's demo articles (`Config/demo/*.json`) go into a fresh
/// database on first start; a database that already holds articles is left as it is.
public enum DemoData {
    public struct Loaded: Sendable {
        public var stored: Int
        public var rejected: Int
    }

    /// - Returns: nil when the database already had articles.
    public static func loadIfEmpty(_ runtime: Runtime, directory: String) throws -> Loaded? {
        guard try runtime.articleCount() == 0 else { return nil }
        var submissions: [ArticleSubmission] = []
        var rejected = 0
        for file in try ArticleFiles.files(at: directory) {
            for entry in try ArticleFiles.read(file: file) {
                switch entry.submission {
                case .success(let submission): submissions.append(submission)
                case .failure: rejected += 1
                }
            }
        }
        let results = try runtime.ingest(submissions)
        let stored = results.filter { if case .success(let result) = $0 { return !result.duplicate } else { return false } }.count
        return Loaded(stored: stored, rejected: rejected + results.count - stored)
    }
}
