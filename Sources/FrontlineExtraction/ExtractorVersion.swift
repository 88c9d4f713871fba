/// Identifies the rules and code that produced a set of facts; stored with every article so
/// `frontline reextract` knows what to redo.
public enum ExtractorVersion {
    public static let current = "1.0.2"
}
