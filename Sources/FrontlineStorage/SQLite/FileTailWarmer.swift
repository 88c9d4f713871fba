import CSQLite
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Puts the stretch of the database file that the next checkpoints will write into the OS page
/// cache, on a thread of its own, so the writer's checkpoint copies pages into memory that
/// already exists instead of memory the kernel must first find and clear.
///
/// A bulk ingest grows the file by tens of MiB per checkpoint. On our VMs the first write to a
/// file page that is new to the page cache cost 6 s per GiB in some stretches (`dd` of a fresh
/// file; 0.2 s per GiB to rewrite it), and the checkpoints of a 100k-article ingest took 3.1 to
/// 4.0 s of its 19 to 21 s, all on the writer's thread (BENCHMARKS.md, thirteenth session).
///
/// After each checkpoint the writer calls `fileMayHaveGrown`; this thread then extends the file
/// by `aheadBytes` past its end with fallocate(2) (which never shrinks a file, so it cannot race
/// SQLite's own growth into losing data) and reads that stretch, which makes the kernel cache
/// it as zeros. SQLite never reads past its own page count (the header's, which it keeps
/// valid), treats a longer file as it treats one grown in chunks (`SQLITE_FCNTL_CHUNK_SIZE`),
/// and truncates the file to its size after each complete checkpoint. Nothing here writes data,
/// so a crash at any point leaves at most unused zeros after the last page.
///
/// The descriptor stays open until `close`, after every connection to the file closed: closing
/// a descriptor releases the process's POSIX locks on the file, SQLite's included.
final class FileTailWarmer: @unchecked Sendable {
    let aheadBytes: Int
    private let descriptor: Int32
    private let condition = NSCondition()
    private var pending = false
    /// The thread is warming (between taking a request and finishing it).
    private var busy = false
    private var stopped = false
    /// The file size the last warming left (it warms again once SQLite changed the size).
    private var warmedEnd: Int64 = -1
    /// Bytes read into the page cache so far (tests and benchmarks read it).
    private(set) var warmedBytes = 0
    private var thread: Thread?

    /// nil when `aheadBytes` is 0 or the file cannot be opened (the writer then works as before).
    init?(path: String, aheadBytes: Int) {
        guard aheadBytes > 0 else { return nil }
        let descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
        self.aheadBytes = aheadBytes
        let thread = Thread { [unowned self] in run() }
        thread.name = "frontline-file-warmer"
        self.thread = thread
        thread.start()
    }

    /// Asks the thread to look at the file size again (after a checkpoint); does not wait.
    func fileMayHaveGrown() {
        condition.lock()
        pending = true
        condition.signal()
        condition.unlock()
    }

    /// Stops the thread and closes the descriptor. Call after the last connection to the file closed.
    func close() {
        condition.lock()
        guard !stopped else { return condition.unlock() }
        stopped = true
        condition.signal()
        while thread != nil { condition.wait() }
        condition.unlock()
        Glibc.close(descriptor)
    }

    /// Blocks until the thread has handled every `fileMayHaveGrown` so far (tests).
    func settle() {
        condition.lock()
        while pending || busy { condition.wait() }
        condition.unlock()
    }

    private func run() {
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 4096)
        defer { buffer.deallocate() }
        condition.lock()
        while true {
            while !pending && !stopped { condition.wait() }
            if stopped { break }
            pending = false
            busy = true
            condition.unlock()
            warm(buffer: buffer, chunk: chunk)
            condition.lock()
            busy = false
            condition.broadcast()
        }
        thread = nil
        pending = false
        condition.broadcast()
        condition.unlock()
    }

    private func warm(buffer: UnsafeMutableRawPointer, chunk: Int) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return }
        let size = Int64(status.st_size)
        // The stretch is still there: no checkpoint has truncated the file since.
        guard size != warmedEnd else { return }
        // Leave room: the stretch must never be what fills the disk under SQLite.
        var volume = statvfs()
        guard fstatvfs(descriptor, &volume) == 0,
              Int64(volume.f_bavail) * Int64(volume.f_frsize) > Int64(aheadBytes) * 4,
              csqlite_extend_file(descriptor, size, Int64(aheadBytes)) == 0 else { return }
        warmedEnd = size + Int64(aheadBytes)
        var offset = size
        while offset < size + Int64(aheadBytes) {
            let read = pread(descriptor, buffer, chunk, off_t(offset))
            guard read > 0 else { break }
            warmedBytes += read
            offset += Int64(read)
        }
    }
}
