#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A one-line progress bar on stderr, drawn only when stderr is a terminal (scripts and logs
/// get the final summary alone). Redraws at most ten times a second.
final class ProgressBar {
    private let total: Int
    private let label: String
    private let enabled = isatty(STDERR_FILENO) != 0
    private var lastDraw: TimeInterval = 0
    private let started = Date()

    init(total: Int, label: String) {
        self.total = max(total, 0)
        self.label = label
    }

    func update(_ done: Int, force: Bool = false) {
        guard enabled else { return }
        let now = Date().timeIntervalSince1970
        guard force || now - lastDraw >= 0.1 else { return }
        lastDraw = now
        let fraction = total == 0 ? 1 : min(1, Double(done) / Double(total))
        let width = 30
        let filled = Int(fraction * Double(width))
        let rate = Double(done) / max(0.001, Date().timeIntervalSince(started))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line = String(format: "\r%@ [%@] %d/%d %3.0f%% %.0f/s", label, bar, done, total, fraction * 100, rate)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish(_ done: Int) {
        guard enabled else { return }
        update(done, force: true)
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
