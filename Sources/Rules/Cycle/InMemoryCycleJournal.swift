public import CustomerModel
import Synchronization

/// The in-memory ``CycleJournal``: the embedded default, for tests, the demo and hosts that run
/// the cycle in one long-lived process.
public final class InMemoryCycleJournal: CycleJournal {
    private struct Key: Hashable {
        var day: Day
        var stage: String
    }

    private struct State {
        var entries: [Key: CycleJournalEntry] = [:]
        var order: [Key] = []
    }

    private let state = Mutex(State())

    /// An empty journal.
    public init() {}

    /// The entries written for `day`, in the order their stages were first written.
    public func entries(on day: Day) async throws(StoreError) -> [CycleJournalEntry] {
        state.withLock { state in state.order.filter { $0.day == day }.compactMap { state.entries[$0] } }
    }

    /// Writes `entry`, replacing the entry of the same day and stage.
    public func record(_ entry: CycleJournalEntry) async throws(StoreError) {
        let key = Key(day: entry.day, stage: entry.stage)
        state.withLock { state in
            if state.entries.updateValue(entry, forKey: key) == nil { state.order.append(key) }
        }
    }

    /// Every entry, in the order first written.
    public var entries: [CycleJournalEntry] { state.withLock { state in state.order.compactMap { state.entries[$0] } } }
}
