public import CustomerModel
public import SyntheticBank
public import ValueModel

/// How well a ``/ValueModel/ChurnPolicy`` finds the clients a ``/SyntheticBank/SyntheticBank`` made drift toward
/// churn: the confusion matrix of the churn-risk flag and of each signal on the analysis day, the
/// flag rate among steady and dormant clients, and how soon after its drift started each drifter
/// was first flagged.
///
/// Drifters (``/SyntheticBank/ClientScenario/churnDrifting(since:)``) are the positives and steady clients the
/// negatives. Dormant clients have already gone quiet; flagging them is neither right nor wrong
/// for a churn flag, so they are kept out of the matrix and their flag rate is reported apart.
///
/// ```swift
/// let inputs = ChurnEvaluationInputs(bank: SyntheticBank(.init(seed: 7, clientCount: 5_000)))
/// let evaluation = try ChurnEvaluation(inputs: inputs, policy: ChurnPolicy())
/// print(evaluation.flag.precision, evaluation.flag.recall, evaluation.steadyFlagRate)
/// print(evaluation.detection.median ?? -1)
/// ```
public struct ChurnEvaluation: Sendable {
    /// The policy evaluated.
    public let policy: ChurnPolicy
    /// The analysis day of the matrices.
    public let asOf: Day
    /// The activity's recent window in days (flows and activity falling).
    public let recentDays: Int
    /// The churn-risk flag (level medium or high) against the scenario.
    public let flag: ChurnConfusion
    /// Each signal kind against the scenario (fired or not).
    public let signals: [ChurnSignal.Kind: ChurnConfusion]
    /// Dormant clients in the bank.
    public let dormantCount: Int
    /// Dormant clients flagged.
    public let dormantFlagged: Int
    /// When each drifter was first flagged.
    public let detection: ChurnDetection

    /// Evaluates `policy` on `inputs` as of `asOf` (default: the bank's last day).
    ///
    /// The detection timeline re-runs the book every `detectionStepDays` days counting back from
    /// `asOf` to the earliest drift start, each time seeing only the records up to that day, so a
    /// drifter's days to flag are measured to within a step.
    /// - Throws: ``/ValueModel/ActivityError``: the policy's and the windows' validation errors
    ///   (`invalidInput` naming `detectionStepDays` when it is below 1).
    /// - Complexity: one activity pass and one churn book per analysis day.
    public init(
        inputs: ChurnEvaluationInputs,
        policy: ChurnPolicy,
        asOf: Day? = nil,
        recentDays: Int = 90,
        detectionStepDays: Int = 7
    ) throws(ActivityError) {
        guard detectionStepDays >= 1 else {
            throw ActivityError(.invalidInput, field: "detectionStepDays", "the step must be at least one day")
        }
        let day = asOf ?? inputs.configuration.endDay
        func book(on day: Day) throws(ActivityError) -> ChurnBook {
            let selection = TransactionSelection(
                currency: policy.currency,
                types: ActivityWindows.clientTransactionTypes
            )
            let windows = ActivityWindows(asOf: day, recentDays: recentDays, selection: selection)
            try windows.validate()
            let activity = try ActivityAggregates(columns: inputs.columns, windows: windows)
            return try ChurnBook(
                activity: activity,
                holdings: inputs.holdings,
                interactions: inputs.interactions,
                balances: inputs.balances,
                policy: policy
            )
        }
        let final = try book(on: day)
        var flag = ChurnConfusion()
        var signals: [ChurnSignal.Kind: ChurnConfusion] = [:]
        for kind in ChurnSignal.Kind.allCases { signals[kind] = ChurnConfusion() }
        var dormantCount = 0
        var dormantFlagged = 0
        for (i, scenario) in inputs.scenarios.enumerated() where i < final.count {
            let flagged = final.level[i] >= .medium
            switch scenario {
            case .dormant:
                dormantCount += 1
                if flagged { dormantFlagged += 1 }
                continue
            case .steady, .churnDrifting: break
            }
            // A drift that starts after the analysis day has not begun: the client is steady then.
            let drifting = scenario.driftStart.map { $0 <= day } ?? false
            flag.count(actual: drifting, predicted: flagged)
            for kind in ChurnSignal.Kind.allCases {
                signals[kind]?.count(actual: drifting, predicted: final.kinds[i].contains(kind))
            }
        }
        // The detection timeline: the analysis days from the earliest drift start to `day`.
        let starts = inputs.scenarios.compactMap { $0.driftStart }.filter { $0 <= day }
        var firstFlag = [Day?](repeating: nil, count: inputs.scenarios.count)
        if let earliest = starts.min() {
            var days: [Day] = []
            var d = day
            while d >= earliest {
                days.append(d)
                d = d.adding(days: -detectionStepDays)
            }
            for d in days.reversed() {
                let churn = d == day ? final : try book(on: d)
                for (i, scenario) in inputs.scenarios.enumerated() where i < churn.count && firstFlag[i] == nil {
                    guard let since = scenario.driftStart, since <= d, churn.level[i] >= .medium else { continue }
                    firstFlag[i] = d
                }
            }
        }
        var daysToFlag: [Int] = []
        for (i, scenario) in inputs.scenarios.enumerated() {
            guard let since = scenario.driftStart, since <= day, let first = firstFlag[i] else { continue }
            daysToFlag.append(since.days(until: first))
        }
        self.policy = policy
        self.asOf = day
        self.recentDays = recentDays
        self.flag = flag
        self.signals = signals
        self.dormantCount = dormantCount
        self.dormantFlagged = dormantFlagged
        detection = ChurnDetection(drifters: starts.count, daysToFlag: daysToFlag, stepDays: detectionStepDays)
    }

    /// Of the steady clients, the share flagged (the false-alarm rate).
    public var steadyFlagRate: Double { flag.falsePositiveRate }

    /// Of the dormant clients, the share flagged (0 when there is none).
    public var dormantFlagRate: Double { dormantCount == 0 ? 0 : Double(dormantFlagged) / Double(dormantCount) }
}

extension ClientScenario {
    /// The day a churn drift started, for a drifter; nil otherwise.
    public var driftStart: Day? {
        if case .churnDrifting(let since) = self { return since }
        return nil
    }
}
