/// The most a ``RuleCompiler`` accepts, checked before the work each limit guards.
///
/// Rule files come from business users and, through a host's upload screen, from anyone the host
/// lets in; the limits keep one file from stalling or exhausting the host. A text over
/// ``maximumBytes`` is refused before it is read token by token; a word longer than
/// ``maximumWordLength`` is refused by the lexer and never compared with the catalogue's names;
/// a file with more than ``maximumRules`` rules stops at the first rule too many; and a compile
/// stops checking once it has found ``maximumDiagnostics`` problems, which bounds the work spent on
/// "did you mean" suggestions. Each refusal is a ``RuleDiagnostic`` with code
/// ``RuleDiagnostic/Code/limit`` at the place it was found.
///
/// ```swift
/// var limits = RuleTextLimits.standard
/// limits.maximumRules = 50                 // a branch may keep at most 50 rules
/// let compiler = RuleCompiler(catalogue: .standard(), limits: limits)
/// ```
public struct RuleTextLimits: Hashable, Sendable {
    /// The largest text, in UTF-8 bytes (standard: 1 MiB, about ten thousand rules).
    public var maximumBytes: Int
    /// The most rules in one text (standard: 5,000).
    public var maximumRules: Int
    /// The longest word (fact, function, value or unit name), in UTF-8 bytes (standard: 128).
    public var maximumWordLength: Int
    /// The most problems one compile reports before it stops checking (standard: 200).
    public var maximumDiagnostics: Int

    /// Creates limits; values below 1 are raised to 1.
    /// - Parameters:
    ///   - maximumBytes: the largest text, in UTF-8 bytes.
    ///   - maximumRules: the most rules in one text.
    ///   - maximumWordLength: the longest word, in UTF-8 bytes.
    ///   - maximumDiagnostics: the most problems reported before checking stops.
    public init(maximumBytes: Int, maximumRules: Int, maximumWordLength: Int, maximumDiagnostics: Int) {
        self.maximumBytes = max(1, maximumBytes)
        self.maximumRules = max(1, maximumRules)
        self.maximumWordLength = max(1, maximumWordLength)
        self.maximumDiagnostics = max(1, maximumDiagnostics)
    }

    /// The limits a compiler uses unless told otherwise.
    public static let standard = RuleTextLimits(
        maximumBytes: 1 << 20,
        maximumRules: 5_000,
        maximumWordLength: 128,
        maximumDiagnostics: 200
    )
}
