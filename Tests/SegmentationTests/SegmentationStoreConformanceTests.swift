import CustomerModel
import CustomerModelTesting
import Segmentation
import SegmentationTesting
import Testing

@Suite struct SegmentationStoreConformanceTests {
    typealias Kit = SegmentationConformance<InMemorySegmentationStore>

    @Test(arguments: Kit.checks)
    func inMemoryStoreConforms(_ check: Kit.Check) async throws {
        try await Kit.inMemory.run(check)
    }
}

/// A store that never refuses a stale version: the kit must notice.
final class StaleVersionsStore: SegmentationStore {
    let inner = InMemorySegmentationStore()

    func commit(_ batch: SegmentationBatch, in scope: ClientScope) async throws(StoreError) -> SegmentationCommitReport
    {
        var fixed = batch
        let stored = try await inner.states(of: batch.states.map(\.client), scope: .everyClient)
        for i in fixed.states.indices {
            fixed.states[i].version = stored.first { $0.client == fixed.states[i].client }?.version ?? 0
        }
        return try await inner.commit(fixed, in: scope)
    }

    func states(of clients: [CustomerID]?, scope: ClientScope) async throws(StoreError) -> [ClientTierState] {
        try await inner.states(of: clients, scope: scope)
    }

    func history(
        of client: CustomerID,
        in days: ClosedRange<Day>,
        scope: ClientScope
    ) async throws(StoreError)
        -> [TierEvent]
    {
        try await inner.history(of: client, in: days, scope: scope)
    }

    func evaluations(
        of client: CustomerID,
        in days: ClosedRange<Day>,
        scope: ClientScope
    ) async throws(StoreError)
        -> [EvaluationRecord]
    {
        try await inner.evaluations(of: client, in: days, scope: scope)
    }

    func tiers(asOf day: Day, of clients: [CustomerID]?, scope: ClientScope) async throws(StoreError) -> [TierAsOf] {
        try await inner.tiers(asOf: day, of: clients, scope: scope)
    }
}

@Suite struct SegmentationKitCatchesBrokenStores {
    @Test func aStoreThatIgnoresVersionsFailsTheVersionCheck() async throws {
        let kit = SegmentationConformance<StaleVersionsStore> { (StaleVersionsStore(), InMemoryCustomerStore()) }
        let failures = await #expect(throws: ConformanceFailures.self) { try await kit.runAll() }
        #expect(
            failures?.failedChecks == [
                "a state written from a stale version is a conflict and stores nothing of the batch"
            ]
        )
    }
}
