import ArgumentParser
import Foundation
import FrontlineStorage

/// `frontline check [--db PATH]`: integrity, foreign keys, FTS index, schema version, row counts.
/// Prints `ok` and exits 0 only when every check passes.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check the database: integrity, foreign keys, full-text index, schema version.")

    @Option(name: .long, help: "Database file.")
    var db: String = "data/frontline.sqlite"

    func run() throws {
        guard FileManager.default.fileExists(atPath: db) else {
            throw ValidationError("no database at \(db)")
        }
        let database = try Database(path: db, configuration: StorageConfiguration(readerCount: 1))
        defer { database.close() }
        print("sqlite \(database.sqliteVersion)")
        let version = try database.read { try $0.schemaVersion() }
        print("schema version \(version)")
        for (table, count) in try database.read({ try $0.rowCounts() }) {
            print("\(table.padding(toLength: 10, withPad: " ", startingAt: 0)) \(count)")
        }
        let problems = try database.integrityProblems()
        guard problems.isEmpty else {
            for problem in problems.prefix(50) { print("problem: \(problem)") }
            throw ExitCode(1)
        }
        print("ok")
    }
}
