/// Packs a short identifier into 64 bits so ten million transaction ids cost 8 bytes each.
///
/// Identifiers of 1 to 10 characters from `[0-9A-Za-z_-]` are packed 6 bits a character with
/// the length in the top 4 bits, and unpack exactly. Longer or other identifiers go to an
/// overflow table; their key has the top nibble `0xF` and the table index below.
struct CompactKey {
    private static let alphabet: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-".utf8)
    private static let codes: [UInt8] = {
        var table = [UInt8](repeating: 255, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    static let overflowTag: UInt64 = 0xF << 60

    /// The packed form, or `nil` when the text needs the overflow table.
    static func pack(_ text: String) -> UInt64? {
        var value: UInt64 = 0
        var count: UInt64 = 0
        var text = text
        let packed: Bool = text.withUTF8 { bytes in
            guard bytes.count >= 1, bytes.count <= 10 else { return false }
            for byte in bytes {
                let code = codes[Int(byte)]
                guard code != 255 else { return false }
                value = value << 6 | UInt64(code)
                count += 1
            }
            return true
        }
        return packed ? (count << 60) | value : nil
    }

    /// The text of a packed key (not for overflow keys).
    static func unpack(_ key: UInt64) -> String {
        let count = Int(key >> 60)
        var bytes = [UInt8](repeating: 0, count: count)
        var value = key & ((1 << 60) - 1)
        for index in stride(from: count - 1, through: 0, by: -1) {
            bytes[index] = alphabet[Int(value & 63)]
            value >>= 6
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// An open-addressing hash index from 64-bit keys to row numbers, linear probing.
///
/// Slots hold row numbers (4 bytes); the key of a row is read from the caller's key column, so
/// the index adds about 6 bytes a row at its 0.7 maximum load. Rows are only ever added, and a
/// failed batch is rolled back by clearing the slots it filled (see ``clear(slots:)``).
struct RowIndex {
    private(set) var slots: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 1024) {
        var size = 1024
        while size < capacity { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func hash(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20)
    }

    /// The row stored for `key`, or `nil`.
    @inline(__always)
    func row(for key: UInt64, keys: [UInt64]) -> Int32? {
        var slot = Self.hash(key) & mask
        while true {
            let row = slots[slot]
            if row < 0 { return nil }
            if keys[Int(row)] == key { return row }
            slot = (slot + 1) & mask
        }
    }

    /// Inserts `row` for `key` (the caller checked it is absent); returns the slot used.
    @inline(__always)
    mutating func insert(_ key: UInt64, row: Int32) -> Int {
        var slot = Self.hash(key) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = row
        count += 1
        return slot
    }

    /// Empties slots filled by the most recent inserts, restoring the index as it was before them.
    mutating func clear(slots filled: [Int]) {
        for slot in filled { slots[slot] = -1 }
        count -= filled.count
    }

    /// Grows so that `extra` more rows keep the load at or below 0.7; rehashes from `keys`.
    mutating func reserve(_ extra: Int, keys: [UInt64]) {
        let needed = count + extra
        guard needed * 10 > slots.count * 7 else { return }
        var size = slots.count
        while needed * 10 > size * 7 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        count = 0
        keys.withUnsafeBufferPointer { keys in
            for row in keys.indices { _ = insert(keys[row], row: Int32(row)) }
        }
    }
}
