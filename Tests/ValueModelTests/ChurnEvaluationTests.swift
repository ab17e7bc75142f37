import CustomerModel
import SyntheticBank
import Testing
import ValueModel
import ValueModelTesting

/// The churn flag against the synthetic scenarios: the tuned defaults on a seed they were not
/// tuned on, and the evaluation types' arithmetic.
struct ChurnEvaluationTests {
    /// Seed 23 (``TestBook``) was held out: the defaults were tuned on seeds 11, 12, 13 and
    /// checked on 21, 22 (20,000 clients each, `clientele-bench churn`).
    static let inputs = ChurnEvaluationInputs(
        configuration: TestBook.bank.configuration,
        scenarios: TestBook.bank.scenarios,
        columns: TestBook.columns,
        holdings: TestBook.bank.holdings,
        interactions: TestBook.interactions,
        balances: TestBook.balances
    )

    @Test func theDefaultsReachTheStatedPrecisionAndRecallOnAHeldOutSeed() throws {
        let evaluation = try ChurnEvaluation(inputs: Self.inputs, policy: ChurnPolicy(), detectionStepDays: 14)
        let flag = evaluation.flag
        print(
            "held-out seed 23: precision \(flag.precision), recall \(flag.recall), steady rate "
                + "\(evaluation.steadyFlagRate), dormant rate \(evaluation.dormantFlagRate), "
                + "median days to flag \(evaluation.detection.median ?? -1)"
        )
        #expect(flag.positives >= 80, "enough drifters to measure")
        #expect(flag.precision >= 0.6)
        #expect(flag.recall >= 0.7)
        #expect(evaluation.steadyFlagRate < 0.03)
        // Most drifters are caught within 90 days of the drift's start.
        #expect(evaluation.detection.flaggedWithin(days: 90) >= 0.6)
        #expect((evaluation.detection.median ?? .max) <= 90)
    }

    @Test func theMatricesCountEveryClientOnceAgainstTheBook() throws {
        let policy = ChurnPolicy()
        let evaluation = try ChurnEvaluation(inputs: Self.inputs, policy: policy, detectionStepDays: 1_000)
        let scenarios = Self.inputs.scenarios
        let dormant = scenarios.filter(\.isDormant).count
        #expect(evaluation.dormantCount == dormant)
        #expect(evaluation.flag.positives == scenarios.filter(\.isChurnDrifting).count)
        #expect(evaluation.flag.positives + evaluation.flag.negatives + dormant == scenarios.count)
        // Against the book built directly.
        let windows = ActivityWindows(
            asOf: TestBook.end,
            selection: .init(currency: .cny, types: ActivityWindows.clientTransactionTypes)
        )
        let book = try ChurnBook(
            activity: try ActivityAggregates(columns: TestBook.columns, windows: windows),
            holdings: TestBook.bank.holdings,
            interactions: TestBook.interactions,
            balances: TestBook.balances,
            policy: policy
        )
        var flaggedSteady = 0
        var outflowDrifters = 0
        for (i, scenario) in scenarios.enumerated() {
            if scenario == .steady, book.level[i] >= .medium { flaggedSteady += 1 }
            if scenario.isChurnDrifting, book.kinds[i].contains(.largeOutflow) { outflowDrifters += 1 }
        }
        #expect(evaluation.flag.falsePositives == flaggedSteady)
        #expect(evaluation.signals[.largeOutflow]?.truePositives == outflowDrifters)
        #expect(evaluation.detection.stepDays == 1_000)
        // With one analysis day, a drifter's days to flag are the days since its drift started.
        #expect(evaluation.detection.daysToFlag.count == evaluation.flag.truePositives)
    }

    @Test func anEarlierAnalysisDayCountsDriftsNotYetStartedAsSteady() throws {
        let day = TestBook.end.adding(days: -100)
        let evaluation = try ChurnEvaluation(
            inputs: Self.inputs,
            policy: ChurnPolicy(),
            asOf: day,
            detectionStepDays: 30
        )
        let started = Self.inputs.scenarios.compactMap(\.driftStart).filter { $0 <= day }.count
        #expect(evaluation.asOf == day)
        #expect(evaluation.flag.positives == started)
        #expect(evaluation.detection.drifters == started)
        #expect(started < Self.inputs.scenarios.filter(\.isChurnDrifting).count)
    }

    @Test func aStepBelowOneDayIsRejected() {
        let error = #expect(throws: ActivityError.self) {
            try ChurnEvaluation(inputs: Self.inputs, policy: ChurnPolicy(), detectionStepDays: 0)
        }
        #expect(error?.field == "detectionStepDays" && error?.code == .invalidInput)
        var bad = ChurnPolicy()
        bad.minimumNotRenewedShareOfAUM = 2
        let policyError = #expect(throws: ActivityError.self) {
            try ChurnEvaluation(inputs: Self.inputs, policy: bad)
        }
        #expect(policyError?.field == "minimumNotRenewedShareOfAUM")
    }

    @Test func confusionArithmetic() {
        var m = ChurnConfusion()
        #expect(m.precision == 1 && m.recall == 0 && m.falsePositiveRate == 0 && m.f1 == 0)
        for (actual, predicted) in [
            (true, true), (true, true), (true, true), (true, false), (false, true), (false, false),
        ] {
            m.count(actual: actual, predicted: predicted)
        }
        #expect(m == ChurnConfusion(truePositives: 3, falsePositives: 1, falseNegatives: 1, trueNegatives: 1))
        #expect(m.positives == 4 && m.negatives == 2 && m.predicted == 4)
        #expect(m.precision == 0.75 && m.recall == 0.75 && m.falsePositiveRate == 0.5 && m.f1 == 0.75)
        let pooled = m + ChurnConfusion(truePositives: 1, falsePositives: 0, falseNegatives: 3, trueNegatives: 7)
        #expect(pooled == ChurnConfusion(truePositives: 4, falsePositives: 1, falseNegatives: 4, trueNegatives: 8))
        #expect(pooled.recall == 0.5 && pooled.precision == 0.8)
    }

    @Test func detectionQuantilesAndShares() {
        let d = ChurnDetection(drifters: 10, daysToFlag: [70, 7, 35, 14, 21], stepDays: 7)
        #expect(d.daysToFlag == [7, 14, 21, 35, 70])
        #expect(d.median == 21 && d.quantile(0) == 7 && d.quantile(1) == 70 && d.quantile(0.8) == 35)
        #expect(d.flaggedShare == 0.5)
        #expect(d.flaggedWithin(days: 21) == 0.3 && d.flaggedWithin(days: 6) == 0)
        let none = ChurnDetection(drifters: 0, daysToFlag: [], stepDays: 7)
        #expect(none.median == nil && none.flaggedShare == 0 && none.flaggedWithin(days: 90) == 0)
        #expect(ClientScenario.churnDrifting(since: Day(number: 5)).driftStart == Day(number: 5))
        #expect(ClientScenario.steady.driftStart == nil)
    }
}
