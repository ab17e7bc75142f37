/// The dense numbers of the clients an ``ActivityState`` has seen: client `n` is `values[n]`.
///
/// Most client ids are short (`C000123`, a core banking number) and pack into 64 bits with
/// ``CompactKey``; those are found through a flat open-addressing table of packed keys, so a
/// lookup is one multiply-shift hash and usually one cache line, with no string hashing. Other ids
/// go to a dictionary. A value type over arrays: a copy taken under the store's lock is a
/// consistent snapshot that ``BatchLookup`` reads on other threads while the store goes on.
struct ClientNumbers: Sendable {
    /// The clients, by number.
    private(set) var values: [CustomerID] = []
    /// Per number, the packed key of the id (``CompactKey/overflowTag`` when it does not pack).
    private var keys: [UInt64] = []
    /// Slots of `(number + 1) << 32 | fingerprint`, 0 when empty; at most half full.
    private var slots = [UInt64](repeating: 0, count: 1024)
    /// The ids that do not pack.
    private var long: [CustomerID: Int32] = [:]

    /// Creates an empty numbering whose table holds `capacity` clients without growing.
    init(capacity: Int = 0) {
        var size = 1024
        while size < capacity * 2 { size <<= 1 }
        if size > 1024 { slots = [UInt64](repeating: 0, count: size) }
        values.reserveCapacity(capacity)
        keys.reserveCapacity(capacity)
    }

    /// The number of clients numbered.
    var count: Int { values.count }

    /// The number of `id`, if seen.
    @inline(__always)
    func number(of id: CustomerID) -> Int32? {
        if let key = CompactKey.pack(id.rawValue) { return number(ofKey: key) }
        return long[id]
    }

    /// The number of the client whose id packs to `key`, if seen.
    @inline(__always)
    func number(ofKey key: UInt64) -> Int32? {
        let hash = Self.hash(key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash >> 32) & mask
        return slots.withUnsafeBufferPointer { slots in
            keys.withUnsafeBufferPointer { keys in
                while true {
                    let entry = slots[slot]
                    if entry == 0 { return nil }
                    if entry & 0xFFFF_FFFF == hash & 0xFFFF_FFFF {
                        let number = Int32(truncatingIfNeeded: (entry >> 32) &- 1)
                        if keys[Int(number)] == key { return number }
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// The number for `id`, adding it when new.
    mutating func intern(_ id: CustomerID) -> Int32 {
        if let key = CompactKey.pack(id.rawValue) {
            if let found = number(ofKey: key) { return found }
            let number = Int32(values.count)
            values.append(id)
            keys.append(key)
            if (values.count) * 2 > slots.count { rebuild(size: slots.count * 2) } else { place(key, number) }
            return number
        }
        if let found = long[id] { return found }
        let number = Int32(values.count)
        values.append(id)
        keys.append(CompactKey.overflowTag)
        long[id] = number
        return number
    }

    /// Forgets the clients numbered `count` and above (a rolled-back batch).
    mutating func truncate(to count: Int) {
        guard count < values.count else { return }
        for id in values[count...] { long[id] = nil }
        values.removeLast(values.count - count)
        keys.removeLast(keys.count - count)
        rebuild(size: slots.count)
    }

    /// Makes the table `size` slots (a power of two) and places every packed key again.
    private mutating func rebuild(size: Int) {
        slots = [UInt64](repeating: 0, count: size)
        for (number, key) in keys.enumerated() where key != CompactKey.overflowTag { place(key, Int32(number)) }
    }

    /// Stores `number` for `key`, which is not in the table.
    private mutating func place(_ key: UInt64, _ number: Int32) {
        let hash = Self.hash(key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash >> 32) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = (UInt64(UInt32(bitPattern: number)) &+ 1) << 32 | (hash & 0xFFFF_FFFF)
    }

    /// Home slot (high half) and fingerprint (low half) of a packed key.
    @inline(__always)
    private static func hash(_ key: UInt64) -> UInt64 {
        var z = key &* 0x9E37_79B9_7F4A_7C15
        z ^= z >> 29
        z = z &* 0xBF58_476D_1CE4_E5B9
        return z ^ (z >> 32)
    }
}
