public import CustomerModel

/// Indicator inputs were rejected: a holding in another currency, a column of the wrong length, a
/// value out of range, a table the model cannot score.
///
/// The error names the client, the record (holding, interaction, row of a transaction column) and
/// the field, never a personal value. Match on ``code``; the wording of ``description`` may change.
public struct ScoringInputError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of problem.
    ///
    /// New codes may be added; do not switch exhaustively.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// An amount is in a currency other than the book's (convert with the host's FX rates first).
        public static let currencyMismatch = Code("currencyMismatch")
        /// A record names a client that is not in the book.
        public static let unknownCustomer = Code("unknownCustomer")
        /// A column does not have one value per row, or a row index is out of range.
        public static let lengthMismatch = Code("lengthMismatch")
        /// The indicator is not in the catalogue, or does not apply to the table's kind of client.
        public static let unknownIndicator = Code("unknownIndicator")
        /// A numeric column was given for a category indicator, or the reverse.
        public static let wrongInputKind = Code("wrongInputKind")
        /// A value is not finite or out of its range (a negative count, a ratio above 1, a rating outside its scale).
        public static let invalidValue = Code("invalidValue")
        /// A category is not one the indicator can take.
        public static let unknownCategory = Code("unknownCategory")
        /// The table lacks a column the model uses.
        public static let missingColumn = Code("missingColumn")
        /// The table scores another kind of client or another currency than the model.
        public static let modelMismatch = Code("modelMismatch")
        /// A sum of money overflowed 64-bit minor units.
        public static let overflow = Code("overflow")

        /// The code's name.
        public var description: String { name }
    }

    /// What is wrong.
    public var code: Code
    /// The client concerned, if one.
    public var customer: CustomerID?
    /// The record concerned (a holding, interaction or relationship id, or `row 17`), if one.
    public var record: String?
    /// The indicator concerned, if one.
    public var indicator: IndicatorID?
    /// The field concerned (`balance`, `values`), if one.
    public var field: String?
    /// What is wrong and what is expected.
    ///
    /// Never holds personal values.
    public var message: String

    /// Creates an error.
    public init(
        _ code: Code,
        customer: CustomerID? = nil,
        record: String? = nil,
        indicator: IndicatorID? = nil,
        field: String? = nil,
        _ message: String
    ) {
        self.code = code
        self.customer = customer
        self.record = record
        self.indicator = indicator
        self.field = field
        self.message = message
    }

    /// `currencyMismatch: customer C000001: record C000001-H03: field balance: message`.
    public var description: String {
        var parts = ["\(code)"]
        if let customer { parts.append("customer \(customer)") }
        if let record { parts.append("record \(record)") }
        if let indicator { parts.append("indicator \(indicator)") }
        if let field { parts.append("field \(field)") }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
