import CustomerModel
import CustomerModelTesting
import Testing
import ValueModel
import ValueModelTesting

/// The plain stores of these tests (dictionaries behind a lock, no policy, audit or clock code)
/// pass every storage kit behind the gate, each paired with the in-memory stores of the other
/// ports and with the plain customer store as the gate's directory: any store pairs with any other.
struct PlainStoresTests {
    typealias CustomerKit = CustomerStoreConformance<PlainCustomerStore>

    @Test(arguments: CustomerKit.checks)
    func thePlainCustomerStorePassesTheCustomerStoreKitBehindTheGate(_ check: CustomerKit.Check) async throws {
        try await CustomerKit { PlainCustomerStore() }.run(check)
    }

    typealias ActivityKit = ActivityStoreConformance<InMemoryActivityStore>

    @Test(arguments: ActivityKit.checks)
    func thePlainCustomerStoreServesAsTheDirectoryOfTheInMemoryActivityStore(_ check: ActivityKit.Check) async throws {
        try await ActivityKit { (InMemoryActivityStore(), PlainCustomerStore()) }.run(check)
    }

    typealias HistoryKit = ScoreHistoryConformance<InMemoryScoreHistoryStore>

    @Test(arguments: HistoryKit.checks)
    func thePlainCustomerStoreServesAsTheDirectoryOfTheInMemoryScoreHistoryStore(
        _ check: HistoryKit.Check
    ) async throws {
        try await HistoryKit { (InMemoryScoreHistoryStore(), PlainCustomerStore()) }.run(check)
    }

    typealias PlainActivityKit = ActivityStoreConformance<PlainActivityStore>

    @Test(arguments: PlainActivityKit.checks)
    func thePlainActivityStorePassesTheActivityKitWithTheInMemoryDirectory(
        _ check: PlainActivityKit.Check
    ) async throws {
        try await PlainActivityKit { (PlainActivityStore(), InMemoryCustomerStore()) }.run(check)
    }

    @Test(arguments: PlainActivityKit.checks)
    func thePlainActivityStorePassesTheActivityKitWithThePlainDirectory(
        _ check: PlainActivityKit.Check
    ) async throws {
        try await PlainActivityKit { (PlainActivityStore(), PlainCustomerStore()) }.run(check)
    }

    typealias PlainHistoryKit = ScoreHistoryConformance<PlainScoreHistoryStore>

    @Test(arguments: PlainHistoryKit.checks)
    func thePlainScoreHistoryStorePassesTheScoreHistoryKitWithTheInMemoryDirectory(
        _ check: PlainHistoryKit.Check
    ) async throws {
        try await PlainHistoryKit { (PlainScoreHistoryStore(), InMemoryCustomerStore()) }.run(check)
    }

    @Test(arguments: PlainHistoryKit.checks)
    func thePlainScoreHistoryStorePassesTheScoreHistoryKitWithThePlainDirectory(
        _ check: PlainHistoryKit.Check
    ) async throws {
        try await PlainHistoryKit { (PlainScoreHistoryStore(), PlainCustomerStore()) }.run(check)
    }
}
