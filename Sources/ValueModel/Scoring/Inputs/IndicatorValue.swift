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
/// after an event changed some of them.
///
/// An indicator without an entry is missing.
///
/// ```swift
/// var inputs = book.table.inputs(ofRow: row)
/// inputs[.aumDeposits] = .number(2_500_000)      // after a large deposit
/// let score = try book.rescore(row: row, with: inputs)
/// ```
///
/// The inputs sit in one slot per indicator of the ``IndicatorCatalogue`` (a small array, not a
/// dictionary), so re-scoring reads them without hashing. Only catalogue indicators can be held:
/// setting any other name does nothing.
public struct IndicatorRow: Hashable, Sendable {
    /// The client.
    public var customer: CustomerID
    /// One slot per catalogue indicator, in catalogue order.
    private var slots: [IndicatorValue?]

    /// Creates a row from the inputs present (names outside the catalogue are ignored).
    public init(customer: CustomerID, values: [IndicatorID: IndicatorValue] = [:]) {
        self.customer = customer
        slots = [IndicatorValue?](repeating: nil, count: IndicatorCatalogue.definitions.count)
        for (id, value) in values { self[id] = value }
    }

    /// The input for `indicator`, or `nil` when missing; set `nil` to make it missing.
    public subscript(indicator: IndicatorID) -> IndicatorValue? {
        get { IndicatorCatalogue.position(of: indicator).flatMap { slots[$0] } }
        set {
            guard let position = IndicatorCatalogue.position(of: indicator) else { return }
            slots[position] = newValue
        }
    }

    /// The input in catalogue slot `position`.
    subscript(slot position: Int) -> IndicatorValue? {
        get { slots.indices.contains(position) ? slots[position] : nil }
        set { if slots.indices.contains(position) { slots[position] = newValue } }
    }

    /// The inputs present, by indicator.
    public var values: [IndicatorID: IndicatorValue] {
        var result: [IndicatorID: IndicatorValue] = [:]
        for (position, value) in slots.enumerated() {
            if let value { result[IndicatorCatalogue.definitions[position].id] = value }
        }
        return result
    }
}
