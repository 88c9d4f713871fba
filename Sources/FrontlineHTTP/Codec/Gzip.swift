import CZlib

/// gzip (RFC 1952) through zlib: whole-buffer compression and bounded decompression.
public enum Gzip {
    /// Why `decompress` failed.
    public enum Failure: Error, Sendable, Equatable {
        /// The output would exceed `maxOutput` bytes (a gzip bomb, or simply too big): answer 413.
        case outputLimitExceeded(limit: Int)
        /// The input is not valid gzip, or is truncated: answer 400.
        case corrupt(String)
    }

    /// zlib's windowBits for a gzip wrapper: 15 (32 KiB window) + 16.
    static let gzipWindowBits: Int32 = 15 + 16

    /// Compresses `bytes` into one gzip member.
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        let stream = GzipStream(level: level)
        var out = stream.compress(bytes, flush: false)
        out += stream.finish()
        return out
    }

    /// Decompresses a gzip body, stopping as soon as the output passes `maxOutput` bytes, so a
    /// small bomb never allocates its inflated size. Concatenated members are accepted.
    /// - Throws: `Gzip.Failure`.
    public static func decompress(_ bytes: [UInt8], maxOutput: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        guard czlib_inflateInit2(&stream, gzipWindowBits) == Z_OK else { throw .corrupt("inflateInit2 failed") }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = bytes
        let total = input.count
        var consumed = 0
        var result: Int32 = Z_OK
        while true {
            let produced: Int = input.withUnsafeMutableBufferPointer { inBuffer in
                chunk.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_in = inBuffer.baseAddress.map { $0 + consumed }
                    stream.avail_in = UInt32(total - consumed)
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = UInt32(outBuffer.count)
                    result = inflate(&stream, Z_NO_FLUSH)
                    consumed = total - Int(stream.avail_in)
                    return outBuffer.count - Int(stream.avail_out)
                }
            }
            if output.count + produced > maxOutput { throw .outputLimitExceeded(limit: maxOutput) }
            output.append(contentsOf: chunk[0..<produced])
            switch result {
            case Z_STREAM_END:
                // Another member may follow (RFC 1952 §2.2); anything else after the end is corrupt.
                if consumed == total { return output }
                guard inflateReset(&stream) == Z_OK else { throw .corrupt("inflateReset failed") }
            case Z_OK:
                if produced == 0 && consumed == total { throw .corrupt("truncated gzip data") }
            case Z_BUF_ERROR:
                if consumed == total { throw .corrupt("truncated gzip data") }
            default:
                throw .corrupt("invalid gzip data")
            }
        }
    }
}

/// A streaming gzip compressor. Not thread-safe: one producer owns it.
public final class GzipStream {
    private let stream: UnsafeMutablePointer<z_stream>
    private var finished = false

    public init(level: Int32 = 6) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // memLevel 8 is zlib's default; windowBits 31 writes a gzip header and trailer.
        _ = czlib_deflateInit2(stream, level, Z_DEFLATED, Gzip.gzipWindowBits, 8, Z_DEFAULT_STRATEGY)
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Compresses `bytes`; with `flush`, also emits everything buffered (Z_SYNC_FLUSH) so the
    /// client can decode what was sent so far (Server-Sent Events).
    public func compress(_ bytes: [UInt8], flush: Bool) -> [UInt8] {
        run(bytes, mode: flush ? Z_SYNC_FLUSH : Z_NO_FLUSH)
    }

    /// Ends the member and returns the remaining bytes, trailer included.
    public func finish() -> [UInt8] {
        guard !finished else { return [] }
        finished = true
        return run([], mode: Z_FINISH)
    }

    private func run(_ bytes: [UInt8], mode: Int32) -> [UInt8] {
        var input = bytes
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: max(1024, bytes.count / 2 + 64))
        input.withUnsafeMutableBufferPointer { inBuffer in
            stream.pointee.next_in = inBuffer.baseAddress
            stream.pointee.avail_in = UInt32(inBuffer.count)
            while true {
                let produced = chunk.withUnsafeMutableBufferPointer { outBuffer -> Int in
                    stream.pointee.next_out = outBuffer.baseAddress
                    stream.pointee.avail_out = UInt32(outBuffer.count)
                    deflate(stream, mode)
                    return outBuffer.count - Int(stream.pointee.avail_out)
                }
                output.append(contentsOf: chunk[0..<produced])
                // Done when zlib had room to spare: all input consumed and all output flushed.
                if stream.pointee.avail_out != 0 && stream.pointee.avail_in == 0 { break }
            }
        }
        return output
    }
}
