/// Where a JSON value starts in its text: a ``SourcePosition``, the one position type of every
/// text the library reads.
///
/// Kept so code written against earlier versions compiles; new code names ``SourcePosition``.
public typealias JSONPosition = SourcePosition
