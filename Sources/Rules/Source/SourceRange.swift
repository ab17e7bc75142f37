public import CustomerModel

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
    public var description: String { "\(start.line):\(start.column)" }
}
