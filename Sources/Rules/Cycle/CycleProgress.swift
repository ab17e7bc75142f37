public import CustomerModel

/// What the ``DailyCycle`` reports as it goes: each stage starting and finishing, with its counts
/// and its duration read from the cycle's clock.
public enum CycleProgress: Hashable, Sendable, CustomStringConvertible {
    /// A stage started (`index` of `of` stages).
    case started(stage: String, day: Day, index: Int, of: Int)
    /// A stage finished.
    case finished(CycleStageReport)
    /// A stage was skipped: the journal says it already finished for the day.
    case skipped(CycleStageReport)

    /// `score-book 2026-12-06 finished in 812 ms: clients 300`.
    public var description: String {
        switch self {
        case .started(let stage, let day, let index, let count): "\(stage) \(day) started (\(index + 1)/\(count))"
        case .finished(let report):
            "\(report.stage) \(report.day) finished in \(report.milliseconds) ms: \(report.counts)"
        case .skipped(let report): "\(report.stage) \(report.day) skipped (finished before)"
        }
    }
}

/// What one stage of one cycle day did.
public struct CycleStageReport: Hashable, Sendable, Codable {
    /// How the stage came to its result in this run.
    public enum Outcome: String, Hashable, Sendable, Codable {
        /// It ran from the start.
        case ran
        /// It continued from progress saved by a run that failed.
        case resumed
        /// It had finished before for this day; nothing was done.
        case skipped
    }

    /// The stage's name.
    public var stage: String
    /// The cycle day.
    public var day: Day
    /// How the stage came to its result.
    public var outcome: Outcome
    /// What the stage counted (for a skipped stage: what it counted when it finished).
    public var counts: [CycleCount]
    /// Milliseconds the stage took by the cycle's clock (0 when skipped).
    public var milliseconds: Int64

    /// Creates a report.
    public init(stage: String, day: Day, outcome: Outcome, counts: [CycleCount], milliseconds: Int64) {
        self.stage = stage
        self.day = day
        self.outcome = outcome
        self.counts = counts
        self.milliseconds = milliseconds
    }
}
