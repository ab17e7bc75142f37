/// One named promise of a port's contract: a sentence, and a body that checks it on a fresh
/// fixture.
///
/// Every kit's checks are values of this type (each kit calls it `Kit.Check`), so a host passes
/// `Kit.checks` to `@Test(arguments:)`, or filters them by ``name``.
public struct ConformanceCheck<Fixture>: Sendable, CustomStringConvertible, Identifiable {
    /// The promise, as a sentence.
    public let name: String
    /// The check itself: throws a ``ConformanceFailure`` when the promise is broken.
    let body: @Sendable (Fixture) async throws -> Void

    /// Creates a check; throw a ``ConformanceFailure`` from `body` when the promise is broken.
    ///
    /// - Parameters:
    ///   - name: the promise, as a sentence.
    ///   - body: the check, run on a fresh fixture.
    public init(_ name: String, _ body: @escaping @Sendable (Fixture) async throws -> Void) {
        self.name = name
        self.body = body
    }

    /// The name, so a test runner can tell cases apart and re-run one.
    public var id: String { name }
    /// The name.
    public var description: String { name }
}
