public import CustomerModel

/// One client's raw input for one indicator: a number, or a category name.
public enum IndicatorValue: Hashable, Sendable, CustomStringConvertible {
    /// A number: an amount in major units, a count, a ratio or a rating.
    case number(Double)
    /// A category name (`founder`, `information technology`, `AAA`).
    case category(String)

    /// The number, when the value is one.
    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The number or the category name.
    public var description: String {
        switch self {
        case .number(let value): "\(value)"
        case .category(let name): name
        }
    }
}

/// One client's inputs for every indicator, by name: what ``ScoreBook/rescore(row:with:)`` takes
/// after an event changed some of them. An indicator without an entry is missing.
///
/// ```swift
/// var inputs = book.table.inputs(ofRow: row)
/// inputs[.aumDeposits] = .number(2_500_000)      // after a large deposit
/// let score = try book.rescore(row: row, with: inputs)
/// ```
public struct IndicatorRow: Hashable, Sendable {
    /// The client.
    public var customer: CustomerID
    /// The inputs present, by indicator.
    public var values: [IndicatorID: IndicatorValue]

    /// Creates a row.
    public init(customer: CustomerID, values: [IndicatorID: IndicatorValue] = [:]) {
        self.customer = customer
        self.values = values
    }

    /// The input for `indicator`, or `nil` when missing; set `nil` to make it missing.
    public subscript(indicator: IndicatorID) -> IndicatorValue? {
        get { values[indicator] }
        set { values[indicator] = newValue }
    }
}
