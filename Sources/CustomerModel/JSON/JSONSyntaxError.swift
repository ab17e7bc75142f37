/// A text is not valid JSON: where parsing stopped and why.
///
/// The parser is strict (RFC 8259): no comments, no trailing commas, no single quotes, no leading
/// zeros, no control characters in strings, no unpaired surrogates, and an object may not repeat a
/// key (a record must not say two things about one field). Match on the position; the wording of
/// ``message`` may change.
public struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where parsing stopped (for a repeated key: where the second one starts).
    public var position: SourcePosition
    /// What was expected or found.
    public var message: String

    /// Creates an error.
    public init(position: SourcePosition, message: String) {
        self.position = position
        self.message = message
    }

    /// The line where parsing stopped, from 1.
    public var line: Int { position.line }
    /// The column where parsing stopped, in Unicode scalars from 1.
    public var column: Int { position.column }

    /// `line 3, column 17: expected ',' or '}'`.
    public var description: String { "\(position): \(message)" }
}
