/// A storage port could not do what was asked.
///
/// Match on ``code``; the ``description`` names the record and field but never personal values,
/// and its wording may change. An adapter wraps its database's own error in ``underlying``.
///
/// ```swift
/// do { _ = try await store.upsert([change], as: rm) }
/// catch let error where error.code == .conflict { /* re-read and retry */ }
/// ```
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    ///
    /// New codes may be added; do not switch exhaustively.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// A write carried a stale expected version, or an idempotency key was reused with different content.
        public static let conflict = Code("conflict")
        /// A record that must exist does not.
        public static let notFound = Code("notFound")
        /// The principal may not access the record.
        public static let forbidden = Code("forbidden")
        /// A record failed validation; nothing in the batch was stored.
        public static let invalid = Code("invalid")
        /// The backing system failed or is unreachable; ``StoreError/underlying`` says why.
        public static let unavailable = Code("unavailable")

        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// The client concerned, if one.
    public var customer: CustomerID?
    /// The record concerned (a transaction or holding id), if one.
    public var record: String?
    /// The field concerned, if one.
    public var field: String?
    /// What a reader needs to fix it.
    ///
    /// Never contains personal values.
    public var message: String
    /// The adapter's own error, described.
    public var underlying: String?

    /// Creates an error.
    public init(
        _ code: Code,
        customer: CustomerID? = nil,
        record: String? = nil,
        field: String? = nil,
        _ message: String,
        underlying: String? = nil
    ) {
        self.code = code
        self.customer = customer
        self.record = record
        self.field = field
        self.message = message
        self.underlying = underlying
    }

    /// `conflict: customer C-1: stale expected version 3, stored 4`.
    public var description: String {
        var parts = ["\(code)"]
        if let customer { parts.append("customer \(customer)") }
        if let record { parts.append("record \(record)") }
        if let field { parts.append("field \(field)") }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
