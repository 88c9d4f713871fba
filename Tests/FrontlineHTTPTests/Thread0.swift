import Foundation

/// A joinable thread for tests that must run something concurrently with the test body.
final class Thread0: Sendable {
    private let finished = NSCondition()
    nonisolated(unsafe) private var done = false   // guarded by `finished`

    init(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            body()
            finished.lock(); done = true; finished.broadcast(); finished.unlock()
        }
        thread.start()
    }

    func join() {
        finished.lock()
        while !done { finished.wait() }
        finished.unlock()
    }
}
