import Foundation
import FrontlineTestSupport
import Testing

/// Replays the fuzz corpus and every saved crash reproducer through the fuzz harness built as a
/// plain executable (its preconditions are the invariants), so a fixed crash stays fixed.
@Suite struct FuzzReplayTests {
    @Test func corpusAndFailCasesReplayWithoutTrapping() throws {
        let harness = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("FuzzRequestParser")
        try #require(FileManager.default.isExecutableFile(atPath: harness.path), "build FuzzRequestParser first (swift build --build-tests builds it)")
        let folders = ["Tests/Fuzz/corpus", "Tests/Fuzz/FailCases"].map { RepositoryPaths.root.appendingPathComponent($0) }
        let files = folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
                .filter { !$0.lastPathComponent.hasPrefix(".") }
        }
        #expect(files.count >= 4)
        let process = Process()
        process.executableURL = harness
        process.arguments = files.map(\.path)
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(printed.contains("replayed \(files.count) inputs"))
    }
}
