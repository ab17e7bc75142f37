package import CustomerModel

/// One broken promise found by a conformance check: what was compared, what the contract
/// expects, and what the adapter gave back.
///
/// Every kit's `run(_:)` throws this type (and `runAll()` throws ``ConformanceFailures``), so a
/// kit works under Swift Testing, XCTest or a plain executable: the test framework only has to
/// report a thrown error. The ``description`` reads
/// `"a stale expected version is a conflict and writes nothing" - the stale upsert: expected
/// StoreError conflict, got no error (returned [3])`.
///
/// The values in ``expected`` and ``actual`` come from the kit's own fixture world (made-up
/// clients), never from a host's production data. The wording may change; match on ``check``.
public struct ConformanceFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// The name of the check that failed, a sentence stating the promise.
    public var check: String
    /// What was compared ("stored version after the stale write").
    public var subject: String
    /// What the contract expects.
    public var expected: String
    /// What the adapter gave back.
    public var actual: String
    /// The kit source file of the failed comparison, for debugging the kit itself.
    public var fileID: String
    /// The kit source line of the failed comparison.
    public var line: Int

    /// Creates a failure.
    ///
    /// Kits fill in ``check`` when they catch the failure, so a check body may leave it empty.
    /// - Parameters:
    ///   - check: the failing check's name.
    ///   - subject: what was compared.
    ///   - expected: what the contract expects.
    ///   - actual: what came back.
    ///   - fileID: the kit source file of the comparison (defaults to the caller's).
    ///   - line: the kit source line of the comparison (defaults to the caller's).
    public init(
        check: String = "",
        subject: String,
        expected: String,
        actual: String,
        fileID: String = #fileID,
        line: Int = #line
    ) {
        self.check = check
        self.subject = subject
        self.expected = expected
        self.actual = actual
        self.fileID = fileID
        self.line = line
    }

    /// `"check" - subject: expected X, got Y`.
    public var description: String {
        "\"\(check)\" - \(subject): expected \(expected), got \(actual)"
    }
}

/// Every failure of one `runAll()`: thrown when at least one check failed.
///
/// The ``description`` lists one failure per line, so a host sees the whole picture in one test
/// failure instead of stopping at the first broken promise.
public struct ConformanceFailures: Error, Hashable, Sendable, CustomStringConvertible {
    /// The failures, in the order the checks ran.
    public var failures: [ConformanceFailure]
    /// How many checks ran.
    public var checksRun: Int

    /// Creates the aggregate.
    /// - Parameters:
    ///   - failures: the failures, in check order.
    ///   - checksRun: how many checks ran in total.
    public init(failures: [ConformanceFailure], checksRun: Int) {
        self.failures = failures
        self.checksRun = checksRun
    }

    /// The names of the failed checks, in order.
    public var failedChecks: [String] { failures.map(\.check) }

    /// `2 of 45 checks failed:` then one failure a line.
    public var description: String {
        (["\(failures.count) of \(checksRun) checks failed:"] + failures.map { "  - \($0)" })
            .joined(separator: "\n")
    }
}

// MARK: - Comparison helpers the check bodies use

/// Shortens a value's description so a failure about 10,000 rows stays readable.
package func brief(_ value: some Any, limit: Int = 400) -> String {
    let text = String(describing: value)
    guard text.count > limit else { return text }
    return String(text.prefix(limit)) + "... (\(text.count) characters)"
}

/// Fails unless `actual == expected`.
package func expectEqual<T: Equatable>(
    _ actual: T,
    _ expected: T,
    _ subject: @autoclosure () -> String,
    fileID: String = #fileID,
    line: Int = #line
) throws(ConformanceFailure) {
    guard actual != expected else { return }
    throw ConformanceFailure(
        subject: subject(),
        expected: brief(expected),
        actual: brief(actual),
        fileID: fileID,
        line: line
    )
}

/// Fails unless two arrays are equal, naming the count or the first element that differs.
package func expectElements<T: Equatable>(
    _ actual: [T],
    _ expected: [T],
    _ subject: @autoclosure () -> String,
    fileID: String = #fileID,
    line: Int = #line
) throws(ConformanceFailure) {
    guard actual != expected else { return }
    if let index = (0..<min(actual.count, expected.count)).first(where: { actual[$0] != expected[$0] }) {
        throw ConformanceFailure(
            subject: "\(subject()), element \(index) of \(expected.count)",
            expected: brief(expected[index]),
            actual: brief(actual[index]) + (actual.count == expected.count ? "" : " (and \(actual.count) elements)"),
            fileID: fileID,
            line: line
        )
    }
    throw ConformanceFailure(
        subject: subject(),
        expected: "\(expected.count) elements \(brief(expected, limit: 200))",
        actual: "\(actual.count) elements \(brief(actual, limit: 200))",
        fileID: fileID,
        line: line
    )
}

/// Fails unless `condition` holds; `expected` and `actual` describe the two sides.
package func expectTrue(
    _ condition: Bool,
    _ subject: @autoclosure () -> String,
    expected: @autoclosure () -> String,
    actual: @autoclosure () -> String,
    fileID: String = #fileID,
    line: Int = #line
) throws(ConformanceFailure) {
    guard !condition else { return }
    throw ConformanceFailure(subject: subject(), expected: expected(), actual: actual(), fileID: fileID, line: line)
}

/// Runs `body`, which must throw a ``/CustomerModel/StoreError`` with `code`; returns the error.
@discardableResult
package func expectStoreError<T>(
    _ code: StoreError.Code,
    _ subject: @autoclosure () -> String,
    fileID: String = #fileID,
    line: Int = #line,
    _ body: () async throws -> T
) async throws(ConformanceFailure) -> StoreError {
    let outcome: String
    do {
        let value = try await body()
        outcome = "no error (returned \(brief(value, limit: 200)))"
    } catch let error as StoreError {
        if error.code == code { return error }
        outcome = "StoreError \(error)"
    } catch let failure as ConformanceFailure {
        throw failure
    } catch {
        outcome = "\(type(of: error)) \(error)"
    }
    throw ConformanceFailure(
        subject: subject(),
        expected: "StoreError \(code)",
        actual: outcome,
        fileID: fileID,
        line: line
    )
}

/// Runs `body`, which must throw some error (any code); returns a description of it.
@discardableResult
package func expectAnyError<T>(
    _ subject: @autoclosure () -> String,
    fileID: String = #fileID,
    line: Int = #line,
    _ body: () async throws -> T
) async throws(ConformanceFailure) -> String {
    do {
        let value = try await body()
        throw ConformanceFailure(
            subject: subject(),
            expected: "the call to fail",
            actual: "no error (returned \(brief(value, limit: 200)))",
            fileID: fileID,
            line: line
        )
    } catch let failure as ConformanceFailure {
        throw failure
    } catch {
        return "\(error)"
    }
}

/// Calls a port and turns an unexpected error into a failure that says which call it was.
@discardableResult
package func call<T>(
    _ subject: @autoclosure () -> String,
    fileID: String = #fileID,
    line: Int = #line,
    _ body: () async throws -> T
) async throws(ConformanceFailure) -> T {
    do {
        return try await body()
    } catch let failure as ConformanceFailure {
        throw failure
    } catch {
        throw ConformanceFailure(
            subject: subject(),
            expected: "success",
            actual: "\(type(of: error)) \(error)",
            fileID: fileID,
            line: line
        )
    }
}
