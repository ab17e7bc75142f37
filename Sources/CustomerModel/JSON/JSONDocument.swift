/// A parsed JSON text: its root value, every value carrying its line and column.
///
/// Use it for configuration and rule files that people edit, where an error must say where it is:
/// the scoring models of `ValueModel` and the rule sets of `Rules` load this way. The parser is
/// strict RFC 8259 (see ``JSONSyntaxError``), skips a leading UTF-8 byte-order mark, and limits
/// nesting (128 levels by default) so a hostile text cannot exhaust the stack.
///
/// ```swift
/// let document = try JSONDocument(parsing: text)
/// guard let indicators = document.root.objectValue?["indicators"]?.arrayValue else { ... }
/// for indicator in indicators { print(indicator.position) }    // line 7, column 5 ...
/// ```
public struct JSONDocument: Hashable, Sendable {
    /// The root value.
    public var root: JSONNode

    /// The default limit on nesting.
    public static let defaultMaximumDepth = 128

    /// Creates a document around a root value (built in code, for writing).
    public init(root: JSONNode) { self.root = root }

    /// Parses `text`.
    /// - Parameters:
    ///   - text: The JSON text.
    ///   - maximumDepth: The deepest nesting of arrays and objects allowed.
    /// - Throws: ``JSONSyntaxError`` with the line and column where parsing stopped.
    /// - Complexity: O(length of the text).
    public init(parsing text: String, maximumDepth: Int = defaultMaximumDepth) throws(JSONSyntaxError) {
        try self.init(utf8: Array(text.utf8), maximumDepth: maximumDepth)
    }

    /// Parses UTF-8 bytes (a file's contents).
    /// - Throws: ``JSONSyntaxError`` with the line and column where parsing stopped, including for
    ///   bytes that are not valid UTF-8 inside a string.
    public init(utf8 bytes: [UInt8], maximumDepth: Int = defaultMaximumDepth) throws(JSONSyntaxError) {
        root = try JSONTextParser.parse(bytes, maximumDepth: maximumDepth)
    }

    /// The value at `path`, or `nil` when a step does not exist.
    public func node(at path: JSONPath) -> JSONNode? { root.node(at: path) }

    /// The position of the value at `path`, or of its deepest existing ancestor.
    public func position(of path: JSONPath) -> SourcePosition { root.position(of: path) }

    /// The document as text: two-space indentation when `pretty`, members in order.
    public func text(pretty: Bool = true) -> String { JSONWriter.write(root, pretty: pretty) }
}
