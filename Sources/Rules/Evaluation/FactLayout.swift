/// The columns a compiled rule set reads: one per distinct ``FactKey``, by storage class.
///
/// Rules that use the same fact share its column, so a frame holds each fact once however
/// many rules read it. Money, counts, durations, days, enumeration values, stored booleans and
/// text codes are `Int64` columns; numbers and percentages are `Double` columns; tags are
/// per-tag bitmaps.
public struct FactLayout: Hashable, Sendable {
    /// Where one fact lives.
    public struct Column: Hashable, Sendable {
        /// The fact's type.
        public var type: FactType
        /// The index among columns of the same storage class.
        var index: Int
    }

    /// The facts, in the order they were first used.
    public private(set) var keys: [FactKey] = []
    private(set) var columns: [FactKey: Column] = [:]
    private(set) var intCount = 0
    private(set) var doubleCount = 0
    private(set) var tagCount = 0
    /// A running hash of the keys, so a frame built for another layout is recognised cheaply.
    private(set) var fingerprint = 0

    /// Creates an empty layout.
    public init() {}

    /// The column of `key`, if the layout has it.
    public func column(of key: FactKey) -> Column? { columns[key] }

    /// Whether `other` is the same layout (same keys in the same order).
    func matches(_ other: FactLayout) -> Bool {
        fingerprint == other.fingerprint && intCount == other.intCount && doubleCount == other.doubleCount
            && tagCount == other.tagCount && keys.count == other.keys.count
    }

    /// The type of `key`, if the layout has it.
    public func type(of key: FactKey) -> FactType? { columns[key]?.type }

    /// Adds `key` (once) and returns its column.
    mutating func add(_ key: FactKey, type: FactType) -> Column {
        if let existing = columns[key] { return existing }
        let index: Int
        switch type.representation {
        case .double:
            index = doubleCount
            doubleCount += 1
        case .tagset:
            index = tagCount
            tagCount += 1
        default:
            index = intCount
            intCount += 1
        }
        let column = Column(type: type, index: index)
        columns[key] = column
        keys.append(key)
        var hasher = Hasher()
        hasher.combine(fingerprint)
        hasher.combine(key)
        fingerprint = hasher.finalize()
        return column
    }
}
