/// Predicted against actual transactions in a holdout period (Fader, Hardie & Lee 2005,
/// section 4 and figure 5): totals, and means by calibration frequency.
public struct HoldoutComparison: Hashable, Sendable {
    /// Clients with the same calibration frequency (the last group: that frequency or more).
    public struct Group: Hashable, Sendable {
        /// The calibration frequency `x` of the group (its lower bound for the last group).
        public var frequency: Int
        /// Whether the group holds every client with `x ≥ frequency`.
        public var isOpenEnded: Bool
        /// Clients in the group.
        public var clients: Int
        /// Transactions they made in the holdout period.
        public var actual: Int
        /// `Σ E[Y(t*) | x, t_x, T]` over the group.
        public var predicted: Double
        /// `actual / clients`.
        public var actualMean: Double { clients > 0 ? Double(actual) / Double(clients) : 0 }
        /// `predicted / clients`.
        public var predictedMean: Double { clients > 0 ? predicted / Double(clients) : 0 }
    }

    /// The groups by calibration frequency, ascending.
    public var groups: [Group]
    /// The number of clients.
    public var clients: Int
    /// `t*`, the holdout length in the summaries' time unit.
    public var holdoutLength: Double
    /// Holdout transactions made.
    public var actual: Int
    /// Holdout transactions predicted: `Σ E[Y(t*) | x, t_x, T]` (conditional expectations).
    public var predicted: Double
    /// `(predicted − actual) / actual` (0 when nothing happened).
    public var relativeError: Double { actual > 0 ? (predicted - Double(actual)) / Double(actual) : 0 }
    /// Repeat transactions in calibration, `Σ x`.
    public var calibrationActual: Int
    /// Repeat transactions the model expects in calibration, `Σ E[X(T)]` (unconditional).
    public var calibrationExpected: Double
    /// Unconditional holdout forecast `Σ (E[X(T + t*)] − E[X(T)])`, the cohort-level tracking forecast.
    public var holdoutExpectedUnconditional: Double

    /// The cumulative comparison over calibration and holdout together (FHL 2005 figure 3):
    /// `(calibrationExpected + holdoutExpectedUnconditional) / (calibrationActual + actual) − 1`.
    public var cumulativeRelativeError: Double {
        let actualTotal = Double(calibrationActual + actual)
        return actualTotal > 0 ? (calibrationExpected + holdoutExpectedUnconditional) / actualTotal - 1 : 0
    }
}

extension BGNBDParameters {
    /// Compares the model's holdout forecasts with what the clients of `split` did.
    ///
    /// Clients are grouped by calibration frequency `0, 1, …, groupCap − 1` and `≥ groupCap`.
    /// - Throws: ``LifetimeValueError`` from the predictions, or `invalidInput` when `groupCap < 1`.
    public func compareHoldout(
        _ split: CalibrationHoldoutSplit,
        groupCap: Int = 7
    ) throws(LifetimeValueError)
        -> HoldoutComparison
    {
        guard groupCap >= 1 else {
            throw LifetimeValueError(.invalidInput, field: "groupCap", "the frequency groups need a cap of at least 1")
        }
        let s = split.calibration
        let horizon = split.holdoutLength
        let predicted = try expectedTransactions(in: horizon, s)
        let before = try BGNBDParameters.perClient(s) { i throws(LifetimeValueError) in
            try conditionalExpectation(s.age[i], 0, 0, 0)
        }
        let after = try BGNBDParameters.perClient(s) { i throws(LifetimeValueError) in
            try conditionalExpectation(s.age[i] + horizon, 0, 0, 0)
        }
        var groups = (0...groupCap).map {
            HoldoutComparison.Group(frequency: $0, isOpenEnded: $0 == groupCap, clients: 0, actual: 0, predicted: 0)
        }
        var actual = 0
        var calibrationActual = 0
        for i in 0..<s.count {
            let g = min(Int(s.frequency[i]), groupCap)
            groups[g].clients += 1
            groups[g].actual += Int(split.holdoutTransactions[i])
            groups[g].predicted += predicted[i]
            actual += Int(split.holdoutTransactions[i])
            calibrationActual += Int(s.frequency[i])
        }
        return HoldoutComparison(
            groups: groups.filter { $0.clients > 0 },
            clients: s.count,
            holdoutLength: horizon,
            actual: actual,
            predicted: predicted.reduce(0, +),
            calibrationActual: calibrationActual,
            calibrationExpected: before.reduce(0, +),
            holdoutExpectedUnconditional: zip(after, before).reduce(0) { $0 + $1.0 - $1.1 }
        )
    }
}
