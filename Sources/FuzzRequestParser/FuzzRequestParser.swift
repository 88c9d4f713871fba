import FrontlineHTTP

/// libFuzzer entry point: the request parser and the chunked decoder must never crash, never
/// report consuming more bytes than they were given, and agree with themselves when the same
/// bytes arrive in two pieces.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequestParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let limits = HTTPParserLimits(maxBodyBytes: 1 << 20)
    let whole = try? HTTPRequestParser.parse(bytes, limits: limits)
    if case .complete(_, let consumed, _)? = whole { precondition(consumed <= bytes.count) }

    var decoder = ChunkedDecoder()
    var body: [UInt8] = []
    if let end = try? decoder.decode(bytes, from: 0, into: &body, limits: limits) {
        precondition(end <= bytes.count)
        precondition(body.count <= limits.maxBodyBytes)
        // Split delivery must give the same body.
        let cut = bytes.count / 2
        var split = ChunkedDecoder()
        var splitBody: [UInt8] = []
        var buffer = Array(bytes[0..<cut])
        if let middle = try? split.decode(buffer, from: 0, into: &splitBody, limits: limits) {
            buffer += bytes[cut...]
            if let last = try? split.decode(buffer, from: middle, into: &splitBody, limits: limits), decoder.isComplete {
                precondition(split.isComplete && last == end && splitBody == body)
            }
        }
    }
    return 0
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// SwiftPM links executables with `main=<Target>_main`, hiding libFuzzer's own main (SWIFT-LINUX.md (d)).
@_cdecl("FuzzRequestParser_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzRequestParser)
}
#else
import Foundation

/// Plain builds replay corpus files through the harness, so `swift build` and `swift test` link.
@main
struct ReplayCorpus {
    static func main() throws {
        var count = 0
        for path in CommandLine.arguments.dropFirst() {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            _ = bytes.withUnsafeBufferPointer { buffer in
                fuzzRequestParser(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count)
            }
            count += 1
        }
        print("replayed \(count) inputs")
    }
}
#endif
