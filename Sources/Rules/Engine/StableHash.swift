import CustomerModel

/// FNV-1a over canonical bytes: the same input gives the same digest in every process and on
/// every machine (unlike `Hasher`, which is seeded per process).
///
/// Used where a digest is stored or
/// compared across runs: firing ids (128 bits) and `dedupe by` keys (64 bits).
///
/// Each field is framed by its byte count, so `("ab", "c")` and `("a", "bc")` differ.
struct StableHash: Sendable {
    /// The 128-bit FNV-1a state.
    private(set) var wide: UInt128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d
    /// The 64-bit FNV-1a state.
    private(set) var narrow: UInt64 = 0xcbf2_9ce4_8422_2325

    private static let widePrime: UInt128 = 0x0000_0000_0100_0000_0000_0000_0000_013B
    private static let narrowPrime: UInt64 = 0x0000_0100_0000_01B3

    /// A hash of nothing.
    init() {}

    /// Adds one byte.
    @inline(__always)
    mutating func add(_ byte: UInt8) {
        wide = (wide ^ UInt128(byte)) &* Self.widePrime
        narrow = (narrow ^ UInt64(byte)) &* Self.narrowPrime
    }

    /// Adds the eight bytes of `value`, least significant first.
    mutating func add(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { add(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// Adds `value` as its two's-complement bit pattern.
    mutating func add(_ value: Int64) { add(UInt64(bitPattern: value)) }

    /// Adds a text field: its UTF-8 byte count, then its UTF-8 bytes.
    mutating func add(_ text: String) {
        add(UInt64(text.utf8.count))
        for byte in text.utf8 { add(byte) }
    }

    /// The 128-bit digest as 32 lower-case hexadecimal digits.
    var hex: String {
        let high = String(UInt64(truncatingIfNeeded: wide >> 64), radix: 16)
        let low = String(UInt64(truncatingIfNeeded: wide), radix: 16)
        return String(repeating: "0", count: 16 - high.count) + high + String(repeating: "0", count: 16 - low.count)
            + low
    }

    /// The 64-bit digest with the top bit cleared (a non-negative table key).
    var key: Int64 { Int64(bitPattern: narrow & 0x7FFF_FFFF_FFFF_FFFF) }
}

extension FactValue {
    /// Adds the value's canonical bytes: a tag, then the payload (numbers by bit pattern with
    /// `-0` as `0`, money as currency and minor units, texts framed by their length).
    func addCanonical(to hash: inout StableHash) {
        func number(_ x: Double) { hash.add(UInt64(x == 0 ? 0 : x.bitPattern)) }
        switch self {
        case .missing: hash.add(UInt8(0))
        case .number(let x):
            hash.add(UInt8(1))
            number(x)
        case .count(let n):
            hash.add(UInt8(2))
            hash.add(n)
        case .percent(let p):
            hash.add(UInt8(3))
            number(p)
        case .money(let m):
            hash.add(UInt8(4))
            hash.add(UInt64(m.currency.packed))
            hash.add(m.minorUnits)
        case .duration(let days):
            hash.add(UInt8(5))
            hash.add(days)
        case .day(let d):
            hash.add(UInt8(6))
            hash.add(Int64(d.number))
        case .enumeration(let e):
            hash.add(UInt8(7))
            hash.add(e)
        case .text(let t):
            hash.add(UInt8(8))
            hash.add(t)
        case .bool(let b):
            hash.add(UInt8(9))
            hash.add(UInt8(b ? 1 : 0))
        case .tags(let names):
            hash.add(UInt8(10))
            hash.add(UInt64(names.count))
            for name in names { hash.add(name) }
        }
    }
}
