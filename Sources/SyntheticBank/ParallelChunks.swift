import Dispatch
import Synchronization

/// Runs independent pieces of generation on every core and returns their results in order, so
/// parallel output is the same as serial output.
enum ParallelChunks {
    /// `body(0)`, `body(1)`...
    ///
    /// `body(count - 1)`, computed concurrently, in index order.
    static func map<T: Sendable>(count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return count == 1 ? [body(0)] : [] }
        let results = Mutex<[T?]>([T?](repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let value = body(index)
            results.withLock { $0[index] = value }
        }
        return results.withLock { $0.compactMap { $0 } }
    }
}
