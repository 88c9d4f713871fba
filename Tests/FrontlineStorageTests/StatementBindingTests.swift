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

    /// `run(_:binding:)` binds each value as it is: texts of every length (temporaries too),
    /// integers, booleans as 0 and 1, and nil as NULL, in parameter order.
    @Test func valuesBoundOneByOne_areStoredAsTheArrayFormStoresThem() throws {
        let temp = TempDatabase()
        let connection = try Connection(path: temp.path, readOnly: false, configuration: StorageConfiguration())
        try connection.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, a TEXT, b INTEGER, c INTEGER, d TEXT, e INTEGER)")
        for (round, length) in Self.lengths.enumerated() {
            let missing: String? = round % 2 == 0 ? nil : Self.text(length, seed: 9)
            try connection.run("INSERT INTO t(a, b, c, d, e) VALUES (?, ?, ?, ?, ?)",
                               binding: Self.text(length, seed: round), Int64(length), round % 3 == 0, missing, round)
            try connection.run("INSERT INTO t(a, b, c, d, e) VALUES (?, ?, ?, ?, ?)",
                               [.text(Self.text(length, seed: round)), .integer(Int64(length)), SQLValue(round % 3 == 0),
                                SQLValue(missing), .integer(Int64(round))])
        }
        let rows = try connection.all("SELECT a, b, c, d, e, typeof(d) FROM t ORDER BY id") { row in
            (0..<6).map { row.string(Int32($0)) }
        }
        #expect(rows.count == 2 * Self.lengths.count)
        for pair in stride(from: 0, to: rows.count, by: 2) { #expect(rows[pair] == rows[pair + 1]) }
        #expect(rows[0][5] == "null" && rows[2][5] == "text" && rows[0][2] == "1" && rows[2][2] == "0")
    }

    @Test func aWrongNumberOfValues_throwsAndBindsNothing() throws {
        let temp = TempDatabase()
        let connection = try Connection(path: temp.path, readOnly: false, configuration: StorageConfiguration())
        try connection.execute("CREATE TABLE t(a TEXT, b TEXT)")
        #expect(throws: SQLiteError.self) { try connection.run("INSERT INTO t(a, b) VALUES (?, ?)", binding: "only one") }
        #expect(throws: SQLiteError.self) { try connection.run("INSERT INTO t(a, b) VALUES (?, ?)", binding: "a", "b", "c") }
        #expect(try connection.scalar("SELECT count(*) FROM t") == 0)
    }
}
