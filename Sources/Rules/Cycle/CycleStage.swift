/// One named count a stage reports (`clients`, `transactions`, `actions.handled` ...).
public struct CycleCount: Hashable, Sendable, Codable, CustomStringConvertible {
    /// What is counted.
    public var name: String
    /// How many.
    public var value: Int

    /// Creates a count.
    public init(_ name: String, _ value: Int) {
        self.name = name
        self.value = value
    }

    /// `clients 300`.
    public var description: String { "\(name) \(value)" }
}

extension Array where Element == CycleCount {
    /// The value of the count named `name`, or `nil`.
    public subscript(count name: String) -> Int? { first { $0.name == name }?.value }
}

/// One step of the ``DailyCycle``: a name, whether it changes anything outside the cycle, and
/// the work.
///
/// Stages are values in an ordered list (``DailyCycle/standardStages``), so later modules
/// (segmentation, workflow) insert their own:
///
/// ```swift
/// var stages = DailyCycle.standardStages
/// stages.insert(segmentation.stage, at: stages.firstIndex { $0.name == CycleStage.handFacts.name }!)
/// let cycle = DailyCycle(ports: ports, rules: rules, scoring: scoring, stages: stages)
/// ```
///
/// **Resuming.** A stage with ``effect`` ``Effect-swift.enum/external`` (it records, sends or
/// writes) runs at most once per cycle day: once the journal says it finished, a rerun of the day
/// skips it. A ``Effect-swift.enum/computation`` stage (reading, scoring, evaluating) only builds
/// what later stages need and runs again when a rerun needs its results. A stage that works in
/// parts saves its progress with ``CycleContext/saveProgress(_:)`` and finds it in
/// ``CycleContext/resumeFrom`` on the rerun.
public struct CycleStage: Sendable {
    /// What a stage does to the world outside the cycle.
    public enum Effect: Hashable, Sendable {
        /// Reads and computes only: safe to run again.
        case computation
        /// Records, sends or writes: never repeated once finished for a day.
        case external
    }

    /// The stage's name, unique within a cycle (`read-book`, `score-book` ...).
    public let name: String
    /// Whether the stage changes the world outside the cycle.
    public let effect: Effect
    let work: @Sendable (inout CycleContext) async throws(CycleFailure) -> [CycleCount]

    /// Creates a stage.
    /// - Parameters:
    ///   - name: unique within the cycle; the journal and progress name the stage by it.
    ///   - effect: whether the stage records, sends or writes (see "Resuming").
    ///   - work: the stage's work on the cycle's context; returns what it counted.
    public init(
        name: String,
        effect: Effect,
        work: @escaping @Sendable (inout CycleContext) async throws(CycleFailure) -> [CycleCount]
    ) {
        self.name = name
        self.effect = effect
        self.work = work
    }
}
