import Foundation
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

/// Texts are bound in place (`Statement.bindText`): short ones through a slot per parameter,
/// long ones from the caller's own storage. What SQLite stores must be exactly what was bound,
/// for every length around the 15-byte boundary of Swift's inline strings, when one statement
/// is reused with new values and when each value is gone once its call returned.
@Suite struct StatementBindingTests {
    static let lengths = [0, 1, 7, 14, 15, 16, 17, 31, 200, 5_000]

    /// A fresh heap or inline string of `length` bytes (never a literal), varied by `seed`.
    static func text(_ length: Int, seed: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzÉü-".unicodeScalars)
        var out = String.UnicodeScalarView()
        var bytes = 0
        var index = seed
        while bytes < length {
            var scalar = alphabet[index % alphabet.count]
            if bytes + String(scalar).utf8.count > length { scalar = "x" }
            out.append(scalar)
            bytes += String(scalar).utf8.count
            index += 7
        }
        return String(out)
    }

    @Test func everyLength_isStoredExactly_acrossReusesOfOneStatement() throws {
        let temp = TempDatabase()
        let connection = try Connection(path: temp.path, readOnly: false, configuration: StorageConfiguration())
        try connection.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, a TEXT, b TEXT, c TEXT, d TEXT)")
        var expected: [[String]] = []
        for round in 0..<3 {
            for length in Self.lengths {
                // Four parameters of different lengths, so a slot that overlapped its neighbour's
                // or a pointer that outlived its string would show as a wrong value.
                let row = [Self.text(length, seed: round), Self.text(15, seed: length),
                           Self.text(length / 2, seed: round + 3), Self.text(16, seed: round + length)]
                try connection.run("INSERT INTO t(a, b, c, d) VALUES (?, ?, ?, ?)", row.map { .text($0) })
                expected.append(row)
            }
        }
        let stored = try connection.all("SELECT a, b, c, d FROM t ORDER BY id") { row in
            (0..<4).map { row.string(Int32($0)) }
        }
        #expect(stored == expected)
        let lengths = try connection.all("SELECT length(CAST(a AS BLOB)) FROM t ORDER BY id LIMIT ?", [.integer(Int64(Self.lengths.count))]) {
            $0.int(0)
        }
        #expect(lengths == Self.lengths)
    }

    @Test func boundTexts_matchInWhereClauses_andEmptyIsNotNull() throws {
        let temp = TempDatabase()
        let connection = try Connection(path: temp.path, readOnly: false, configuration: StorageConfiguration())
        try connection.execute("CREATE TABLE t(k TEXT PRIMARY KEY, v INTEGER)")
        for length in Self.lengths {
            try connection.run("INSERT INTO t(k, v) VALUES (?, ?)", [.text(Self.text(length, seed: 1)), .integer(Int64(length))])
        }
        for length in Self.lengths.reversed() {
            let found = try connection.scalar("SELECT v FROM t WHERE k = ?", [.text(Self.text(length, seed: 1))])
            #expect(found == Int64(length))
        }
        #expect(try connection.scalar("SELECT count(*) FROM t WHERE k IS NULL") == 0)
        #expect(try connection.scalar("SELECT v FROM t WHERE k = ?", [.text(Self.text(16, seed: 2))]) == nil)
    }
}
