#if canImport(Glibc)
import Glibc
#endif

/// A failed socket call, keeping the operation and the OS error code.
public enum SocketError: Error, Sendable, Equatable, CustomStringConvertible {
    case failed(operation: String, errno: Int32, message: String)
    case timedOut(operation: String)
    case closed

    /// Captures `errno` and `strerror` right after a failed call.
    static func makeFailed(_ operation: String) -> SocketError {
        let code = errno
        return .failed(operation: operation, errno: code, message: String(cString: strerror(code)))
    }

    public var description: String {
        switch self {
        case .failed(let operation, let code, let message): return "\(operation) failed: \(message) (errno \(code))"
        case .timedOut(let operation): return "\(operation) timed out"
        case .closed: return "connection closed"
        }
    }
}
