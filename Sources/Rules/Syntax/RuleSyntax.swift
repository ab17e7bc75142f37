import CustomerModel

/// A rule as written: its name, clauses and their places, before type checking.
struct RuleSyntax: Hashable, Sendable {
    /// The rule's name (`"AUM drop alert"`).
    var name: String
    /// Where the name is written.
    var nameRange: SourceRange
    /// From `rule` to `end`.
    var range: SourceRange
    /// `version 3`.
    var version: Located<Int>?
    /// `owner "wealth team"`.
    var owner: Located<String>?
    /// `priority 10`.
    var priority: Located<Int>?
    /// `effective from 2026-01-01 until 2026-12-31`: either bound may be absent.
    var effectiveFrom: Located<Day>?
    /// The last day the rule applies.
    var effectiveUntil: Located<Day>?
    /// `when ...`.
    var trigger: TriggerSyntax?
    /// `if ...`; a rule without `if` always holds when triggered.
    var condition: Expression?
    /// `then ...`.
    var actions: [ActionSyntax]
    /// `cooldown 30d`.
    var cooldown: Located<DurationLiteral>?
    /// `dedupe by client, maturity.holding`.
    var dedupe: [Expression]?

    /// Creates an empty rule named `name`.
    init(name: String, nameRange: SourceRange, range: SourceRange) {
        self.name = name
        self.nameRange = nameRange
        self.range = range
        actions = []
    }
}

/// A value with the place it was written.
struct Located<Value: Hashable & Sendable>: Hashable, Sendable {
    /// The value.
    var value: Value
    /// Where it is written.
    var range: SourceRange

    /// Creates a located value.
    init(_ value: Value, at range: SourceRange) {
        self.value = value
        self.range = range
    }
}

/// An action as written: `notify(rm, sms, "...")`, `open_process("renewal", product: maturity.product)`.
struct ActionSyntax: Hashable, Sendable {
    /// The action's name (`notify`).
    var name: String
    /// Where the name is written.
    var nameRange: SourceRange
    /// The arguments.
    var arguments: [Expression.Argument]
    /// The whole action.
    var range: SourceRange

    /// Creates an action.
    init(name: String, nameRange: SourceRange, arguments: [Expression.Argument], range: SourceRange) {
        self.name = name
        self.nameRange = nameRange
        self.arguments = arguments
        self.range = range
    }
}

/// A parsed rule file: the rules in order.
struct RuleFileSyntax: Hashable, Sendable {
    /// The rules, in the order written.
    var rules: [RuleSyntax]

    /// Creates a file.
    init(rules: [RuleSyntax]) { self.rules = rules }
}
