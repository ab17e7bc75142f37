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
        let mask = UInt64(buckets - 1)
        let histogram = UnsafeMutablePointer<Int>.allocate(capacity: buckets * passes)
        histogram.initialize(repeating: 0, count: buckets * passes)
        let keyBuffer = UnsafeMutablePointer<UInt64>.allocate(capacity: n)
        let rowBuffer = UnsafeMutablePointer<Int32>.allocate(capacity: n)
        defer {
            histogram.deallocate()
            keyBuffer.deallocate()
            rowBuffer.deallocate()
        }
        keys.withUnsafeMutableBufferPointer { keyStorage in
            rows.withUnsafeMutableBufferPointer { rowStorage in
                guard let keyBase = keyStorage.baseAddress, let rowBase = rowStorage.baseAddress else { return }
                for i in 0..<n {
                    var key = keyBase[i]
                    for pass in 0..<passes {
                        histogram[pass &* buckets &+ Int(key & mask)] &+= 1
                        key >>= UInt64(digitBits)
                    }
                }
                var source = (keyBase, rowBase)
                var target = (keyBuffer, rowBuffer)
                for pass in 0..<passes {
                    let counts = histogram + pass * buckets
                    let shift = UInt64(pass * digitBits)
                    // A pass where one bucket holds everything changes nothing.
                    if counts[Int((source.0[0] >> shift) & mask)] == n { continue }
                    var offset = 0
                    for bucket in 0..<buckets {
                        let count = counts[bucket]
                        counts[bucket] = offset
                        offset &+= count
                    }
                    for i in 0..<n {
                        let key = source.0[i]
                        let slot = Int((key >> shift) & mask)
                        let position = counts[slot]
                        counts[slot] = position &+ 1
                        target.0[position] = key
                        target.1[position] = source.1[i]
                    }
                    swap(&source, &target)
                }
                if source.0 != keyBase {
                    keyBase.update(from: source.0, count: n)
                    rowBase.update(from: source.1, count: n)
                }
            }
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
