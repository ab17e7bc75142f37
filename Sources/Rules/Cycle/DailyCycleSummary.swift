public import CustomerModel
public import ValueModel

/// What one run of the daily cycle did: every stage's report, the night's scores and how their
/// recording went, the firings of the day and what handing their actions over did.
public struct DailyCycleSummary: Sendable {
    /// The cycle day.
    public var day: Day
    /// Triggers due up to this instant ran.
    public var until: Instant
    /// Each stage, in order: ran, resumed or skipped, with its counts and duration.
    public var stages: [CycleStageReport]
    /// The night's scores; `nil` when the scoring stage did not run in this run (every stage after
    /// it had finished before).
    public var scores: BookScores?
    /// What recording the scores did in this run; `nil` when the stage was skipped.
    public var recording: ScoreRecordingReport?
    /// The firings of the day, in order (from the new facts, then the schedules and date triggers).
    public var firings: [RuleFiring]
    /// What handing the actions over did in this run.
    public var delivery: CycleDelivery

    /// The report of the stage named `stage`, or `nil`.
    public func report(of stage: String) -> CycleStageReport? { stages.first { $0.stage == stage } }
}

/// What recording intraday events did: the firings (from the events and from schedules that came
/// due before them) and what handing their actions over did.
public struct IntradayReport: Sendable {
    /// The firings, in time order.
    public var firings: [RuleFiring]
    /// What handing the actions over did.
    public var delivery: CycleDelivery
}
