// Unsafe: parallel workers write one output buffer at disjoint positions. Swift's safe
// collections cannot be shared mutably across threads, and copying per worker and merging would
// double the memory traffic of the batch loops; so the workers share raw pointers. This file is
// where the shared helpers do that (``DisjointWrites``, ``SharedPointer``, ``ParallelWork/map(count:_:)``).

/// A buffer that parallel workers write at disjoint positions.
///
/// `@unchecked Sendable` because the compiler cannot see that each worker writes only its own
/// positions; callers split the range so no two workers share a position, and keep the buffer
/// alive (and the array unresized and uncopied) until the workers finish inside
/// ``ParallelWork/run(_:_:)`` or `concurrentPerform`.
package struct DisjointWrites<Element>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Element>

    /// Writes into `buffer`.
    package init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }

    /// Writes into `array` from `start`.
    ///
    /// The array must be uniquely referenced and must not be
    /// resized or copied while the writes happen; callers keep it alive until they finish.
    package init(_ array: inout [Element], from start: Int) {
        let base = array.withUnsafeMutableBufferPointer { $0.baseAddress }
        buffer = UnsafeMutableBufferPointer(start: base.map { $0 + start }, count: array.count - start)
    }

    /// The element at `position`; workers write only their own positions.
    package subscript(position: Int) -> Element {
        get { buffer[position] }
        nonmutating set { buffer[position] = newValue }
    }
}

/// A pointer shared by workers that write disjoint elements (the lifetime fits' outputs).
///
/// `@unchecked Sendable` for the same reason as ``DisjointWrites``.
package struct SharedPointer<Element>: @unchecked Sendable {
    /// The first element; each worker writes only its own range from here.
    package let base: UnsafeMutablePointer<Element>

    /// Shares `base` with the workers of one call.
    package init(base: UnsafeMutablePointer<Element>) { self.base = base }
}

extension ParallelWork {
    /// `body(0)`, `body(1)`, ...
    ///
    /// `body(count - 1)`, computed at most ``width`` at a time and
    /// returned in index order, so parallel output is the same as serial output.
    package static func map<T: Sendable>(count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            let out = DisjointWrites(buffer)
            run(count) { index in out[index] = body(index) }
        }
        return results.compactMap { $0 }
    }
}
