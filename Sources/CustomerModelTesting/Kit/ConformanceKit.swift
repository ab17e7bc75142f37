/// The shape every conformance kit shares: a list of named checks of one port's contract, each
/// run on a fresh fixture, reported as a ``ConformanceFailure`` naming the broken promise.
///
/// A kit declares its ``Fixture``, how it makes one (``makeFixture``) and its ``checks``; this
/// protocol runs them. So every kit is used the same way, under Swift Testing, XCTest or a plain
/// executable:
///
/// ```swift
/// typealias Kit = CustomerStoreConformance<PostgresCustomerStore>
/// @Test(arguments: Kit.checks) func postgresStoreConforms(_ check: Kit.Check) async throws {
///     try await Kit { try await PostgresCustomerStore.fresh(db) }.run(check)
/// }
/// // XCTest: one method runs every check and lists each broken promise.
/// func testConformance() async throws { try await Kit { try await PostgresCustomerStore.fresh(db) }.runAll() }
/// ```
///
/// A module with ports ships its kit by conforming a type to this protocol; its checks throw
/// ``ConformanceFailure`` from bodies that take the fixture.
public protocol ConformanceKit: Sendable {
    /// What each check runs against.
    associatedtype Fixture: ConformanceFixture

    /// Every check of the contract, in a stable order.
    static var checks: [ConformanceCheck<Fixture>] { get }

    /// Makes a fresh fixture for one check.
    var makeFixture: @Sendable () async throws -> Fixture { get }

    /// Creates the kit from a function that makes a fresh fixture for each check.
    ///
    /// - Parameter makeFixture: called once per check.
    init(_ makeFixture: @escaping @Sendable () async throws -> Fixture)
}

extension ConformanceKit {
    /// One named behaviour of the contract.
    public typealias Check = ConformanceCheck<Fixture>

    /// Runs one check on a fresh fixture, and tears the fixture down even when the check failed.
    ///
    /// - Parameter check: one of ``checks`` (or a host's own check of the same fixture).
    /// - Throws: ``ConformanceFailure`` naming the check, what it expected and what came back.
    public func run(_ check: Check) async throws(ConformanceFailure) {
        let fixture: Fixture
        do {
            fixture = try await makeFixture()
        } catch {
            throw ConformanceFailure(
                check: check.name,
                subject: "making a fresh fixture",
                expected: "a fixture",
                actual: "\(type(of: error)) \(error)"
            )
        }
        var failure: ConformanceFailure?
        do {
            try await check.body(fixture)
        } catch var thrown as ConformanceFailure {
            thrown.check = check.name
            failure = thrown
        } catch {
            failure = ConformanceFailure(
                check: check.name,
                subject: "a port call the check expected to succeed",
                expected: "success",
                actual: "\(type(of: error)) \(error)"
            )
        }
        if let cleanUp = fixture.tearDown {
            do {
                try await cleanUp()
            } catch {
                // When the check failed too, its own failure is the one worth reporting.
                if failure == nil {
                    failure = ConformanceFailure(
                        check: check.name,
                        subject: "tearing the fixture down",
                        expected: "success",
                        actual: "\(type(of: error)) \(error)"
                    )
                }
            }
        }
        if let failure { throw failure }
    }

    /// Runs every check, each on a fresh fixture.
    ///
    /// - Throws: ``ConformanceFailures`` listing every failed check.
    public func runAll() async throws(ConformanceFailures) {
        try await runAll(except: [])
    }

    /// Runs every check except those named in `skipped` (known failures being fixed), in order.
    ///
    /// - Parameter skipped: the names of the checks not to run.
    /// - Throws: ``ConformanceFailures`` listing every failed check.
    public func runAll(except skipped: Set<String>) async throws(ConformanceFailures) {
        var failures: [ConformanceFailure] = []
        var ran = 0
        for check in Self.checks where !skipped.contains(check.name) {
            ran += 1
            do throws(ConformanceFailure) {
                try await run(check)
            } catch {
                failures.append(error)
            }
        }
        if !failures.isEmpty { throw ConformanceFailures(failures: failures, checksRun: ran) }
    }
}
