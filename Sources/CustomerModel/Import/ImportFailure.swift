/// An import plan was refused, with every ``ImportError`` found across every file.
///
/// A host sees all bad rows at once and can fix them in one go. Nothing was stored.
///
/// Errors are sorted by the order of the files given to ``CustomerImporter/plan(_:organisation:)``,
/// then by line.
public struct ImportFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// Every problem found, by file then line.
    public var errors: [ImportError]

    /// Creates a failure.
    public init(errors: [ImportError]) { self.errors = errors }

    /// The errors in `file`.
    public func errors(in file: String) -> [ImportError] { errors.filter { $0.file == file } }

    /// The number of errors, then the first twenty, one per line.
    public var description: String {
        let shown = errors.prefix(20).map { "  \($0)" }
        var lines = ["import refused: \(errors.count) error\(errors.count == 1 ? "" : "s"), nothing was stored"]
        lines += shown
        if errors.count > shown.count { lines.append("  ... and \(errors.count - shown.count) more") }
        return lines.joined(separator: "\n")
    }
}
