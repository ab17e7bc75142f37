#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One growable column of plain values in memory the store manages itself.
///
/// Unlike `Array`, rows can be written from several threads at disjoint positions, and large
/// columns are advised onto transparent huge pages. A column is owned by one
/// ``ActivityState`` and only touched under that state's mutex (or by the workers a call starts
/// and joins while holding it), hence `@unchecked Sendable`.
final class Column<Element: BitwiseCopyable>: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<Element>?
    private(set) var count = 0
    private(set) var capacity = 0

    private static var hugePage: Int { 2 << 20 }

    init() {}

    deinit { free(base) }

    /// Makes room for `rows` rows in total, growing geometrically; `false` when memory ran out.
    @discardableResult
    func reserve(_ rows: Int) -> Bool {
        guard rows > capacity else { return true }
        let newCapacity = max(rows, capacity * 2, 1024)
        let bytes = newCapacity * MemoryLayout<Element>.stride
        let grown: UnsafeMutableRawPointer
        if bytes >= Self.hugePage {
            // Huge-page aligned, so the kernel can back it with 2 MiB pages: one fault zeroes
            // 2 MiB instead of 512 faults of 4 KiB, and random probes miss the TLB far less.
            var aligned: UnsafeMutableRawPointer?
            guard posix_memalign(&aligned, Self.hugePage, bytes) == 0, let aligned else { return false }
            #if os(Linux)
                _ = madvise(aligned, bytes, 14)  // MADV_HUGEPAGE
            #endif
            if let base { aligned.copyMemory(from: base, byteCount: count * MemoryLayout<Element>.stride) }
            free(base)
            grown = aligned
        } else {
            guard let reallocated = realloc(base, bytes) else { return false }
            grown = reallocated
        }
        base = grown.bindMemory(to: Element.self, capacity: newCapacity)
        capacity = newCapacity
        return true
    }

    /// Appends one value; `false` when memory ran out.
    @inline(__always)
    @discardableResult
    func append(_ value: Element) -> Bool {
        if count == capacity, !reserve(count + 1) { return false }
        base?[count] = value
        count += 1
        return true
    }

    /// Adds `rows` rows whose values the caller then writes; `false` when memory ran out.
    func extend(by rows: Int) -> Bool {
        guard reserve(count + rows) else { return false }
        count += rows
        return true
    }

    /// Forgets the rows from `rows` on.
    func truncate(to rows: Int) { count = min(count, max(0, rows)) }

    /// The value at `row` (`0 ..< count`; the store's own invariant, not checked in release builds).
    @inline(__always)
    subscript(row: Int) -> Element {
        get { base.unsafelyUnwrapped[row] }
        set { base.unsafelyUnwrapped[row] = newValue }
    }

    /// The rows as a buffer, valid until the column next grows.
    var buffer: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: base, count: count) }

    /// A copy of every row as an array.
    var array: [Element] { Array(UnsafeBufferPointer(buffer)) }
}
