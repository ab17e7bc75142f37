/// The Customer Value Model, RFM, churn signals and lifetime value.
///
/// Lifetime value: build ``CustomerSummaries`` (or a ``CalibrationHoldoutSplit``) from purchases
/// or a columnar snapshot, fit ``BGNBDModel`` and ``GammaGammaModel``, and combine them in a
/// ``LifetimeValueModel``.
public enum ValueModelModule: Sendable {
    /// The module's version of the scoring API.
    public static let apiVersion = 1
}
