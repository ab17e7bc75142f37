import CustomerModel
import Rules
import Synchronization
import SyntheticBank
import ValueModel

/// A clock the tests move by hand.
final class TestClock: WallClock {
    private let current: Mutex<Instant>

    init(start: Instant) { current = Mutex(start) }

    var now: Instant { current.withLock { $0 } }

    func advance(bySeconds seconds: Int64) { current.withLock { $0 = $0.adding(seconds: seconds) } }

    func set(to instant: Instant) { current.withLock { $0 = instant } }
}

/// A small synthetic bank loaded into the in-memory ports, a score history, and the rules the
/// cycle tests run: the shipped example set plus rules on the night's scores.
struct CycleFixture {
    let synthetic: SyntheticBank
    let bank: InMemoryBank
    let clock: TestClock
    let history: InMemoryScoreHistoryStore
    let today: Day
    let rules: RuleSet

    /// Rules that read the facts the cycle hands over (scores, RFM, churn).
    static let scoreRules = #"""
        rule "Valued client showing churn signals"
          when daily at 08:00
          if score >= 20 and churn.risk >= "medium"
          then notify(rm, workbench, "{name} ({tier}, score {score}, RFM {rfm.segment}) shows churn signals: call this week"),
               task(rm, "Retention call with {name}", 5bd)
          cooldown 30d
          dedupe by client
        end

