#if canImport(Glibc)
import Glibc
#endif

/// SIGINT/SIGTERM handling without async signal handlers: block the signals in every thread
/// (call `block()` before starting any thread, so they inherit the mask), then one thread waits
/// for them synchronously with `sigwait`.
public enum TerminationSignals {
    /// Blocks SIGINT and SIGTERM in the calling thread and in threads it starts afterwards.
    public static func block() {
        var set = signalSet()
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Waits until SIGINT or SIGTERM arrives and returns its number.
    public static func wait() -> Int32 {
        var set = signalSet()
        var received: Int32 = 0
        sigwait(&set, &received)
        return received
    }

    private static func signalSet() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        return set
    }
}
