import Foundation

/// Counts running threads so `shutdown()` can wait for them with a deadline.
final class WaitGroup: Sendable {
    private let condition = NSCondition()
    nonisolated(unsafe) private var count = 0   // guarded by `condition`

    func enter() {
        condition.lock(); count += 1; condition.unlock()
    }

    func leave() {
        condition.lock(); count -= 1; condition.broadcast(); condition.unlock()
    }

    /// Waits until the count is zero or `seconds` pass. - Returns: true when it reached zero.
    @discardableResult
    func wait(seconds: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        defer { condition.unlock() }
        while count > 0 {
            if !condition.wait(until: deadline) { return count == 0 }
        }
        return true
    }
}
