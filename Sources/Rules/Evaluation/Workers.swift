import ClienteleSupport

/// Splits row ranges over the cores for batch evaluation: Rules' name for the shared
/// `ParallelWork` helper (ClienteleSupport), whose width a host limits with `Parallelism`.
enum Workers {
    /// The most workers a batch uses in the current task (`Parallelism.current`).
    static var width: Int { ParallelWork.width }

    /// `0..<count` cut into up to ``width`` ranges of at least `minimumChunk` rows.
    static func ranges(_ count: Int, minimumChunk: Int) -> [Range<Int>] {
        ParallelWork.ranges(count, minimumChunk: minimumChunk)
    }

    /// Runs `body(k)` for every `k` in `0..<chunks`, at most ``width`` at a time.
    static func run(_ chunks: Int, _ body: (Int) -> Void) { ParallelWork.run(chunks, body) }
}
