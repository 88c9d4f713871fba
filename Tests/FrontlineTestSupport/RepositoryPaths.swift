import Foundation

/// Locates the repository and the shared seeds from the test sources, so tests need no resources bundle.
public enum RepositoryPaths {
    /// The package root (the folder holding Package.swift).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/seeds` beside the project, when present (CI and developer machines have it).
    public static var seeds: URL? {
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/seeds")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    public static var config: URL { root.appendingPathComponent("Config") }
}
