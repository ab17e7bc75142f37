import CustomerModel

extension FactValue {
    /// The value of `type` at `position` (enumeration positions equal the raw values of the
    /// CustomerModel enumerations they mirror, which are declared in the same order).
    static func value(_ type: EnumerationType, at position: UInt8) -> FactValue {
        Int(position) < type.values.count ? .enumeration(type.values[Int(position)]) : .missing
    }

    /// Whether `value` can be stored as a fact of `type`.
    static func fits(_ value: FactValue, _ type: FactType) -> Bool {
        switch (type, value) {
        case (_, .missing), (.number, .number), (.number, .count), (.percent, .percent), (.count, .count),
            (.duration, .duration),
            (.day, .day), (.text, .text), (.bool, .bool), (.tagset, .tags):
            return true
        case (.money(let c), .money(let m)): return m.currency == c
        case (.enumeration(let e), .enumeration(let name)): return e.ordinal(of: name) != nil
        default: return false
        }
    }
}
