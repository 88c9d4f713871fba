#if canImport(Glibc)
import Glibc
#endif

/// Polls `condition` until it holds or `seconds` pass (tests never sleep a fixed time).
public func waitFor(seconds: Double = 5, _ condition: () -> Bool) -> Bool {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    let deadline = Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9 + seconds
    while true {
        if condition() { return true }
        clock_gettime(CLOCK_MONOTONIC, &spec)
        if Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9 > deadline { return false }
        usleep(2_000)
    }
}
