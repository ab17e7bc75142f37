public import CustomerModel

/// Activity input for RFM or churn signals was rejected.
///
/// Thrown by ``ActivityAggregates``, ``RFMBook`` and ``ChurnBook``: the columns, holdings,
/// interactions or balances handed in are inconsistent. Nothing is returned half-built. Match on
/// ``code``; the ``description`` names the client, row, record and field but never a personal
/// value (no amounts, no names), and its wording may change.
///
/// ```swift
/// do { _ = try ActivityAggregates(columns: columns, windows: windows) }
/// catch let error where error.code == .negativeAmount { print(error.row ?? -1) }
/// ```
public struct ActivityError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    ///
    /// New codes may be added; do not switch exhaustively.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// Malformed input: columns of different lengths, a client index out of range, a window
        /// that is not at least one day long, a threshold that is negative or not finite.
        public static let invalidInput = Code("invalidInput")
        /// A transaction amount is negative (columns hold positive amounts and a direction).
        public static let negativeAmount = Code("negativeAmount")
        /// A sum of money overflowed 64-bit minor units.
        public static let overflow = Code("overflow")
        /// A holding, interaction or balance names a client that is not in the book.
        public static let unknownCustomer = Code("unknownCustomer")
        /// An amount is in another currency than the one the analysis counts.
        public static let mixedCurrency = Code("mixedCurrency")

        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// The client concerned, if one.
    public var customer: CustomerID?
    /// The row of the columns (counted from 0), if one.
    public var row: Int?
    /// The record concerned ("holding H-1", "balance of 2025-03-31"), if one.
    public var record: String?
    /// The field or parameter concerned, if one.
    public var field: String?
    /// What a reader needs to fix it.
    ///
    /// Never contains personal values.
    public var message: String

    /// Creates an error.
    public init(
        _ code: Code,
        customer: CustomerID? = nil,
        row: Int? = nil,
        record: String? = nil,
        field: String? = nil,
        _ message: String
    ) {
        self.code = code
        self.customer = customer
        self.row = row
        self.record = record
        self.field = field
        self.message = message
    }

    /// `negativeAmount: customer C-1: row 17: field amountMinorUnits: ...`.
    public var description: String {
        var parts = ["\(code)"]
        if let customer { parts.append("customer \(customer)") }
        if let row { parts.append("row \(row)") }
        if let record { parts.append(record) }
        if let field { parts.append("field \(field)") }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
