import ArgumentParser
import Foundation
import FrontlineStorage

/// `frontline backup PATH [--db PATH]`: an online, consistent copy (`VACUUM INTO`) that is safe
/// while the server writes; never copy the live files with `cp`.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Write a consistent copy of the live database to PATH.")

    @Argument(help: "Destination file (must not exist).")
    var path: String

    @Option(name: .long, help: "Database file.")
    var db: String = "data/frontline.sqlite"

    func run() throws {
        guard FileManager.default.fileExists(atPath: db) else {
            throw ValidationError("no database at \(db)")
        }
        let database = try Database(path: db, configuration: StorageConfiguration(readerCount: 1))
        defer { database.close() }
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        let start = Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
        try database.backup(to: path)
        clock_gettime(CLOCK_MONOTONIC, &spec)
        let seconds = Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9 - start
        let copy = try Database(path: path, configuration: StorageConfiguration(readerCount: 1))
        defer { copy.close() }
        let problems = try copy.integrityProblems()
        guard problems.isEmpty else {
            for problem in problems.prefix(20) { print("problem in copy: \(problem)") }
            throw ExitCode(1)
        }
        print(String(format: "backup written to %@ in %.2f s; integrity ok", path, seconds))
    }
}
