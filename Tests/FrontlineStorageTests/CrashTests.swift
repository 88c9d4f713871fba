import Foundation
import Glibc
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// SIGKILL during ingest (RELIABILITY.md case 25): a child process ingests articles and prints
/// each id once its transaction has committed; the test kills it after a random number of ids
/// (so the kill lands at a random point of a transaction), reopens the file and checks that it
/// is intact and that every printed id is present. 20 cycles on the same file, like restarts.
@Suite struct CrashTests {
    @Test func sigkillDuringIngest_losesNothingAcknowledged_20Cycles() throws {
        let helper = try #require(Self.helperPath(), "build frontline-crashtest first (swift build --build-tests)")
        let temp = TempDatabase()
        var acknowledged = Set<Int64>()
        var generator = SystemRandomNumberGenerator()
        for cycle in 0..<20 {
            // Cycle 0 kills before the first commit can be read (during open/migration).
            let killAfter = cycle == 0 ? 0 : Int.random(in: 1...120, using: &generator)
            let ids = try Self.runAndKill(helper: helper, database: temp.path, start: cycle * 100_000, killAfter: killAfter)
            acknowledged.formUnion(ids)
            let database = try Database(path: temp.path, configuration: StorageConfiguration(readerCount: 1))
            #expect(try database.integrityProblems() == [], "cycle \(cycle)")
            let stored = Set(try database.read { db in try db.all("SELECT id FROM articles") { $0.int64(0) } })
            let missing = acknowledged.subtracting(stored)
            #expect(missing.isEmpty, "cycle \(cycle): acknowledged ids missing: \(missing.sorted().prefix(10))")
            // Each article has one report; a torn transaction would leave a mismatch.
            #expect(try database.read { try $0.scalar("SELECT count(*) FROM reports") } == Int64(stored.count))
            database.close()
        }
        #expect(acknowledged.count >= 19)
    }

    /// Starts the helper, reads `killAfter` committed ids, SIGKILLs it, then drains what it had
    /// already written (those ids were committed too).
    static func runAndKill(helper: String, database: String, start: Int, killAfter: Int) throws -> [Int64] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: helper)
        process.arguments = [database, String(start)]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let reader = pipe.fileHandleForReading
        var buffer = Data()
        var lines = 0
        while lines < killAfter {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            buffer += chunk
            lines = buffer.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        buffer += reader.readDataToEndOfFile()
        #expect(process.terminationReason == .uncaughtSignal)
        // Only complete lines: a partially written line is not an acknowledgement.
        let text = String(decoding: buffer, as: UTF8.self)
        let complete = text.hasSuffix("\n") ? text : String(text[..<(text.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex)])
        return complete.split(separator: "\n").compactMap { Int64($0) }
    }

    /// The helper sits next to the test bundle in the build directory.
    static func helperPath() -> String? {
        let candidates = [Bundle.main.executableURL?.deletingLastPathComponent(),
                          URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                          RepositoryPaths.root.appendingPathComponent(".build/debug")]
        return candidates.compactMap { $0?.appendingPathComponent("frontline-crashtest").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
