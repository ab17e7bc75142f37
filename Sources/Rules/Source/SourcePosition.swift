/// A place in rule text: a 1-based line and column (columns count Unicode scalars) and the
/// UTF-8 byte offset from the start of the text.
///
/// Every token, syntax node and diagnostic carries positions, so a business user's editor can
/// jump to the exact spot: `alerts.rules:3:9: unknown fact 'aum.chnage'`.
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The line, from 1.
    public var line: Int
    /// The column on the line, from 1, in Unicode scalars.
    public var column: Int
    /// The UTF-8 byte offset from the start of the text, from 0.
    public var offset: Int

    /// Creates a position.
    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// The start of a text.
    public static let start = SourcePosition(line: 1, column: 1, offset: 0)

    /// Orders positions by offset.
    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool { lhs.offset < rhs.offset }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}

/// A half-open stretch of rule text, from the first character up to (not including) ``end``.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    /// The first character.
    public var start: SourcePosition
    /// Just after the last character.
    public var end: SourcePosition

    /// Creates a range.
    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    /// The smallest range covering `self` and `other`.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end))
    }

    /// `line:column`, the start.
    public var description: String { start.description }
}
