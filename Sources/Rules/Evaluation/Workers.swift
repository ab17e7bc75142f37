import Dispatch
import Foundation

/// Splits row ranges over the machine's cores for batch evaluation (the same shape as
/// ValueModel's `Parallel`). Work runs inside the caller's synchronous call; nothing outlives it.
enum Workers {
    /// Cores to use (at most 8).
    static var width: Int { min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8) }

    /// `0..<count` cut into up to ``width`` ranges of at least `minimumChunk` rows.
    static func ranges(_ count: Int, minimumChunk: Int) -> [Range<Int>] {
        let chunks = max(1, min(width, count / max(minimumChunk, 1)))
        guard chunks > 1 else { return [0..<count] }
        return (0..<chunks).map { k in (count * k / chunks)..<(count * (k + 1) / chunks) }
    }

    /// Runs `body(k)` for every `k` in `0..<chunks`, concurrently when `chunks > 1`.
    static func run(_ chunks: Int, _ body: (Int) -> Void) {
        if chunks <= 1 {
            if chunks == 1 { body(0) }
            return
        }
        // Workers only read shared inputs and write disjoint outputs, so the non-Sendable closure
        // is handed to Dispatch in an unchecked box for the call's duration.
        withoutActuallyEscaping(body) { escapable in
            let box = UncheckedSendable(escapable)
            DispatchQueue.concurrentPerform(iterations: chunks) { box.value($0) }
        }
    }
}

/// A value shared with workers that use it without data races (see ``Workers/run(_:_:)``).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
