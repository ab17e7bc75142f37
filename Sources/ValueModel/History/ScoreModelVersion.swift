/// The scoring model that produced a score: its identifier and version, as the model's data names them.
///
/// Scores made by different versions of one model are not comparable point for point (weights and
/// indicators change between versions), so the score history keys every record by the full
/// version and answers as-of, latest and trend questions within one version.
///
/// ```swift
/// let model = ScoreModelVersion(id: "cvm-individual", version: "2026.1")
/// ```
public struct ScoreModelVersion: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The model's identifier (`cvm-individual`).
    public var id: String
    /// The model's version (`2026.1`, `3`); compared as text.
    public var version: String

    /// Creates a reference to a model version.
    public init(id: String, version: String) {
        self.id = id
        self.version = version
    }

    /// `id@version`.
    public var description: String { "\(id)@\(version)" }

    /// Orders by identifier, then version text.
    public static func < (lhs: ScoreModelVersion, rhs: ScoreModelVersion) -> Bool {
        (lhs.id, lhs.version) < (rhs.id, rhs.version)
    }
}
