import ClienteleSupport

/// How many threads the library's CPU-bound batch work may use at once.
///
/// The batch calls (``InMemoryActivityStore`` bulk appends, ValueModel's `BookScoring` and
/// activity pass, Rules' batch evaluation) split their loops over up to `width` Dispatch worker
/// threads inside the call. The default, ``automatic``, is `min(cores, 8)`. A host that shares the
/// machine with other work sets a smaller width, either on a job that has a `parallelism`
/// property or around any call with ``run(_:)``:
///
/// ```swift
/// var job = BookScoring(asOf: today, currency: .cny)
/// job.parallelism = Parallelism(width: 2)
/// let scores = try job.run(inputs)
///
/// let results = Parallelism.serial.run { ruleSet.evaluate(frame) }   // one thread
/// ```
///
/// These calls are CPU-bound and synchronous: run them on a thread of the host's own (a
/// dedicated `Thread` or `DispatchQueue`), not on Swift concurrency's cooperative pool, which has
/// one thread per core and stalls every other task while a batch runs on it. `Task.detached`
/// does not help: it runs on the same pool.
public struct Parallelism: Sendable, Hashable, CustomStringConvertible {
    /// The most threads a batch loop uses, 1 to 64.
    public let width: Int

    /// At most `width` threads (clamped to 1...64).
    public init(width: Int) { self.width = min(max(width, 1), 64) }

    /// `min(active cores, 8)`: the width the library uses when the host sets none.
    public static var automatic: Parallelism { Parallelism(width: ParallelWork.defaultWidth) }

    /// One thread: every batch loop runs on the caller's thread.
    public static var serial: Parallelism { Parallelism(width: 1) }

    /// The width in effect for the current task: the innermost ``run(_:)``'s, or ``automatic``.
    public static var current: Parallelism { Parallelism(width: ParallelWork.width) }

    /// "width N".
    public var description: String { "width \(width)" }

    /// Runs `body` with every batch loop inside it limited to ``width`` threads; returns its result.
    ///
    /// The setting applies to the current task and thread for the duration of `body` only.
    /// - Throws: whatever `body` throws.
    public func run<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        let outcome: Swift.Result<Result, Failure> = ParallelWork.$width.withValue(width) {
            Swift.Result { () throws(Failure) -> Result in try body() }
        }
        return try outcome.get()
    }
}
