import CPrefetch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One growable column of plain values in memory the store manages itself.
///
/// Unlike `Array`, rows can be written from several threads at disjoint positions, and a large
/// column lives in its own memory mapping, aligned to 2 MiB and advised onto transparent huge
/// pages: one page fault zeroes 2 MiB instead of 512 faults of 4 KiB, random probes miss the TLB
/// far less, and the memory goes back to the system the moment the column grows out of it
/// (malloc would keep freed blocks below its mmap threshold resident). A column is owned by one
/// ``ActivityState`` and only touched under that state's mutex (or by workers a call starts and
/// joins while holding it), hence `@unchecked Sendable`.
final class Column<Element: BitwiseCopyable>: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<Element>?
    private(set) var count = 0
    private(set) var capacity = 0
    /// The mapping behind `base` when the column is mapped, for `munmap`.
    private var mapping: (start: UnsafeMutableRawPointer, length: Int)?

    private static var hugePage: Int { 2 << 20 }

    init() {}

    deinit { release() }

    private func release() {
        if let mapping {
            _ = munmap(mapping.start, mapping.length)
        } else {
            free(base)
        }
    }

    /// Makes room for `rows` rows in total, growing geometrically; `false` when memory ran out.
    ///
    /// With `populate`, the pages for the reserved rows are touched now, so the kernel's page
    /// faults and zeroing are paid by the reservation (a host sizing the store ahead of a bulk
    /// load), not by the appends that follow.
    @discardableResult
    func reserve(_ rows: Int, populate: Bool = false) -> Bool {
        guard rows > capacity else {
            if populate { touch(upTo: rows) }
            return true
        }
        defer { if populate { touch(upTo: rows) } }
        let newCapacity = max(rows, capacity * 2, 1024)
        let bytes = newCapacity * MemoryLayout<Element>.stride
        if bytes < Self.hugePage {
            guard let grown = realloc(base, bytes) else { return false }
            base = grown.bindMemory(to: Element.self, capacity: newCapacity)
            capacity = newCapacity
            return true
        }
        // A mapped column grows in place or moves its pages (Linux): no copy, and the rows already
        // stored are not faulted in again.
        if let mapping, let base {
            let offset = UnsafeMutableRawPointer(base) - mapping.start
            let length = offset + bytes
            if let moved = clientele_grow_mapping(mapping.start, mapping.length, length) {
                #if os(Linux)
                _ = madvise(moved, length, 14)  // MADV_HUGEPAGE
                #endif
                self.mapping = (moved, length)
                self.base = (moved + offset).bindMemory(to: Element.self, capacity: newCapacity)
                capacity = newCapacity
                return true
            }
        }
        let length = bytes + Self.hugePage
        guard let start = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            start != MAP_FAILED
        else { return false }
        let misalignment = Int(bitPattern: start) % Self.hugePage
        let aligned = start + (misalignment == 0 ? 0 : Self.hugePage - misalignment)
        #if os(Linux)
        _ = madvise(aligned, bytes, 14)  // MADV_HUGEPAGE
        #endif
        if let base { aligned.copyMemory(from: base, byteCount: count * MemoryLayout<Element>.stride) }
        release()
        mapping = (start, length)
        base = aligned.bindMemory(to: Element.self, capacity: newCapacity)
        capacity = newCapacity
        return true
    }

    /// Writes one byte of every page between the last row and row `rows` (bytes not yet part of
    /// any row, so nothing stored changes).
    private func touch(upTo rows: Int) {
        guard let base, rows > count else { return }
        let raw = UnsafeMutableRawPointer(base)
        let stride = MemoryLayout<Element>.stride
        let end = min(rows, capacity) * stride
        var offset = count * stride
        while offset < end {
            raw.storeBytes(of: 0, toByteOffset: offset, as: UInt8.self)
            offset += 4096
        }
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
