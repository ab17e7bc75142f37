/// A map from non-negative integer keys to `Int32` values: open addressing with linear probing
/// and a multiplicative hash, keys and values in two flat arrays.
///
/// The engine's per-rule,
/// per-client bookkeeping (the day a rule last fired for a client) is looked up on every firing;
/// a `Dictionary` keyed by a `Hashable` struct hashes with SipHash each time, this does one
/// multiply and usually one probe.
struct IntegerTable: Sendable {
    /// `-1`: an empty slot.
    private var keys: [Int64]
    private var values: [Int32]
    private var mask: Int
    /// The number of keys held.
    private(set) var count = 0

    /// An empty table.
    init() {
        keys = [Int64](repeating: -1, count: 16)
        values = [Int32](repeating: 0, count: 16)
        mask = 15
    }

    @inline(__always)
    private func start(_ key: Int64) -> Int {
        // Fibonacci hashing: the high bits of the product are well mixed.
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The value of `key` (which must be non-negative), or `nil`.
    subscript(key: Int64) -> Int32? {
        var i = start(key)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k < 0 { return nil }
            i = (i + 1) & mask
        }
    }

    /// Sets the value of `key` (which must be non-negative).
    mutating func set(_ value: Int32, for key: Int64) {
        var i = start(key)
        while true {
            let k = keys[i]
            if k == key {
                values[i] = value
                return
            }
            if k < 0 { break }
            i = (i + 1) & mask
        }
        keys[i] = key
        values[i] = value
        count += 1
        if count * 2 > keys.count { grow() }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = [Int64](repeating: -1, count: oldKeys.count * 2)
        values = [Int32](repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for (k, v) in zip(oldKeys, oldValues) where k >= 0 { set(v, for: k) }
    }
}

extension IntegerTable {
    /// Every key and its value, keys ascending (a deterministic order for checkpoints).
    var entries: [(key: Int64, value: Int32)] {
        var all: [(key: Int64, value: Int32)] = []
        all.reserveCapacity(count)
        for (k, v) in zip(keys, values) where k >= 0 { all.append((k, v)) }
        return all.sorted { $0.key < $1.key }
    }
}
