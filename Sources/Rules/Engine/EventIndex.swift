import CustomerModel

/// What a rule's condition demands of the event's enumeration facts before anything else: the
/// values of `transaction.type`, `transaction.direction`, `transaction.channel` and
/// `transaction.merchant` it can match at all, read from the top-level `and` of the condition
/// (`transaction.direction = outflow and transaction.type in [withdrawal, transfer_out] and ...`).
///
/// The engine indexes event rules by these demands, so an event runs only the rules that admit
/// its values (a transfer never runs the rules written for card spending). A comparison with a
/// missing value is false, so a rule that demands a merchant category never matches a
/// transaction without one.
struct EventDiscriminator: Hashable, Sendable {
    /// The event facts an index can key on, in the order of ``EventSignature`` slots.
    static let fields = ["transaction.type", "transaction.direction", "transaction.channel", "transaction.merchant"]

    /// Per slot of ``fields``, the ordinals the rule admits (`nil`: any value, missing included).
    var allowed: [Set<Int64>?] = Array(repeating: nil, count: EventDiscriminator.fields.count)

    /// Whether the rule demands anything of slot `slot`.
    func constrains(_ slot: Int) -> Bool { allowed[slot] != nil }

    /// The demands of `condition` (none when it is absent or demands nothing the index knows).
    init(_ condition: Checked?) {
        guard let condition else { return }
        var conjuncts: [Checked] = []
        func flatten(_ c: Checked) {
            if case .and(let a, let b) = c.op {
                flatten(a)
                flatten(b)
            } else {
                conjuncts.append(c)
            }
        }
        flatten(condition)
        for conjunct in conjuncts {
            guard let (slot, values) = Self.demand(conjunct) else { continue }
            allowed[slot] = allowed[slot].map { $0.intersection(values) } ?? values
        }
    }

    /// `field = constant`, `constant = field` or `field in [constants]` over an indexed fact.
    private static func demand(_ c: Checked) -> (Int, Set<Int64>)? {
        func slot(_ e: Checked) -> Int? {
            guard case .fact(.attribute(let name)) = e.op, case .enumeration = e.type else { return nil }
            return fields.firstIndex(of: name)
        }
        func ordinal(_ e: Checked) -> Int64? {
            if case .constant(.int(let v)) = e.op { return v }
            return nil
        }
        switch c.op {
        case .compare(.equal, let a, let b):
            if let s = slot(a), let v = ordinal(b) { return (s, [v]) }
            if let s = slot(b), let v = ordinal(a) { return (s, [v]) }
            return nil
        case .member(let a, let constants, negated: false):
            guard let s = slot(a) else { return nil }
            var values = Set<Int64>()
            for constant in constants {
                guard case .int(let v) = constant else { return nil }
                values.insert(v)
            }
            return (s, values)
        default:
            return nil
        }
    }

    /// Whether an event with these slot values (`nil`: missing) can satisfy the rule.
    func admits(_ signature: EventSignature) -> Bool {
        for slot in allowed.indices {
            guard let values = allowed[slot] else { continue }
            guard let value = signature.value(slot), values.contains(value) else { return false }
        }
        return true
    }
}

/// The indexed enumeration facts of one event, packed (one byte per slot; 255: missing or not
/// keyed on), so rule subsets and their fused programs are cached per distinct signature.
struct EventSignature: Hashable, Sendable {
    var packed: UInt32

    static let none = EventSignature(packed: UInt32.max)

    /// A transaction's signature, keeping only the slots in `used` (others read as missing and
    /// no rule of the set constrains them).
    init(_ t: Transaction, used: [Bool]) {
        let values: [UInt8?] = [
            t.type.rawValue, t.direction.rawValue, t.channel.rawValue, t.merchantCategory?.rawValue,
        ]
        var packed: UInt32 = 0
        for slot in 0..<4 {
            let byte: UInt32 = used[slot] ? UInt32(values[slot] ?? 255) : 255
            packed |= byte << (8 * UInt32(slot))
        }
        self.packed = packed
    }

    init(packed: UInt32) { self.packed = packed }

    /// The ordinal in `slot`, or `nil` when missing.
    func value(_ slot: Int) -> Int64? {
        let byte = (packed >> (8 * UInt32(slot))) & 0xFF
        return byte == 255 ? nil : Int64(byte)
    }
}
