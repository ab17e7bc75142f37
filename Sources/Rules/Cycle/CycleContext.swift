public import CustomerModel
public import ValueModel

/// What the stages of one cycle day share: the day and instant, the ports, and what earlier
/// stages produced (the book, the scores, the firings).
///
/// A plugged-in stage reads it and saves its
/// progress through it.
public struct CycleContext: Sendable {
    /// The cycle day: the book is scored as of this day.
    public let asOf: Day
    /// Schedules and date triggers due up to this instant run.
    public let until: Instant
    /// The ports.
    public let ports: DailyCyclePorts
    /// The scoring job, set to ``asOf``.
    public let scoring: BookScoring
    /// The rules.
    public let rules: RuleSet
    /// The tier ladders, by kind of client.
    public let ladders: CycleTierLadders
    /// Actions handed to the handler per call.
    public let batchSize: Int
    /// The book as read from the ports (`read-book`).
    public internal(set) var book: BookInputs?
    /// The organisation (branches and staff) as read from the customer store (`read-book`).
    public internal(set) var organisation: Organisation?
    /// The night's scores (`score-book`).
    public internal(set) var scores: BookScores?
    /// Each client's tier (`assign-tiers`, or a stage that replaces it, such as Segmentation's
    /// review), handed to the rules as the `tier` fact.
    public var tiers: TierFacts?
    /// What recording the scores did (`record-scores`).
    public internal(set) var recording: ScoreRecordingReport?
    /// The firings of the day, in order: from the new facts (`hand-facts`), then from the
    /// schedules and date triggers (`run-triggers`).
    public internal(set) var firings: [RuleFiring] = []
    /// What handing the actions over did in this run (`hand-actions`).
    public internal(set) var delivery = CycleDelivery()
    /// The progress the current stage saved in a run that failed, when it is resuming.
    public internal(set) var resumeFrom: CycleCheckpoint?
    /// The stage running.
    public internal(set) var stage = ""
    /// State the cycle carries from day to day (the engine, what it has absorbed).
    var carry: CycleCarry
    /// The engine's state the current stage leaves in its journal entry (`run-triggers`).
    var engineCheckpoint: RuleEngineCheckpoint?

    init(
        asOf: Day,
        until: Instant,
        ports: DailyCyclePorts,
        scoring: BookScoring,
        rules: RuleSet,
        ladders: CycleTierLadders,
        batchSize: Int,
        carry: CycleCarry
    ) {
        self.asOf = asOf
        self.until = until
        self.ports = ports
        var scoring = scoring
        scoring.windows.asOf = asOf
        self.scoring = scoring
        self.rules = rules
        self.ladders = ladders
        self.batchSize = batchSize
        self.carry = carry
    }

    /// Writes the current stage's progress to the journal (as in progress), so a rerun after a
    /// failure continues from it.
    /// - Throws: ``CycleFailure/store(_:)`` when the journal fails.
    public func saveProgress(_ checkpoint: CycleCheckpoint) async throws(CycleFailure) {
        do throws(StoreError) {
            try await ports.journal.record(
                CycleJournalEntry(
                    day: asOf,
                    stage: stage,
                    state: .inProgress,
                    checkpoint: checkpoint,
                    at: ports.clock.now
                )
            )
        } catch {
            throw .store(error)
        }
    }

    /// The book, or a ``CycleFailure/state(_:)`` naming the stage that should have read it.
    func requireBook() throws(CycleFailure) -> BookInputs {
        guard let book else { throw .state("no book was read (the read-book stage must come first)") }
        return book
    }

    /// The rules engine's client records of the book (`read-book`), in profile order: what a
    /// plugged-in stage evaluates conditions over.
    /// - Throws: ``CycleFailure/state(_:)`` when no book was read.
    public func clientRecords() throws(CycleFailure) -> [ClientRecord] { CycleRecords.records(of: try requireBook()) }

    /// The scores, or a ``CycleFailure/state(_:)``.
    func requireScores() throws(CycleFailure) -> BookScores {
        guard let scores else { throw .state("the book was not scored (the score-book stage must come first)") }
        return scores
    }
}

/// What the cycle carries from one day to the next: the rules engine (windows, cooldowns,
/// de-duplication, the schedule cursor), the last day whose activity it absorbed, and the ids of
/// events recorded intraday since (the night does not absorb them again).
struct CycleCarry: Sendable {
    var engine: RuleEngine?
    var absorbedThrough: Day?
    var intraday: Set<String> = []
    var organisation: Organisation?

    /// The key an intraday transaction is remembered by.
    static func key(_ t: Transaction) -> String { "t:\(t.id)" }

    /// The key an intraday interaction is remembered by.
    static func key(_ i: Interaction) -> String { "i:\(i.id)" }
}
