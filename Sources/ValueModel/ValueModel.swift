/// The Customer Value Model, RFM, churn signals and lifetime value.
///
/// See the ValueModel documentation catalog for the model and its explanation of every score.
public enum ValueModelModule: Sendable {
    /// The module's version of the scoring API.
    public static let apiVersion = 1
}
