import CSQLite
import Foundation

/// Time each statement of one connection takes, from its first step to its reset, gathered
/// through SQLite's trace hook (`sqlite3_trace_v2`): which statements an ingest spends its time
/// in, which instruction counts of the whole process cannot tell apart. The clock is ours
/// (`CLOCK_MONOTONIC`): SQLite's own `SQLITE_TRACE_PROFILE` duration comes from a millisecond
/// clock. For benchmarks; the hook costs two clock reads and lookups per statement run.
final class StatementProfile {
    struct Entry: Equatable {
        var sql: String
        var runs: Int
        var nanoseconds: Int64
    }

    /// By prepared statement: a cached statement keeps its address while it lives. A statement
    /// finalised after one run (`sqlite3_exec`) frees its address for the next one prepared, so
    /// the text is compared too (in place, no copy) and a different one starts a new entry.
    private var entries: [OpaquePointer: Entry] = [:]
    private var retired: [Entry] = []

    /// Statements running now (one can run inside another's row loop), by when they started.
    private var started: [OpaquePointer: Int64] = [:]

    /// `SQLITE_TRACE_STMT`: a statement's first step; `text` is its SQL, or a `--` comment
    /// naming a trigger that the same statement starts, which is part of its run.
    fileprivate func start(_ statement: OpaquePointer, text: UnsafePointer<CChar>?) {
        if let text, text[0] == 0x2D, text[1] == 0x2D { return }
        started[statement] = Self.clock()
    }

    /// `SQLITE_TRACE_PROFILE`: the statement finished.
    fileprivate func finish(_ statement: OpaquePointer) {
        guard let start = started.removeValue(forKey: statement) else { return }
        record(statement, nanoseconds: Self.clock() - start)
    }

    private static func clock() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }

    private func record(_ statement: OpaquePointer, nanoseconds: Int64) {
        guard let text = sqlite3_sql(statement) else { return }
        if let entry = entries[statement], entry.sql.withCString({ strcmp($0, text) }) != 0 {
            retired.append(entry)
            entries[statement] = nil
        }
        if entries[statement] == nil { entries[statement] = Entry(sql: String(cString: text), runs: 0, nanoseconds: 0) }
        entries[statement]!.runs += 1
        entries[statement]!.nanoseconds += nanoseconds
    }

    /// Statements with the same text merged (a statement finalised and prepared again shows once),
    /// most time first.
    var report: [Entry] {
        Dictionary(grouping: Array(entries.values) + retired, by: \.sql)
            .map { sql, runs in
                Entry(sql: sql, runs: runs.reduce(0) { $0 + $1.runs }, nanoseconds: runs.reduce(0) { $0 + $1.nanoseconds })
            }
            .sorted { $0.nanoseconds != $1.nanoseconds ? $0.nanoseconds > $1.nanoseconds : $0.sql < $1.sql }
    }
}

extension Connection {
    /// Starts (or, with nil, stops) timing this connection's statements into `profile`, which the
    /// caller keeps alive until it stops.
    func profile(into profile: StatementProfile?) {
        guard let profile else {
            sqlite3_trace_v2(handle, 0, nil, nil)
            return
        }
        sqlite3_trace_v2(handle, UInt32(SQLITE_TRACE_STMT | SQLITE_TRACE_PROFILE), { event, context, statement, text in
            guard let context, let statement else { return 0 }
            let profile = Unmanaged<StatementProfile>.fromOpaque(context).takeUnretainedValue()
            if event == UInt32(SQLITE_TRACE_STMT) {
                profile.start(OpaquePointer(statement), text: text?.assumingMemoryBound(to: CChar.self))
            } else {
                profile.finish(OpaquePointer(statement))
            }
            return 0
        }, Unmanaged.passUnretained(profile).toOpaque())
    }
}
