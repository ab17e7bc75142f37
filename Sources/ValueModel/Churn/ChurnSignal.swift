public import CustomerModel

/// One reason a client may be about to leave, with what was measured and the threshold it crossed.
public struct ChurnSignal: Hashable, Sendable {
    /// The kinds of churn signal.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
        /// Money leaving the bank in the recent window at or above an amount or a share of AUM.
        case largeOutflow
        /// Products that matured recently were moved out or renewed only in small part.
        case productsNotRenewed
        /// More complaints recently than in the window before.
        case complaintsRising
        /// Fewer of the client's own transactions recently than in the window before.
        case activityFalling
        /// AUM fell by a share and an amount over a window.
        case aumDropping

        /// The bit of this kind in a ``ChurnSignalKinds`` set.
        public var bit: UInt8 {
            switch self {
            case .largeOutflow: 1
            case .productsNotRenewed: 2
            case .complaintsRising: 4
            case .activityFalling: 8
            case .aumDropping: 16
            }
        }

        /// The kind's name as written in reports ("large outflow").
        public var description: String {
            switch self {
            case .largeOutflow: "large outflow"
            case .productsNotRenewed: "products not renewed"
            case .complaintsRising: "complaints rising"
            case .activityFalling: "activity falling"
            case .aumDropping: "AUM dropping"
            }
        }
    }

    /// What the signal is about.
    public var kind: Kind
    /// The values measured (the first is the one compared with the first threshold).
    public var measured: [ChurnMeasure]
    /// The thresholds crossed or applied, each at or above which the signal fires.
    public var thresholds: [ChurnMeasure]
    /// A sentence an RM can read: what happened, against which threshold.
    public var reason: String

    /// Creates a signal.
    public init(kind: Kind, measured: [ChurnMeasure], thresholds: [ChurnMeasure], reason: String) {
        self.kind = kind
        self.measured = measured
        self.thresholds = thresholds
        self.reason = reason
    }
}

/// A named number behind a churn signal: an amount, a count, a share or a number of days.
public struct ChurnMeasure: Hashable, Sendable {
    /// What a measure's number means.
    public enum Unit: Hashable, Sendable {
        /// Minor units of a currency.
        case minorUnits(CurrencyCode)
        /// A count.
        case count
        /// A share, 0.25 for 25%.
        case share
        /// A number of days.
        case days
    }

    /// The measure's name ("net outflow", "recent complaints").
    public var name: String
    /// Its value in ``unit``.
    public var value: Double
    /// The unit.
    public var unit: Unit

    /// Creates a measure.
    public init(_ name: String, _ value: Double, _ unit: Unit) {
        self.name = name
        self.value = value
        self.unit = unit
    }

    /// `net outflow = CNY 1200000.00`, `AUM drop = 25.0%`, `recent complaints = 3`.
    public var text: String {
        switch unit {
        case .minorUnits(let currency):
            "\(name) = \(Money(minorUnits: Int64(exactly: value.rounded()) ?? 0, currency: currency))"
        case .count: "\(name) = \(Int(exactly: value.rounded()) ?? 0)"
        case .share: "\(name) = \(Percent.format(value))"
        case .days: "\(name) = \(Int(exactly: value.rounded()) ?? 0) days"
        }
    }
}

/// A set of churn signal kinds, one bit each: the compact column of a ``ChurnBook``.
public struct ChurnSignalKinds: OptionSet, Hashable, Sendable {
    /// The bits.
    public let rawValue: UInt8
    /// Creates a set from its bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// The set holding one kind.
    public init(_ kind: ChurnSignal.Kind) { rawValue = kind.bit }

    /// The kinds in the set, in declaration order.
    public var kinds: [ChurnSignal.Kind] { ChurnSignal.Kind.allCases.filter { rawValue & $0.bit != 0 } }
    /// Whether the set holds `kind`.
    public func contains(_ kind: ChurnSignal.Kind) -> Bool { rawValue & kind.bit != 0 }
}

/// Formats shares as percentages with one decimal ("25.0%").
enum Percent {
    static func format(_ share: Double) -> String {
        guard share.isFinite else { return "-" }
        let tenths = Int((share * 1000).rounded())
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)%"
    }
}
