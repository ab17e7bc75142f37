public import CustomerModel

/// A rule as written: its name, clauses and their places, before type checking.
public struct RuleSyntax: Hashable, Sendable {
    /// The rule's name (`"AUM drop alert"`).
    public var name: String
    /// Where the name is written.
    public var nameRange: SourceRange
    /// From `rule` to `end`.
    public var range: SourceRange
    /// `version 3`.
    public var version: Located<Int>?
    /// `owner "wealth team"`.
    public var owner: Located<String>?
    /// `priority 10`.
    public var priority: Located<Int>?
    /// `effective from 2026-01-01 until 2026-12-31`: either bound may be absent.
    public var effectiveFrom: Located<Day>?
    /// The last day the rule applies.
    public var effectiveUntil: Located<Day>?
    /// `when ...`.
    public var trigger: TriggerSyntax?
    /// `if ...`; a rule without `if` always holds when triggered.
    public var condition: Expression?
    /// `then ...`.
    public var actions: [ActionSyntax]
    /// `cooldown 30d`.
    public var cooldown: Located<DurationLiteral>?
    /// `dedupe by client, maturity.holding`.
    public var dedupe: [Expression]?

    /// Creates an empty rule named `name`.
    public init(name: String, nameRange: SourceRange, range: SourceRange) {
        self.name = name
        self.nameRange = nameRange
        self.range = range
        actions = []
    }
}

/// A value with the place it was written.
public struct Located<Value: Hashable & Sendable>: Hashable, Sendable {
    /// The value.
    public var value: Value
    /// Where it is written.
    public var range: SourceRange

    /// Creates a located value.
    public init(_ value: Value, at range: SourceRange) {
        self.value = value
        self.range = range
    }
}

/// An action as written: `notify(rm, sms, "...")`, `open_process("renewal", product: maturity.product)`.
public struct ActionSyntax: Hashable, Sendable {
    /// The action's name (`notify`).
    public var name: String
    /// Where the name is written.
    public var nameRange: SourceRange
    /// The arguments.
    public var arguments: [Expression.Argument]
    /// The whole action.
    public var range: SourceRange

    /// Creates an action.
    public init(name: String, nameRange: SourceRange, arguments: [Expression.Argument], range: SourceRange) {
        self.name = name
        self.nameRange = nameRange
        self.arguments = arguments
        self.range = range
    }
}

/// A parsed rule file: the rules in order.
public struct RuleFileSyntax: Hashable, Sendable {
    /// The rules, in the order written.
    public var rules: [RuleSyntax]

    /// Creates a file.
    public init(rules: [RuleSyntax]) { self.rules = rules }
}
