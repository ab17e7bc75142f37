/// One bit per row: whether a client has a value for an indicator.
public struct PresenceBitmap: Hashable, Sendable {
    /// The bits, 64 rows a word, row `i` at bit `i % 64` of word `i / 64`.
    public private(set) var words: [UInt64]
    /// The number of rows.
    public let count: Int

    /// A bitmap of `count` rows, all present or all absent.
    public init(count: Int, allPresent: Bool) {
        self.count = max(0, count)
        words = [UInt64](repeating: allPresent ? ~0 : 0, count: (self.count + 63) / 64)
        if allPresent, self.count % 64 != 0, !words.isEmpty {
            words[words.count - 1] = (1 << UInt64(self.count % 64)) - 1
        }
    }

    /// A bitmap from one flag per row.
    public init(_ flags: [Bool]) {
        self.init(count: flags.count, allPresent: false)
        for (row, flag) in flags.enumerated() where flag { words[row >> 6] |= 1 << UInt64(row & 63) }
    }

    /// Whether row `row` is present (`false` outside `0..<count`).
    public subscript(row: Int) -> Bool {
        get {
            guard row >= 0, row < count else { return false }
            return words[row >> 6] >> UInt64(row & 63) & 1 == 1
        }
        set {
            guard row >= 0, row < count else { return }
            if newValue {
                words[row >> 6] |= 1 << UInt64(row & 63)
            } else {
                words[row >> 6] &= ~(1 << UInt64(row & 63))
            }
        }
    }

    /// The number of present rows.
    public var presentCount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }
}
