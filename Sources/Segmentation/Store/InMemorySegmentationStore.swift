public import CustomerModel
import Synchronization

/// The in-memory ``SegmentationStore``: the library's default and the reference the
/// conformance kit is checked against.
public final class InMemorySegmentationStore: SegmentationStore {
    private let state = Mutex(SegmentationState())

    /// An empty store.
    public init() {}

    /// Stores `batch`, all or nothing.
    public func commit(
        _ batch: SegmentationBatch,
        in scope: ClientScope
    ) async throws(StoreError)
        -> SegmentationCommitReport
    {
        try state.withLock { state in state.commit(batch) }.get()
    }

    /// The states of `clients`, or of every client of `scope`.
    public func states(of clients: [CustomerID]?, scope: ClientScope) async throws(StoreError) -> [ClientTierState] {
        state.withLock { state in
            let ids = clients.map { Array(Set($0)) } ?? Array(state.states.keys).filter { scope.contains($0) == true }
            return ids.compactMap { state.states[$0] }.sorted { $0.client < $1.client }
        }
    }

    /// The client's events in `days`.
    public func history(
        of client: CustomerID,
        in days: ClosedRange<Day>,
        scope: ClientScope
    ) async throws(StoreError)
        -> [TierEvent]
    {
        state.withLock { state in (state.events[client] ?? []).filter { days.contains($0.day) } }
    }

    /// The client's evaluations in `days`.
    public func evaluations(
        of client: CustomerID,
        in days: ClosedRange<Day>,
        scope: ClientScope
    ) async throws(StoreError)
        -> [EvaluationRecord]
    {
        state.withLock { state in
            (state.evaluationOrder[client] ?? []).compactMap { state.evaluations[$0] }.filter { days.contains($0.day) }
        }
    }

    /// Each client's tier as of `day`.
    public func tiers(
        asOf day: Day,
        of clients: [CustomerID]?,
        scope: ClientScope
    ) async throws(StoreError)
        -> [TierAsOf]
    {
        state.withLock { state in
            let ids = clients.map { Array(Set($0)) } ?? Array(state.events.keys).filter { scope.contains($0) == true }
            return ids.sorted().compactMap { state.tier(of: $0, asOf: day) }
        }
    }
}

/// The store's data: states, events and evaluations by client.
struct SegmentationState: Sendable {
    var states: [CustomerID: ClientTierState] = [:]
    /// Each client's events, by day then commit order.
    var events: [CustomerID: [TierEvent]] = [:]
    var eventIDs: [String: TierEvent] = [:]
    var evaluations: [EvaluationKey: EvaluationRecord] = [:]
    var evaluationOrder: [CustomerID: [EvaluationKey]] = [:]

    mutating func commit(_ batch: SegmentationBatch) -> Result<SegmentationCommitReport, StoreError> {
        var report = SegmentationCommitReport()
        // Validate everything before changing anything.
        var stateClients: Set<CustomerID> = []
        for s in batch.states {
            guard !s.client.rawValue.isEmpty else {
                return .failure(
                    StoreError(.invalid, customer: s.client, record: "state", field: "client", "client id is empty")
                )
            }
            guard stateClients.insert(s.client).inserted else {
                return .failure(
                    StoreError(
                        .invalid,
                        customer: s.client,
                        record: "state",
                        field: "client",
                        "two states of one client in a batch"
                    )
                )
            }
            let stored = states[s.client]?.version ?? 0
            guard stored == s.version else {
                return .failure(
                    StoreError(
                        .conflict,
                        customer: s.client,
                        record: "state",
                        field: "version",
                        "the state was read at version \(s.version); it is at \(stored)"
                    )
                )
            }
        }
        var newEvents: [TierEvent] = []
        var batchEvents: [String: TierEvent] = [:]
        for e in batch.events {
            guard !e.client.rawValue.isEmpty, !e.id.isEmpty else {
                return .failure(
                    StoreError(
                        .invalid,
                        customer: e.client,
                        record: "event",
                        field: "client",
                        "client or event id is empty"
                    )
                )
            }
            guard states[e.client] != nil || stateClients.contains(e.client) else {
                return .failure(
                    StoreError(
                        .invalid,
                        customer: e.client,
                        record: e.id,
                        field: "client",
                        "an event of a client without a state"
                    )
                )
            }
            if let known = eventIDs[e.id] ?? batchEvents[e.id] {
                guard known == e else {
                    return .failure(
                        StoreError(
                            .conflict,
                            customer: e.client,
                            record: e.id,
                            field: "id",
                            "another event has this id"
                        )
                    )
                }
                report.unchangedEvents += 1
                continue
            }
            batchEvents[e.id] = e
            newEvents.append(e)
        }
        var newEvaluations: [EvaluationRecord] = []
        var batchKeys: [EvaluationKey: EvaluationRecord] = [:]
        for r in batch.evaluations {
            guard !r.client.rawValue.isEmpty else {
                return .failure(
                    StoreError(
                        .invalid,
                        customer: r.client,
                        record: "evaluation",
                        field: "client",
                        "client id is empty"
                    )
                )
            }
            if let known = evaluations[r.key] ?? batchKeys[r.key] {
                guard known == r else {
                    return .failure(
                        StoreError(
                            .conflict,
                            customer: r.client,
                            record: "evaluation \(r.day) \(r.policy)",
                            field: "evaluation",
                            "another evaluation is recorded for this client, day and policy version"
                        )
                    )
                }
                report.unchangedEvaluations += 1
                continue
            }
            batchKeys[r.key] = r
            newEvaluations.append(r)
        }
        // Apply.
        for var s in batch.states {
            s.version += 1
            states[s.client] = s
        }
        for e in newEvents {
            eventIDs[e.id] = e
            var list = events[e.client] ?? []
            let at = list.lastIndex { $0.day <= e.day }.map { $0 + 1 } ?? 0
            list.insert(e, at: at)
            events[e.client] = list
        }
        for r in newEvaluations {
            evaluations[r.key] = r
            var order = evaluationOrder[r.client] ?? []
            let at = order.lastIndex { $0.day <= r.day }.map { $0 + 1 } ?? 0
            order.insert(r.key, at: at)
            evaluationOrder[r.client] = order
        }
        report.events = newEvents.count
        report.evaluations = newEvaluations.count
        report.states = batch.states.count
        return .success(report)
    }

    func tier(of client: CustomerID, asOf day: Day) -> TierAsOf? {
        guard let list = events[client] else { return nil }
        // Binary search for the last event on or before `day`.
        var low = 0
        var high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid].day <= day { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return nil }
        let last = list[low - 1]
        var mover = last
        var i = low - 1
        while i >= 0 {
            if list[i].isMove {
                mover = list[i]
                break
            }
            i -= 1
        }
        return TierAsOf(client: client, ladder: last.ladder, tier: last.to, since: mover.day, event: mover)
    }
}
