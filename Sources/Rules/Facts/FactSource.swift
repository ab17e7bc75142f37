public import CustomerModel

/// A module that supplies client facts to the rules in typed form: it declares its facts (name,
/// type and, for enumerations, their ordered cases) and writes each client's values by position.
///
/// This is the seam between the engines: ValueModel's book results reach rules through
/// ``BookFactSource``, the daily tier assignment through ``TierFacts``, and later modules
/// (segments) through sources of their own. No fact travels as a string-keyed dictionary.
///
/// Use a source in three places:
/// 1. **Compile**: teach the catalogue its facts, `try catalogue.declare(Source.facts)`, so rules can
///    read them and misspelt names get positioned errors with suggestions.
/// 2. **Batch**: `FactFrameBuilder(rules:).frame(for: records, facts: [source], on: day)`.
/// 3. **Engine**: `engine.update(facts: source, at: now)`: "engine, here are tonight's facts for
///    these clients". Values replace the client's previous ones; a changed `tier` fires the
///    `on tier change` rules.
///
/// ```swift
/// struct WalletShare: FactSource {
///     static let share = FactDefinition("wallet_share", .percent, "Our share of the client's financial assets")
///     var facts: [FactDefinition] { [Self.share] }
///     var clients: [CustomerID]
///     var shares: [Double]
///     func values(ofClientAt index: Int, into values: inout FactValues) {
///         values[0] = .percent(shares[index])
///     }
/// }
/// ```
public protocol FactSource: Sendable {
    /// The facts the source supplies; position `i` of ``FactValues`` is the value of `facts[i]`.
    var facts: [FactDefinition] { get }
    /// The clients the source has values for, in the source's order (its dense index).
    var clients: [CustomerID] { get }
    /// Writes the values of the client at `index` of ``clients`` into `values`, which arrives with
    /// one missing value per fact; leave a value missing when the source has none.
    func values(ofClientAt index: Int, into values: inout FactValues)
}

/// One client's values from a ``FactSource``, by the position of each fact in ``FactSource/facts``.
public struct FactValues: Sendable, RandomAccessCollection {
    private var storage: [FactValue]

    /// `count` missing values.
    public init(count: Int) { storage = [FactValue](repeating: .missing, count: Swift.max(count, 0)) }

    /// The first position.
    public var startIndex: Int { storage.startIndex }
    /// One past the last position.
    public var endIndex: Int { storage.endIndex }

    /// The value at `position` (a position outside the facts reads as missing and is not written).
    public subscript(position: Int) -> FactValue {
        get { storage.indices.contains(position) ? storage[position] : .missing }
        set { if storage.indices.contains(position) { storage[position] = newValue } }
    }

    /// Sets the value at `position` to the case of a vocabulary (an RFM segment, a churn level),
    /// spelled by its ``RuleVocabulary/ruleName``.
    public mutating func set(_ position: Int, _ value: some RuleVocabulary) {
        self[position] = .enumeration(value.ruleName)
    }

    /// Makes every value missing again (for reuse across clients).
    mutating func clear() {
        for i in storage.indices { storage[i] = .missing }
    }
}

/// A fact declaration a catalogue cannot take.
public struct FactCatalogueError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The class of problem.
    ///
    /// New codes may be added; do not switch exhaustively over them.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name.
        public let name: String
        private init(_ name: String) { self.name = name }
        /// The fact is already known with another type or trigger.
        public static let conflictingDeclaration = Code("conflicting-declaration")
        /// The declaration itself is malformed (an empty name).
        public static let invalidDeclaration = Code("invalid-declaration")
        /// The code's name.
        public var description: String { name }
    }

    /// The class of problem.
    public var code: Code
    /// The fact's name.
    public var fact: String
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, fact: String, _ message: String) {
        self.code = code
        self.fact = fact
        self.message = message
    }

    /// `conflicting-declaration: fact score: ...`.
    public var description: String { "\(code): fact \(fact): \(message)" }
}
