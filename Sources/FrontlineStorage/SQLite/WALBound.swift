import CSQLite

/// Keeps a writer connection's WAL file bounded while readers never stop (RELIABILITY.md
/// case 28), as SQLite's own automatic checkpoint does not.
///
/// SQLite's automatic checkpoint is PASSIVE: it copies to the database what no reader still
/// needs, and the WAL starts again from its beginning only when a write finds every frame copied
/// and no reader using any. With reads arriving back to back, some reader always holds a frame,
/// so the WAL only ever grows: 232 MiB after 90 s of 16 reader loops and one writer, beside a
/// 4.5 MiB database (`Scripts/soak.sh`), and every page a reader looks up searches a larger index.
///
/// This hook, installed in place of the automatic checkpoint (`sqlite3_wal_hook` replaces it),
/// runs after each commit with the frames the WAL holds: the same PASSIVE checkpoint every
/// `autocheckpointPages`, and past `limitPages` a TRUNCATE checkpoint, which waits for the
/// readers of older snapshots to finish (new readers read the database file meanwhile), copies
/// everything and empties the file. Readers are short, so it waits milliseconds; it waits at
/// most `truncateWaitMilliseconds` (a long export may hold a snapshot for seconds), and after a
/// wait that failed it tries again only once the WAL has grown by another half of the limit, so
/// a snapshot held for long costs one short wait per 32 MiB written, not one per write.
///
/// Each file's one writer installs it: the database's writer, and the search index's connection
/// for the index's own file. No other connection checkpoints (the single-writer rule: Debian's
/// SQLite 3.40.1 has a WAL-reset bug that needs two connections checkpointing at once).
final class WALBound {
    let autocheckpointPages: Int32
    let limitPages: Int32
    let truncateWaitMilliseconds: Int32
    private let busyTimeoutMilliseconds: Int32
    /// The WAL size at which the next TRUNCATE is tried.
    private var truncateAt: Int32
    /// TRUNCATE checkpoints that emptied the WAL, and those that gave up waiting for a reader.
    private(set) var truncations = 0
    private(set) var truncationsDeferred = 0
    /// Warms the stretch of the file the next checkpoints write (see `FileTailWarmer`).
    var warmer: FileTailWarmer?

    /// - Parameter pageSize: the file's page size, which turns the configuration's bytes into
    ///   the frames SQLite counts.
    init(configuration: StorageConfiguration, pageSize: Int) {
        let autocheckpoint = max(1, configuration.walAutocheckpointBytes / max(1, pageSize))
        autocheckpointPages = Int32(clamping: autocheckpoint)
        limitPages = Int32(clamping: max(autocheckpoint, configuration.walLimitBytes / max(1, pageSize)))
        truncateWaitMilliseconds = 100
        busyTimeoutMilliseconds = configuration.busyTimeoutMilliseconds
        truncateAt = limitPages
    }

    /// Installs the hook on `handle`; the hook holds this object unretained, so the connection
    /// must keep it for as long as the handle is open.
    func install(on handle: OpaquePointer) {
        sqlite3_wal_hook(handle, { context, db, name, frames in
            guard let context, let db else { return SQLITE_OK }
            Unmanaged<WALBound>.fromOpaque(context).takeUnretainedValue().committed(db: db, name: name, frames: frames)
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    private func committed(db: OpaquePointer, name: UnsafePointer<CChar>?, frames: Int32) {
        // The WAL started again by itself since a try failed.
        if frames < limitPages { truncateAt = limitPages }
        if frames >= truncateAt {
            sqlite3_busy_timeout(db, truncateWaitMilliseconds)
            var left: Int32 = 0
            let code = sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_TRUNCATE, &left, nil)
            sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
            if code == SQLITE_OK && left == 0 {
                truncations += 1
                truncateAt = limitPages
                warmer?.fileMayHaveGrown()
                return
            }
            truncationsDeferred += 1
            truncateAt = frames + max(1, limitPages / 2)
        }
        if frames >= autocheckpointPages {
            sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            warmer?.fileMayHaveGrown()
        }
    }
}
