/// A confusion matrix of a yes/no churn prediction (the flag, or one signal) against the truth a
/// synthetic bank knows: churn drifters are the positives, steady clients the negatives.
public struct ChurnConfusion: Hashable, Sendable {
    /// Drifters predicted (flagged, or the signal fired).
    public var truePositives: Int
    /// Steady clients predicted.
    public var falsePositives: Int
    /// Drifters not predicted.
    public var falseNegatives: Int
    /// Steady clients not predicted.
    public var trueNegatives: Int

    /// Creates a matrix from its four cells.
    public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0, trueNegatives: Int = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
        self.trueNegatives = trueNegatives
    }

    /// Counts one client: whether it is a drifter (`actual`) and whether it was predicted.
    public mutating func count(actual: Bool, predicted: Bool) {
        switch (actual, predicted) {
        case (true, true): truePositives += 1
        case (false, true): falsePositives += 1
        case (true, false): falseNegatives += 1
        case (false, false): trueNegatives += 1
        }
    }

    /// Adds another matrix cell by cell (to pool several seeds).
    public static func + (lhs: ChurnConfusion, rhs: ChurnConfusion) -> ChurnConfusion {
        ChurnConfusion(
            truePositives: lhs.truePositives + rhs.truePositives,
            falsePositives: lhs.falsePositives + rhs.falsePositives,
            falseNegatives: lhs.falseNegatives + rhs.falseNegatives,
            trueNegatives: lhs.trueNegatives + rhs.trueNegatives
        )
    }

    /// Drifters counted.
    public var positives: Int { truePositives + falseNegatives }
    /// Steady clients counted.
    public var negatives: Int { falsePositives + trueNegatives }
    /// Clients predicted.
    public var predicted: Int { truePositives + falsePositives }

    /// Of the clients predicted, the share that are drifters (1 when none is predicted: no false alarm).
    public var precision: Double { predicted == 0 ? 1 : Double(truePositives) / Double(predicted) }
    /// Of the drifters, the share predicted (0 when there is no drifter).
    public var recall: Double { positives == 0 ? 0 : Double(truePositives) / Double(positives) }
    /// Of the steady clients, the share predicted: the false-alarm rate (0 when there is none).
    public var falsePositiveRate: Double { negatives == 0 ? 0 : Double(falsePositives) / Double(negatives) }
    /// The harmonic mean of precision and recall (0 when both are 0).
    public var f1: Double {
        let p = precision
        let r = recall
        return p + r > 0 ? 2 * p * r / (p + r) : 0
    }
}
