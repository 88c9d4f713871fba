import Foundation
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// The writer's helper that puts the file's next stretch into the page cache (`FileTailWarmer`)
/// extends the file past SQLite's last page and reads it; it must never change what SQLite
/// stores or reads, through checkpoints, a reopen and a reopen after a crash-like exit.
@Suite struct FileTailWarmerTests {
    static let ahead = 1 << 20

    @Test func checkpointsWarmTheTail_andTheStoreIsUnchanged() throws {
        let temp = TempDatabase()
        let configuration = StorageConfiguration(walAutocheckpointBytes: 50 * 8192).with { $0.warmAheadBytes = Self.ahead }
        let connection = try Connection(path: temp.path, readOnly: false, configuration: configuration)
        try connection.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        let body = String(repeating: "page filler ", count: 300)
        for round in 0..<40 {
            try connection.transaction(immediate: true) {
                for n in 0..<20 { try connection.run("INSERT INTO t(body) VALUES (?)", [.text("\(round)-\(n) \(body)")]) }
            }
        }
        let warmer = try #require(connection.walBound?.warmer)
        warmer.settle()
        #expect(warmer.warmedBytes >= Self.ahead)
        let pages = try #require(try connection.scalar("PRAGMA page_count"))
        let pageSize = try #require(try connection.scalar("PRAGMA page_size"))
        // The stretch lies past SQLite's last page, which SQLite alone decides.
        #expect(Int64(Self.size(temp.path)) > pages * pageSize)
        #expect(try connection.one("PRAGMA integrity_check") { $0.string(0) } == "ok")
        #expect(try connection.scalar("SELECT count(*) FROM t") == 800)
    }

    /// A file left longer than its pages (the process died before a checkpoint truncated it)
    /// opens with the same pages and rows, and passes the integrity check.
    @Test func aFileLeftWithItsStretch_reopensWithTheSameRows() throws {
        let temp = TempDatabase()
        let configuration = StorageConfiguration(walAutocheckpointBytes: 50 * 8192).with { $0.warmAheadBytes = Self.ahead }
        var pages: Int64 = 0
        do {
            let connection = try Connection(path: temp.path, readOnly: false, configuration: configuration)
            try connection.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
            for round in 0..<20 {
                try connection.transaction(immediate: true) {
                    for n in 0..<20 { try connection.run("INSERT INTO t(body) VALUES (?)", [.text(String(repeating: "\(round)-\(n) ", count: 200))]) }
                }
            }
            connection.walBound?.warmer?.settle()
            pages = try #require(try connection.scalar("PRAGMA page_count"))
        }
        // Closing checkpoints and truncates; stretch the file again as a crash would leave it.
        let handle = try #require(FileHandle(forUpdatingAtPath: temp.path))
        let size = try handle.seekToEnd()
        try handle.truncate(atOffset: size + UInt64(Self.ahead))
        try handle.close()
        let reopened = try Connection(path: temp.path, readOnly: false, configuration: StorageConfiguration())
        #expect(try reopened.scalar("PRAGMA page_count") == pages)
        #expect(try reopened.one("PRAGMA integrity_check") { $0.string(0) } == "ok")
        #expect(try reopened.scalar("SELECT count(*) FROM t") == 400)
    }

    @Test func noStretch_turnsItOff() {
        #expect(FileTailWarmer(path: "/nonexistent/frontline.sqlite", aheadBytes: Self.ahead) == nil)
        #expect(FileTailWarmer(path: "/dev/null", aheadBytes: 0) == nil)
    }

    private static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }
}
