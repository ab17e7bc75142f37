/// The one shape of the library's typed errors: a stable ``code`` to match on, the
/// ``location`` the error concerns, and a ``message`` that names no personal value.
///
/// Every error a module throws from its public API conforms: ``StoreError``, ``ImportError``,
/// ``TierLadderError``, ``ValueError`` and ``JSONSyntaxError`` here, and the errors of
/// `ValueModel` and `Rules`. A host can log, count or show any of them the same way:
///
/// ```swift
/// func report(_ error: some CodedError) {
///     log.warning("\(error.code) at \(error.location): \(error.message)")
/// }
/// ```
///
/// - ``code`` says what went wrong. Codes are small structs with static members, not enums, so
///   a module can add a code without breaking a host's `switch`: match with `==` or `case`
///   patterns and keep a `default`.
/// - ``location`` says where: the client, record, row and field of data, or the file, path, line
///   and column of a text a person wrote. It holds identifiers, never values.
/// - ``message`` says what is wrong and what is expected, without the personal value itself (a
///   name, an amount, an identity number), so the error can be logged as it is.
///
/// Each error keeps its own properties (``StoreError/customer``, ``TierLadderError/path`` ...)
/// and its own `description`; ``location`` gathers them into one value.
public protocol CodedError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of the error's codes: a struct with one static member a code.
    associatedtype Code: Hashable, Sendable, CustomStringConvertible

    /// What went wrong.
    var code: Code { get }
    /// Where it went wrong: the record and field, or the line and column.
    var location: ErrorLocation { get }
    /// What is wrong and what is expected; never a personal value.
    var message: String { get }
}
