import Foundation

/// A fresh temporary directory holding a database path, removed when the value is released
/// (GRDBTestCase style). The storage module is not imported here, so API tests can use it too.
public final class TempDatabase: @unchecked Sendable {
    /// The directory (unique per instance).
    public let directory: URL
    /// `directory/frontline.sqlite` (not created until a database opens it).
    public let path: String

    public init(function: String = #function) {
        let name = function.filter { $0.isLetter || $0.isNumber }.prefix(40)
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("frontline-\(name)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("frontline.sqlite").path
    }

    /// Another file path inside the directory (backups, copies).
    public func file(_ name: String) -> String { directory.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: directory) }
}
