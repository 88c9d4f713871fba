/// The version reported by `frontline --version` and `/healthz`.
public enum FrontlineVersion {
    public static let string = "0.1.0"
}