        rule "Top decile review"
          when daily at 08:15
          if score.decile = 10
          then notify(rm, email, "{name} is in the top tenth of the book (score {score})")
          cooldown 90d
        end
        """#

    static func make(clients: Int = 300, seed: UInt64 = 11) async throws -> CycleFixture {
        let synthetic = SyntheticBank(.init(seed: seed, clientCount: clients, days: 240))
        let calendar = synthetic.configuration.calendar
        let today = synthetic.configuration.endDay
        let clock = TestClock(start: calendar.start(of: today.adding(days: 1), plusMinutes: 2 * 60))
        let bank = InMemoryBank(clock: clock, calendar: calendar)
        try await synthetic.load(into: bank.customers, activity: bank.activity, batchSize: 10_000)
        let history = InMemoryScoreHistoryStore()
        let rules = try RuleCompiler(catalogue: .standard()).compile(
            ExampleRules.text + "\n" + scoreRules,
            file: "cycle-test.rules"
        )
        return CycleFixture(
            synthetic: synthetic,
            bank: bank,
            clock: clock,
            history: history,
            today: today,
            rules: rules
        )
    }

    /// The distinct actions `notifications` came from: a notification's id is
    /// `<firing id>-<action index>-<staff id>`, its action's id the first two parts.
    static func actions(of notifications: [OutboundNotification]) -> Set<String> {
        Set(notifications.map { $0.id.split(separator: "-", maxSplits: 2).prefix(2).joined(separator: "-") })
    }

    /// The morning after `day`, at 09:30: the day's schedules and date triggers are due.
    func morning(after day: Day) -> Instant { bank.calendar.start(of: day.adding(days: 1), plusMinutes: 9 * 60 + 30) }

    /// A cycle over the fixture's ports, with `notifications`, `scoreHistory` and `journal` in place
    /// of the bank's when given.
    func cycle(
        notifications: (any NotificationSink)? = nil,
        scoreHistory: (any ScoreHistoryStore)? = nil,
        journal: any CycleJournal = InMemoryCycleJournal(),
        stages: [CycleStage] = DailyCycle.standardStages,
        batchSize: Int = 50
    ) -> DailyCycle {
        DailyCycle(
            ports: DailyCyclePorts(
                customers: bank.customers,
                activity: bank.activity,
                scoreHistory: bank.gate.scoreHistory(scoreHistory ?? history),
                notifications: notifications ?? bank.notifications,
                journal: journal,
                clock: clock,
                calendar: bank.calendar
            ),
            rules: rules,
            scoring: BookScoring(asOf: today, currency: .cny),
            stages: stages,
            batchSize: batchSize
        )
    }
}

/// A sink that fails its `failOn`-th call (1-based, once) and otherwise passes batches to an
/// in-memory sink, keeping every notification it was offered.
final class FlakySink: NotificationSink {
    private struct State {
        var calls = 0
        var offered: [String] = []
    }

    private let state = Mutex(State())
    let inner: InMemoryNotificationSink
    let failOn: Int?

    init(clock: any WallClock, failOn: Int?) {
        inner = InMemoryNotificationSink(clock: clock)
        self.failOn = failOn
    }

    func deliver(_ batch: [OutboundNotification]) async throws(StoreError) -> [DeliveryReceipt] {
        let call = state.withLock { state in
            state.calls += 1
            return state.calls
        }
        if call == failOn { throw StoreError(.unavailable, "the gateway is down") }
        state.withLock { $0.offered += batch.map(\.id) }
        return try await inner.deliver(batch)
    }

    /// Ids offered in calls that did not fail, in order (a repeat means a second delivery).
    var offered: [String] { state.withLock { $0.offered } }
    /// Calls made, the failed one included.
    var calls: Int { state.withLock { $0.calls } }
}

/// A score history that fails its first `failures` calls to record and passes everything else on.
final class FlakyHistory: ScoreHistoryStore {
    private let remaining: Mutex<Int>
    private let recordCalls = Mutex(0)
    let inner: any ScoreHistoryStore

    init(_ inner: any ScoreHistoryStore, failures: Int) {
        self.inner = inner
        remaining = Mutex(failures)
    }

    var calls: Int { recordCalls.withLock { $0 } }

    func record(
        _ scores: [ScoreRecord],
        replacing: Bool,
        in scope: ClientScope
    ) async throws(StoreError)
        -> ScoreRecordingReport
    {
        recordCalls.withLock { $0 += 1 }
        let fail = remaining.withLock { left in
            defer { left = max(0, left - 1) }
            return left > 0
        }
        if fail { throw StoreError(.unavailable, "the score database is down") }
        return try await inner.record(scores, replacing: replacing, in: scope)
    }

    func series(
        of customer: CustomerID,
        in days: ClosedRange<Day>,
        model: ScoreModelVersion?,
        scope: ClientScope
    )
        async throws(StoreError) -> [ScoreRecord]
    {
        try await inner.series(of: customer, in: days, model: model, scope: scope)
    }

    func scores(
        of customers: [CustomerID],
        asOf day: Day,
        model: ScoreModelVersion,
        scope: ClientScope
    )
        async throws(StoreError) -> [ScoreRecord]
    {
        try await inner.scores(of: customers, asOf: day, model: model, scope: scope)
    }

    func trends(
        of customers: [CustomerID]?,
        model: ScoreModelVersion,
        over window: ClosedRange<Day>,
        scope: ClientScope
    )
        async throws(StoreError) -> [ScoreTrend]
    {
        try await inner.trends(of: customers, model: model, over: window, scope: scope)
    }
}

/// Collects progress reports.
final class ProgressLog: Sendable {
    private let events = Mutex<[CycleProgress]>([])

    func add(_ event: CycleProgress) { events.withLock { $0.append(event) } }

    var all: [CycleProgress] { events.withLock { $0 } }
}

/// A handler that takes the `task` actions (as Workflow's will) and keeps them; everything else
/// it returns unhandled.
final class TaskRecorder: ActionHandler {
    private let state = Mutex<[FiringAction]>([])

    func handle(_ batch: [FiringAction]) async throws(ActionHandlerError) -> [ActionOutcome] {
        batch.map { item in
            guard case .task = item.action else { return ActionOutcome(action: item.id, status: .unhandled) }
            state.withLock { $0.append(item) }
            return ActionOutcome(action: item.id, status: .handled)
        }
    }

    /// The tasks received, in order.
    var received: [FiringAction] { state.withLock { $0 } }
}
