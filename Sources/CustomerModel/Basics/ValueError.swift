/// A value given to the library was not valid: a malformed currency, a date that does not exist,
/// a negative amount where none is allowed.
///
/// The ``description`` names the field, never the personal value itself unless the value is a
/// code or a date. Match on ``field`` rather than parsing the text; the wording may change.
public struct ValueError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The field that was wrong, such as `currency` or `birthDate`.
    public var field: String
    /// What was wrong and what is expected.
    public var message: String

    /// Creates an error for `field`.
    public init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    /// `field: message`.
    public var description: String { "\(field): \(message)" }
}
