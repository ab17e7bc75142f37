/// Runs checks for every kit: makes a fresh fixture, runs the body, tears down even when the body
/// failed, and turns whatever went wrong into a ``ConformanceFailure`` named after the check.
package enum ConformanceRunner {
    /// Runs one check on a fresh fixture.
    package static func run<Fixture>(
        _ name: String,
        make: @Sendable () async throws -> Fixture,
        tearDown: (Fixture) -> (@Sendable () async throws -> Void)?,
        body: (Fixture) async throws -> Void
    ) async throws(ConformanceFailure) {
        let fixture: Fixture
        do {
            fixture = try await make()
        } catch {
            throw ConformanceFailure(
                check: name,
                subject: "making a fresh fixture",
                expected: "a fixture",
                actual: "\(type(of: error)) \(error)"
            )
        }
        var failure: ConformanceFailure?
        do {
            try await body(fixture)
        } catch var thrown as ConformanceFailure {
            thrown.check = name
            failure = thrown
        } catch {
            failure = ConformanceFailure(
                check: name,
                subject: "a port call the check expected to succeed",
                expected: "success",
                actual: "\(type(of: error)) \(error)"
            )
        }
        if let cleanUp = tearDown(fixture) {
            do {
                try await cleanUp()
            } catch {
                // When the check failed too, its own failure is the one worth reporting
                // (FluentBenchmarker's rule).
                if failure == nil {
                    failure = ConformanceFailure(
                        check: name,
                        subject: "tearing the fixture down",
                        expected: "success",
                        actual: "\(type(of: error)) \(error)"
                    )
                }
            }
        }
        if let failure { throw failure }
    }

    /// Runs every check not in `skipped`, in order, and throws one error listing every failure.
    package static func runAll<Check>(
        _ checks: [Check],
        name: (Check) -> String,
        except skipped: Set<String>,
        run: (Check) async throws(ConformanceFailure) -> Void
    ) async throws(ConformanceFailures) {
        var failures: [ConformanceFailure] = []
        var ran = 0
        for check in checks where !skipped.contains(name(check)) {
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
