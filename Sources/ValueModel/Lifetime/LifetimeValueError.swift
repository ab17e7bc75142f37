public import CustomerModel

/// Lifetime-value input was rejected, or a model could not produce a finite answer.
///
/// The lifetime-value code never returns NaN or infinity: where a number would not be finite it
/// throws this error instead. Match on ``code``; the ``description`` names the client, row or
/// field but never a personal value, and its wording may change.
///
/// ```swift
/// do { _ = try GammaGammaModel.fit(summaries) }
/// catch let error where error.code == .nonPositiveSpend { print(error.customer ?? "?") }
/// ```
public struct LifetimeValueError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    ///
    /// New codes may be added; do not switch exhaustively.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// An argument or input record is malformed: wrong lengths, negative times, recency after age,
        /// a client index out of range, a parameter that is not positive and finite.
        public static let invalidInput = Code("invalidInput")
        /// A client's mean spend is zero or negative where the Gamma-Gamma model needs a positive amount.
        public static let nonPositiveSpend = Code("nonPositiveSpend")
        /// A purchase amount is negative (refunds must be netted against purchases before summarising).
        public static let negativeAmount = Code("negativeAmount")
        /// Amounts in more than one currency were mixed.
        public static let mixedCurrency = Code("mixedCurrency")
        /// There is not enough data to fit (no clients, or no client with a repeat purchase).
        public static let insufficientData = Code("insufficientData")
        /// An iterative computation (series, optimiser) did not reach its tolerance within its cap.
        public static let notConverged = Code("notConverged")
        /// A result would not be a finite number.
        public static let numericalFailure = Code("numericalFailure")
        /// The quantity is not defined for these parameters (for example the population mean spend
        /// `p·γ/(q−1)` when `q ≤ 1`).
        public static let undefined = Code("undefined")
        /// A sum of money overflowed 64-bit minor units.
        public static let overflow = Code("overflow")

        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// The client concerned, if one.
    public var customer: CustomerID?
    /// The row (in a column set or purchase list, counted from 0) concerned, if one.
    public var row: Int?
    /// The field or parameter concerned, if one.
    public var field: String?
    /// What a reader needs to fix it.
    ///
    /// Never contains personal values.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, customer: CustomerID? = nil, row: Int? = nil, field: String? = nil, _ message: String) {
        self.code = code
        self.customer = customer
        self.row = row
        self.field = field
        self.message = message
    }

    /// `nonPositiveSpend: customer C-1: field meanRepeatSpend: ...`.
    public var description: String {
        var parts = ["\(code)"]
        if let customer { parts.append("customer \(customer)") }
        if let row { parts.append("row \(row)") }
        if let field { parts.append("field \(field)") }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
