/// What an indicator's raw input is, which decides how it is stored, checked, normalised and shown.
public enum IndicatorInputKind: Hashable, Sendable {
    /// An amount in major units of the book's currency (yuan for CNY), possibly negative
    /// (a funds-transfer-pricing contribution can be). Built from integer minor units.
    case amount
    /// A count, zero or more (transactions, products, referrals, years).
    case count
    /// A share from 0 to 1.
    case ratio
    /// A rating on a scale (satisfaction 1-5, an expert's 1-5 judgement).
    case rating(ExpertScale)
    /// One of a set of named categories.
    case category(CategorySet)

    /// Whether values are category codes (``IndicatorTable`` stores an index into the column's names).
    public var isCategorical: Bool {
        if case .category = self { return true }
        return false
    }

    /// A word for messages: `an amount`, `a count`, `a ratio`, `a rating`, `a category`.
    public var name: String {
        switch self {
        case .amount: "an amount"
        case .count: "a count"
        case .ratio: "a ratio"
        case .rating: "a rating"
        case .category: "a category"
        }
    }
}

/// The categories an indicator can take: a closed list (every category must be scored) or an open
/// set such as occupations, where a lookup table needs a default.
public struct CategorySet: Hashable, Sendable {
    /// The known category names, in their natural order.
    public var names: [String]
    /// Whether other names may occur.
    public var isOpen: Bool

    /// Creates a set.
    public init(_ names: [String], isOpen: Bool) {
        self.names = names
        self.isOpen = isOpen
    }
}
