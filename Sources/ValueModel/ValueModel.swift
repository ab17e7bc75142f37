/// The Customer Value Model, RFM, churn signals and lifetime value.
///
/// - Activity: ``ActivityAggregates`` measures every client in one pass over a columnar snapshot.
/// - RFM: ``RFMBook`` gives quintile cells, segments and value layers.
/// - Churn: ``ChurnBook`` applies a ``ChurnPolicy`` and names each client's reasons.
/// - CVM: ``IndicatorTableBuilder`` fills an ``IndicatorTable``; ``ValueScorer`` scores it with a
///   versioned ``ScoringModel`` into a ``ScoreBook`` whose explanations add up exactly.
/// - Lifetime value: build ``CustomerSummaries`` (or a ``CalibrationHoldoutSplit``) from purchases
///   or a columnar snapshot, fit ``BGNBDModel`` and ``GammaGammaModel``, and combine them in a
///   ``LifetimeValueModel``.
/// - The nightly job: ``BookScoring`` runs all of them on a book in one call (``BookScores``).
public enum ValueModelModule: Sendable {
    /// The module's version of the scoring API.
    public static let apiVersion = 1
}
