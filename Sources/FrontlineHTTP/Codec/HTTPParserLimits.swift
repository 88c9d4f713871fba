/// Size limits the parser enforces; defaults follow nginx and h2o (see RELIABILITY.md §B).
public struct HTTPParserLimits: Sendable, Equatable {
    /// Longest request line, CRLF excluded (over it: 414).
    public var maxRequestLineBytes: Int = 8 * 1024
    /// Largest header section after the request line (over it: 431).
    public var maxHeaderBytes: Int = 64 * 1024
    /// Most header fields (over it: 431).
    public var maxHeaderCount: Int = 100
    /// Largest request body, decoded (over it: 413, without reading the body).
    public var maxBodyBytes: Int = 16 * 1024 * 1024
    /// Chunk-size lines, extensions and trailers together (over it: 400; h2o uses 100 KB).
    public var maxChunkOverheadBytes: Int = 100 * 1024

    public init(maxRequestLineBytes: Int = 8 * 1024, maxHeaderBytes: Int = 64 * 1024, maxHeaderCount: Int = 100,
                maxBodyBytes: Int = 16 * 1024 * 1024, maxChunkOverheadBytes: Int = 100 * 1024) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
        self.maxChunkOverheadBytes = maxChunkOverheadBytes
    }
}
