import CustomerModel
import Foundation

extension CustomerScore {
    /// A readable explanation for the client's RM: the total, each dimension with its indicators
    /// (raw input, normalised value, weight, points), the top drivers, and the missing data and
    /// how each was treated.
    ///
    /// ```text
    /// C000042: 71.38 of 100 (model cvm-individual@2026.1)
    /// Top drivers: aumWealthProducts +6.12, aumDeposits +5.40, industryOutlook +3.80
    /// current value: 80.21 × 40% = 32.08
    ///   aumDeposits: CNY 2,350,000.00 → 0.79 × 14% = 11.01
    ///   ...
    /// Missing: walletShare (weight shared among the present indicators of loyalty)
    /// ```
    public var explanation: String {
        var lines = ["\(customer): \(total) of 100 (model \(model))"]
        let drivers = topDrivers(3)
        if !drivers.isEmpty {
            lines.append(
                "Top drivers: "
                    + drivers.map { "\($0.indicator) +\(Self.points($0.points))" }.joined(separator: ", ")
            )
        }
        var missing: [String] = []
        for dimension in dimensions {
            var header =
                "\(dimension.dimension.title): \(dimension.score) × \(Self.percent(dimension.weight))"
                + " = \(dimension.contribution)"
            if !dimension.hasData { header += " (no data: every indicator missing)" }
            lines.append(header)
            for item in dimension.indicators {
                let raw = item.raw.map { Self.format($0, item.input, currency) } ?? "missing"
                let normalised = item.normalised.map { Self.decimal($0, 2) } ?? "–"
                lines.append(
                    "  \(item.indicator): \(raw) → \(normalised) × \(Self.percent(item.effectiveWeight)) = \(item.points)"
                )
                if case .missing(let rule) = item.treatment {
                    switch rule {
                    case .zero: missing.append("\(item.indicator) (scored 0)")
                    case .median:
                        missing.append("\(item.indicator) (scored at the population median \(normalised))")
                    case .redistribute:
                        missing.append(
                            "\(item.indicator) (weight shared among the present indicators of \(dimension.dimension.title))"
                        )
                    }
                }
            }
        }
        lines.append(missing.isEmpty ? "Missing: none" : "Missing: " + missing.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }

    /// The indicators adding the most to the total (their points times their dimension's weight),
    /// best first, ties in model order.
    public func topDrivers(_ count: Int) -> [(indicator: IndicatorID, points: Double)] {
        var all: [(indicator: IndicatorID, points: Double)] = []
        for dimension in dimensions {
            for item in dimension.indicators where item.points.hundredths > 0 {
                all.append((item.indicator, item.points.value * dimension.weight))
            }
        }
        let order = all.indices.sorted {
            all[$0].points > all[$1].points || (all[$0].points == all[$1].points && $0 < $1)
        }
        return order.prefix(max(0, count)).map { all[$0] }
    }

    static func percent(_ share: Double) -> String {
        let tenths = (share * 1_000).rounded()
        return (tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : decimal(tenths / 10, 1))
            + "%"
    }

    static func points(_ value: Double) -> String { decimal(value, 2) }

    static func decimal(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

    static func format(_ value: IndicatorValue, _ input: IndicatorInputKind, _ currency: CurrencyCode) -> String {
        switch (value, input) {
        case (.category(let name), _): return name
        case (.number(let number), .amount): return "\(currency) " + grouped(number)
        case (.number(let number), .count): return number == number.rounded() ? String(Int(number)) : decimal(number, 1)
        case (.number(let number), .ratio): return decimal(number * 100, 1) + "%"
        case (.number(let number), .rating(let scale)):
            return (number == number.rounded() ? String(Int(number)) : decimal(number, 1)) + " of \(Int(scale.highest))"
        case (.number(let number), .category): return decimal(number, 0)
        }
    }

    /// `2,350,000.00`.
    static func grouped(_ amount: Double) -> String {
        let cents = Int64((abs(amount) * 100).rounded())
        var whole = String(cents / 100)
        var groups: [Substring] = []
        while whole.count > 3 {
            groups.insert(whole.suffix(3), at: 0)
            whole = String(whole.dropLast(3))
        }
        groups.insert(Substring(whole), at: 0)
        let fraction = cents % 100
        return (amount < 0 ? "-" : "") + groups.joined(separator: ",") + "." + (fraction < 10 ? "0" : "")
            + String(fraction)
    }
}
