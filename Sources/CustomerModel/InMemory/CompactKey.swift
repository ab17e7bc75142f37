import CPrefetch

/// Packs a short identifier into 64 bits so ten million transaction ids cost 8 bytes each.
///
/// Identifiers of 1 to 10 characters from `[0-9A-Za-z_-]` are packed 6 bits a character with
/// the length in the top 4 bits, and unpack exactly. Longer or other identifiers go to an
/// overflow table; their key has the top nibble `0xF` and the table index below.
struct CompactKey {
    private static let alphabet: [UInt8] = Array(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-".utf8
    )

    /// The 6-bit code of `byte` in ``alphabet``, or 255 when it is not in it.
    ///
    /// Computed rather than looked up: a lookup table in a `static let` costs a once-check on
    /// every call, and this runs for every id the gate and the stores pack.
    @inline(__always)
    private static func code(of byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte &- UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte &- UInt8(ascii: "A") &+ 10
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte &- UInt8(ascii: "a") &+ 36
        case UInt8(ascii: "_"): 62
        case UInt8(ascii: "-"): 63
        default: 255
        }
    }

    static let overflowTag: UInt64 = 0xF << 60

    /// The packed form, or `nil` when the text needs the overflow table.
    static func pack(_ text: String) -> UInt64? {
        var value: UInt64 = 0
        var count: UInt64 = 0
        var text = text
        let packed: Bool = text.withUTF8 { bytes in
            guard bytes.count >= 1, bytes.count <= 10 else { return false }
            for byte in bytes {
                let bits = code(of: byte)
                guard bits != 255 else { return false }
                value = value << 6 | UInt64(bits)
                count += 1
            }
            return true
        }
        return packed ? (count << 60) | value : nil
    }

    /// The text of a packed key (not for overflow keys).
    static func unpack(_ key: UInt64) -> String {
        let count = Int(key >> 60)
        // At most 10 bytes: the string is stored inline, with no heap allocation.
        return String(unsafeUninitializedCapacity: count) { bytes in
            var value = key & ((1 << 60) - 1)
            for index in stride(from: count - 1, through: 0, by: -1) {
                bytes[index] = alphabet[Int(value & 63)]
                value >>= 6
            }
            return count
        }
    }
}

/// An open-addressing hash index from 64-bit keys to row numbers, linear probing.
///
/// Each slot is 8 bytes: the row number plus one in the high half and the key's 32-bit hash in
/// the low half. The hash is both the fingerprint (a probe reads the caller's key column only
/// when it matches: one cache miss per lookup instead of one per probed slot) and the home slot
/// (its low bits), so growing the index re-places the slots from the slots themselves, in one
/// sequential sweep, without reading a key. At the 0.75 maximum load the index costs 11 to 21
/// bytes a row. Rows are only ever added; a failed batch is rolled back by
/// clearing the slots it filled (see ``clear(slots:)``).
struct RowIndex {
    private var slots: Column<UInt64>
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 1024) {
        var size = 1024
        while size < capacity { size <<= 1 }
        slots = Self.zeroed(size)
        mask = size - 1
    }

    private static func zeroed(_ size: Int) -> Column<UInt64> {
        let column = Column<UInt64>()
        if column.extend(by: size) { column.buffer.update(repeating: 0) }
        return column
    }

    @inline(__always)
    private static func mix(_ key: UInt64) -> UInt64 {
        var z = key &* 0x9E37_79B9_7F4A_7C15
        z ^= z >> 29
        return z &* 0xBF58_476D_1CE4_E5B9
    }

    /// The 32-bit hash of `key`: its low bits are the home slot, all of it the fingerprint.
    ///
    /// Keys that differ only in the low 3 bits of their last character (journal numbers `T00a0`
    /// to `T00a7`...) get neighbouring home slots, one cache line, so appending a run of sequential
    /// ids touches one random line per 8 ids instead of one per id. The rest is mixed, so unrelated
    /// keys spread evenly, and runs stay short enough for linear probing at 0.75 load (runs of 64,
    /// tried before, made a miss probe twice as long).
    @inline(__always)
    private static func hash(_ key: UInt64) -> UInt64 {
        ((mix(key >> 3) >> 32) &+ (key & 7)) & 0xFFFF_FFFF
    }

    /// The row stored for `key`, or `nil`.
    @inline(__always)
    func row(for key: UInt64, keys: Column<UInt64>) -> Int32? {
        let fingerprint = Self.hash(key)
        var slot = Int(truncatingIfNeeded: fingerprint) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if entry & 0xFFFF_FFFF == fingerprint {
                let row = Int32(truncatingIfNeeded: (entry >> 32) &- 1)
                if keys[Int(row)] == key { return row }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Starts loading the home slot of `key` into the cache, ahead of a ``find(_:keys:)`` for it.
    @inline(__always)
    func prefetch(_ key: UInt64) {
        let slot = Int(truncatingIfNeeded: Self.hash(key)) & mask
        if let base = slots.base { clientele_prefetch(base + slot) }
    }

    /// The row stored for `key`, or else the empty slot where `key` belongs (pass it to ``fill(_:key:row:)``).
    @inline(__always)
    func find(_ key: UInt64, keys: Column<UInt64>) -> (row: Int32?, emptySlot: Int) {
        let fingerprint = Self.hash(key)
        var slot = Int(truncatingIfNeeded: fingerprint) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return (nil, slot) }
            if entry & 0xFFFF_FFFF == fingerprint {
                let row = Int32(truncatingIfNeeded: (entry >> 32) &- 1)
                if keys[Int(row)] == key { return (row, slot) }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Stores `row` for `key` in `slot`, the empty slot ``find(_:keys:)`` returned for it.
    @inline(__always)
    mutating func fill(_ slot: Int, key: UInt64, row: Int32) {
        slots[slot] = (UInt64(UInt32(bitPattern: row)) &+ 1) << 32 | Self.hash(key)
        count += 1
    }

    /// Empties slots filled by the most recent inserts, restoring the index as it was before them.
    mutating func clear(slots filled: [Int]) {
        for slot in filled { slots[slot] = 0 }
        count -= filled.count
    }

    /// Grows so that `extra` more rows keep the load at or below 0.75, re-placing the slots.
    ///
    /// Returns `false`, leaving the index as it was, when memory ran out.
    mutating func reserve(_ extra: Int) -> Bool {
        let needed = count + extra
        guard needed * 4 > slots.count * 3 else { return true }
        var size = slots.count
        while needed * 4 > size * 3 { size <<= 1 }
        let grown = Self.zeroed(size)
        guard grown.count == size else { return false }
        // Re-place every entry by the hash it carries. Walking the old slots in order writes the
        // new ones in order too (each entry moves to its home or its home plus the old size).
        let old = slots.buffer
        let new = grown.buffer
        let newMask = size - 1
        for entry in old where entry != 0 {
            var slot = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) & newMask
            while new[slot] != 0 { slot = (slot + 1) & newMask }
            new[slot] = entry
        }
        slots = grown
        mask = newMask
        return true
    }
}
