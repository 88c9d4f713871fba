import Foundation

/// Wakes Server-Sent Event streams when this process commits a change, so a new event reaches
/// a dashboard within milliseconds. Changes written by another process (`frontline ingest`
/// on the same file) are still seen: streams also poll at `pollInterval`.
final class ChangeNotifier: @unchecked Sendable {
    private let condition = NSCondition()
    private var generation: UInt64 = 0
    private var closed = false
    /// The longest a stream sleeps before looking at the changes table again.
    let pollInterval: TimeInterval

    init(pollInterval: TimeInterval = 0.5) { self.pollInterval = pollInterval }

    /// Called after every committed write.
    func notify() {
        condition.lock()
        generation &+= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Ends every stream (at shutdown, so the server need not wait out its grace period).
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    var isClosed: Bool {
        condition.lock()
        defer { condition.unlock() }
        return closed
    }

    var current: UInt64 {
        condition.lock()
        defer { condition.unlock() }
        return generation
    }

    /// Blocks until the generation moves past `seen` or `timeout` passes; returns the generation.
    func wait(after seen: UInt64, timeout: TimeInterval) -> UInt64 {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while generation == seen && !closed {
            if !condition.wait(until: deadline) { break }
        }
        return generation
    }
}
