/// What a conformance check runs against: the port under test and whatever the kit needs beside
/// it (a gate, an audit log, a clock), made fresh for each check.
public protocol ConformanceFixture: Sendable {
    /// Called after the check, even when it failed: drop the test schema, close connections.
    var tearDown: (@Sendable () async throws -> Void)? { get }
}
