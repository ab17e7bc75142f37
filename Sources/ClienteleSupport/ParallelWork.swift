import Dispatch
import Foundation

/// Splits index ranges over a few cores for the library's CPU-bound batch loops (activity pass,
/// RFM, scoring, lifetime fits, batch rule evaluation, the synthetic bank's generation).
///
/// Work runs inside the caller's synchronous call on Dispatch's worker threads and nothing
/// outlives it. The number of workers is ``width``: `min(cores, 8)` unless the host set another
/// width for the current task with `Parallelism.run(_:)` (CustomerModel) or a job's
/// `parallelism` property.
package enum ParallelWork {
    /// `min(active cores, 8)`, at least 1: the width when the host sets none.
    package static let defaultWidth = min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8)

    /// The most workers a batch loop uses in the current task (1 to 64).
    @TaskLocal package static var width: Int = defaultWidth

    /// `0..<count` cut into up to ``width`` ranges of at least `minimumChunk` elements; one range
    /// when `count < minimumChunk * 2`.
    package static func ranges(_ count: Int, minimumChunk: Int) -> [Range<Int>] {
        let chunks = max(1, min(width, count / max(minimumChunk, 1)))
        guard chunks > 1 else { return [0..<count] }
        return (0..<chunks).map { k in (count * k / chunks)..<(count * (k + 1) / chunks) }
    }

    /// Runs `body(k)` for every `k` in `0..<chunks`, at most ``width`` at a time, and returns
    /// when all have finished.
    ///
    /// `body` must only read shared inputs and write outputs no other `k` writes (callers keep
    /// that promise), so the non-`Sendable` closure is handed to the workers in an
    /// ``UncheckedSendable`` box for the call's duration.
    package static func run(_ chunks: Int, _ body: (Int) -> Void) {
        let workers = min(chunks, width)
        if workers <= 1 {
            for k in 0..<max(chunks, 0) { body(k) }
            return
        }
        withoutActuallyEscaping(body) { escapable in
            let box = UncheckedSendable(escapable)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                // Worker `w` takes chunks w, w + workers, ...: every chunk once, at most `workers` at a time.
                for k in stride(from: worker, to: chunks, by: workers) { box.value(k) }
            }
        }
    }
}
