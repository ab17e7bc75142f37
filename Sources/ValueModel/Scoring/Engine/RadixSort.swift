/// Least-significant-digit radix sort of `Double` values through order-preserving 64-bit keys:
/// O(n) passes of 11 bits, skipping the passes where every key has the same digit (the high bits
/// of amounts of similar size), so a 100k-value column sorts in well under a millisecond.
enum RadixSort {
    /// The key whose unsigned order is the numeric order of `value` (finite, `-0` as `+0`).
    @inline(__always)
    static func key(_ value: Double) -> UInt64 {
        let bits = (value == 0 ? 0 : value).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// The value of a key made by ``key(_:)``.
    @inline(__always)
    static func value(_ key: UInt64) -> Double {
        Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
    }

    private static let digitBits = 11
    private static let buckets = 1 << digitBits
    private static let passes = (64 + digitBits - 1) / digitBits

    /// Sorts `keys` ascending, carrying `rows` along (a stable sort: equal keys keep their order).
    static func sort(_ keys: inout [UInt64], carrying rows: inout [Int32]) {
        let n = keys.count
        guard n > 1, rows.count == n else { return }
        if n < 256 {
            let order = (0..<n).sorted { (keys[$0], $0) < (keys[$1], $1) }
            keys = order.map { keys[$0] }
            rows = order.map { rows[$0] }
            return
        }
        var histogram = [Int](repeating: 0, count: buckets * passes)
        for key in keys {
            for pass in 0..<passes {
                histogram[pass * buckets + Int((key >> UInt64(pass * digitBits)) & UInt64(buckets - 1))] += 1
            }
        }
        var keyBuffer = [UInt64](repeating: 0, count: n)
        var rowBuffer = [Int32](repeating: 0, count: n)
        for pass in 0..<passes {
            let base = pass * buckets
            let shift = UInt64(pass * digitBits)
            // A pass where one bucket holds everything changes nothing.
            let firstKeyDigit = Int((keys[0] >> shift) & UInt64(buckets - 1))
            if histogram[base + firstKeyDigit] == n { continue }
            var offset = 0
            for bucket in 0..<buckets {
                let count = histogram[base + bucket]
                histogram[base + bucket] = offset
                offset += count
            }
            keys.withUnsafeBufferPointer { source in
                rows.withUnsafeBufferPointer { sourceRows in
                    keyBuffer.withUnsafeMutableBufferPointer { target in
                        rowBuffer.withUnsafeMutableBufferPointer { targetRows in
                            histogram.withUnsafeMutableBufferPointer { offsets in
                                for i in 0..<n {
                                    let key = source[i]
                                    let slot = base + Int((key >> shift) & UInt64(buckets - 1))
                                    let position = offsets[slot]
                                    offsets[slot] = position + 1
                                    target[position] = key
                                    targetRows[position] = sourceRows[i]
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &keyBuffer)
            swap(&rows, &rowBuffer)
        }
    }

    /// Sorts `keys` ascending.
    static func sort(_ keys: inout [UInt64]) {
        var rows = [Int32](repeating: 0, count: keys.count)
        sort(&keys, carrying: &rows)
    }

    /// The number of keys in sorted `keys` below `key`.
    @inline(__always)
    static func countBelow(_ key: UInt64, in keys: UnsafeBufferPointer<UInt64>) -> Int {
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) >> 1
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The number of keys in sorted `keys` at or below `key`.
    @inline(__always)
    static func countAtOrBelow(_ key: UInt64, in keys: UnsafeBufferPointer<UInt64>) -> Int {
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) >> 1
            if keys[middle] <= key { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
