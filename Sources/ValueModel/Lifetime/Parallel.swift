import Dispatch
import Foundation

/// Splits index ranges over the machine's cores for the batch loops (DESIGN.md: batch scoring
/// uses both cores). Work runs inside the caller's synchronous call; nothing outlives it.
enum Parallel {
    /// Cores to use (at most 8).
    static var width: Int { min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8) }

    /// The ranges `0..<count` is cut into: one when `count < minimumChunk * 2`, else up to ``width``.
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
        // The workers only read shared inputs and write disjoint outputs (callers guarantee it), so
        // the non-Sendable closure is handed to Dispatch in an unchecked box for the call's duration.
        withoutActuallyEscaping(body) { escapable in
            let box = UncheckedBox(value: escapable)
            DispatchQueue.concurrentPerform(iterations: chunks) { box.value($0) }
        }
    }
}

/// A value handed to concurrent workers that use it without data races (see ``Parallel/run(_:_:)``).
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
}

/// A pointer shared by workers that write disjoint elements.
struct SharedPointer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
}
