/// A place in a text a person wrote (a JSON model, a tier ladder, rule text): the line and column
/// an editor shows, and the byte offset.
///
/// Lines and columns count from 1. A column counts Unicode scalars from the start of the line, so
/// `"行业": 3` puts the `3` in column 7 whatever the encoding; ``offset`` counts UTF-8 bytes from 0
/// (after a byte-order mark, if the text had one). A value built in code rather than parsed has
/// the position ``unknown``. JSON values (``JSONNode/position``), JSON syntax errors and every
/// token, syntax node and diagnostic of the rule language carry this one type.
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The line, from 1; 0 for ``unknown``.
    public var line: Int
    /// The column in Unicode scalars, from 1; 0 for ``unknown``.
    public var column: Int
    /// The byte offset in the UTF-8 text, from 0.
    public var offset: Int

    /// Creates a position.
    ///
    /// - Parameters:
    ///   - line: the line, from 1.
    ///   - column: the column in Unicode scalars, from 1.
    ///   - offset: the UTF-8 byte offset, from 0.
    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// The start of a text: line 1, column 1, offset 0.
    public static let start = SourcePosition(line: 1, column: 1, offset: 0)

    /// The position of a value that was not parsed from text.
    public static let unknown = SourcePosition(line: 0, column: 0, offset: 0)

    /// Whether the position points into a text (it is not ``unknown``).
    public var isKnown: Bool { line > 0 }

    /// `line 3, column 17`, or `unknown position`.
    public var description: String { isKnown ? "line \(line), column \(column)" : "unknown position" }

    /// Orders positions by where they are in the text: line, column, then offset.
    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column, lhs.offset) < (rhs.line, rhs.column, rhs.offset)
    }
}
