public import CustomerModel
public import ValueModel

/// Why a stage of the daily cycle stopped: the store, scoring or rules error underneath, or a
/// plugged-in stage's own reason.
///
/// Descriptions name records and fields, never personal values.
public enum CycleFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// A port (customer, activity or score history store, journal) failed.
    case store(StoreError)
    /// The scoring job rejected the book.
    case scoring(BookScoringError)
    /// The rules engine rejected what the cycle handed it.
    case rules(RuleEngineError)
    /// The action handler failed as a whole (its port is down) or answered against its contract.
    case actions(ActionHandlerError)
    /// The cycle was asked for something it cannot do in its state (intraday events before any
    /// night built the engine, a stage that needs what no earlier stage produced).
    case state(String)

    /// The underlying error.
    public var description: String {
        switch self {
        case .store(let error): "store: \(error)"
        case .scoring(let error): "scoring: \(error)"
        case .rules(let error): "rules: \(error)"
        case .actions(let error): "actions: \(error)"
        case .state(let message): "state: \(message)"
        }
    }
}

/// A daily cycle that stopped: which stage of which cycle day, and why.
///
/// Every stage that finished before the failure is in the ``CycleJournal``; running the same day
/// again resumes at ``stage`` without repeating a side effect.
///
/// ```swift
/// do { _ = try await cycle.run(asOf: today, until: clock.now) }
/// catch { log("\(error.stage) failed: \(error.failure)"); /* run again later */ }
/// ```
public struct DailyCycleError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The stage that failed (``CycleStage/name``), or `intraday` for ``DailyCycle/record(_:)``.
    public var stage: String
    /// The cycle day (the scoring day), or the events' day for intraday work.
    public var day: Day
    /// What went wrong underneath.
    public var failure: CycleFailure

    /// Creates an error.
    public init(stage: String, day: Day, failure: CycleFailure) {
        self.stage = stage
        self.day = day
        self.failure = failure
    }

    /// `record-scores on 2026-12-06: store: unavailable: ...`.
    public var description: String { "\(stage) on \(day): \(failure)" }
}
