public import CustomerModel

/// Where a stage of a cycle day got to: the items it finished and a fingerprint of them, so a
/// rerun can check that it is continuing the same work.
public struct CycleCheckpoint: Hashable, Sendable, Codable {
    /// How many of the stage's items are done (for the action stage: firings handed over).
    public var completed: Int
    /// A fingerprint of the items done (see ``CycleFingerprint``); 0 when the stage keeps none.
    public var fingerprint: UInt64
    /// What the stage counted so far.
    public var counts: [CycleCount]
    /// The rules engine's own state when the stage finished (`run-triggers` keeps it: windows,
    /// cooldowns, de-duplication, the cursor), so that a restarted host's next night restores
    /// it instead of starting the engine afresh; `nil` for other stages.
    public var engine: RuleEngineCheckpoint?

    /// Creates a checkpoint.
    public init(
        completed: Int = 0,
        fingerprint: UInt64 = 0,
        counts: [CycleCount] = [],
        engine: RuleEngineCheckpoint? = nil
    ) {
        self.completed = completed
        self.fingerprint = fingerprint
        self.counts = counts
        self.engine = engine
    }
}

/// One line of the ``CycleJournal``: a stage of a cycle day, finished or part-way, and its checkpoint.
public struct CycleJournalEntry: Hashable, Sendable, Codable {
    /// Whether the stage finished.
    public enum State: String, Hashable, Sendable, Codable {
        /// Part of the stage's work is done (see ``CycleCheckpoint/completed``).
        case inProgress
        /// The stage finished.
        case finished
    }

    /// The cycle day.
    public var day: Day
    /// The stage's name.
    public var stage: String
    /// Finished or part-way.
    public var state: State
    /// Where the stage got to.
    public var checkpoint: CycleCheckpoint
    /// When it was written, by the cycle's clock.
    public var at: Instant

    /// Creates an entry.
    public init(day: Day, stage: String, state: State, checkpoint: CycleCheckpoint, at: Instant) {
        self.day = day
        self.stage = stage
        self.state = state
        self.checkpoint = checkpoint
        self.at = at
    }
}

/// Remembers which stages of which cycle day finished, and where a stage that works in parts got
/// to, so that ``DailyCycle/run(asOf:until:progress:)`` after a failure resumes at the failed stage
/// and repeats no side effect.
///
/// Contract: ``record(_:)`` keeps one entry per (day, stage), the last one written;
/// ``entries(on:)`` returns the day's entries in the order their stages were first written. A
/// whole-call failure is a thrown ``/CustomerModel/StoreError`` (`unavailable`); the cycle then
/// stops at that stage. Keep the journal where the host keeps its other state (a table keyed by
/// day and stage); ``InMemoryCycleJournal`` is the embedded default.
public protocol CycleJournal: Sendable {
    /// The entries written for `day`.
    func entries(on day: Day) async throws(StoreError) -> [CycleJournalEntry]
    /// Writes `entry`, replacing the entry of the same day and stage.
    func record(_ entry: CycleJournalEntry) async throws(StoreError)
}

/// A deterministic 64-bit fingerprint (FNV-1a) of texts, the same in every process: a checkpoint
/// uses it to check that a rerun continues the same list of items.
public struct CycleFingerprint: Hashable, Sendable {
    /// The fingerprint so far.
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// An empty fingerprint.
    public init() {}

    /// Adds `text` (and a separator, so `["ab", "c"]` and `["a", "bc"]` differ).
    public mutating func add(_ text: String) {
        for byte in text.utf8 { mix(byte) }
        mix(0xFF)
    }

    private mutating func mix(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x0000_0100_0000_01B3
    }
}
