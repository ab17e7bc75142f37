import CustomerModel
import CustomerModelTesting
import Synchronization
import Testing

/// A port of the kind a later module adds (a counter that keeps a total), and its kit written on
/// the shared ``ConformanceKit`` shape: a fixture, a way to make one, the checks; nothing else.
protocol TallyPort: Sendable {
    func add(_ amount: Int) async throws -> Int
}

final class LockedTally: TallyPort {
    private let total = Mutex(0)
    func add(_ amount: Int) async throws -> Int {
        total.withLock {
            $0 += amount
            return $0
        }
    }
}

/// A counter that forgets every other addition.
final class ForgetfulTally: TallyPort {
    private let state = Mutex((total: 0, calls: 0))
    func add(_ amount: Int) async throws -> Int {
        state.withLock { state in
            state.calls += 1
            if state.calls % 2 == 1 { state.total += amount }
            return state.total
        }
    }
}

struct TallyFixture<Port: TallyPort>: ConformanceFixture {
    var tally: Port
    var tearDown: (@Sendable () async throws -> Void)?
}

struct TallyConformance<Port: TallyPort>: ConformanceKit {
    typealias Fixture = TallyFixture<Port>
    let makeFixture: @Sendable () async throws -> Fixture
    init(_ makeFixture: @escaping @Sendable () async throws -> Fixture) { self.makeFixture = makeFixture }

    static var checks: [Check] {
        [
            Check("adding returns the running total") { f in
                let first = try await f.tally.add(2)
                let second = try await f.tally.add(3)
                guard (first, second) == (2, 5) else {
                    throw ConformanceFailure(
                        subject: "the totals",
                        expected: "2 then 5",
                        actual: "\(first) then \(second)"
                    )
                }
            },
            Check("a fresh counter starts at zero") { f in
                let total = try await f.tally.add(0)
                guard total == 0 else {
                    throw ConformanceFailure(subject: "the first total", expected: "0", actual: "\(total)")
                }
            },
        ]
    }
}

struct ConformanceKitShapeTests {
    /// The names of a kit's checks, for any kit.
    static func names<Kit: ConformanceKit>(of kit: Kit.Type) -> [String] { Kit.checks.map(\.name) }

    @Test func everyKitIsAConformanceKit() {
        let counts = [
            Self.names(of: CustomerStoreConformance<InMemoryCustomerStore>.self).count,
            Self.names(of: ActivityStoreConformance<InMemoryActivityStore>.self).count,
            Self.names(of: AuditLogConformance<InMemoryAuditLog>.self).count,
            Self.names(of: NotificationSinkConformance<InMemoryNotificationSink>.self).count,
            Self.names(of: TallyConformance<LockedTally>.self).count,
        ]
        #expect(counts.allSatisfy { $0 >= 2 })
    }

    @Test(arguments: TallyConformance<LockedTally>.checks)
    func aKitWrittenOnTheSharedShapeRunsItsChecks(_ check: TallyConformance<LockedTally>.Check) async throws {
        try await TallyConformance { TallyFixture(tally: LockedTally()) }.run(check)
    }

    @Test func aKitWrittenOnTheSharedShapeReportsABrokenPort() async throws {
        let kit = TallyConformance { TallyFixture(tally: ForgetfulTally()) }
        let failures = try await #require(throws: ConformanceFailures.self) { try await kit.runAll() }
        #expect(failures.failedChecks == ["adding returns the running total"])
        #expect(failures.failures.first?.description.contains("expected 2 then 5, got 2 then 2") == true)
        try await kit.runAll(except: ["adding returns the running total"])
    }
}
