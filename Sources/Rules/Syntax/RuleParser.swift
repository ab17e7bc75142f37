import CustomerModel
import Foundation

/// Parses rule text into ``RuleFileSyntax``, reporting every syntax error with its line and column.
///
/// The grammar (`#` starts a comment; words in quotes are keywords):
///
/// ```
/// file      := rule*
/// rule      := "rule" STRING clause* "end"
/// clause    := "version" INT | "owner" STRING | "priority" ["-"] INT
///            | "effective" ["from" DATE] ["until" DATE]
///            | "when" trigger | "if" expression | "then" action ("," action)*
///            | "cooldown" DURATION | "dedupe" "by" expression ("," expression)*
/// trigger   := "on" WORD+ | "on" "tier" "change" (("from" | "to") (WORD | STRING) | "up" | "down")*
///            | "daily" ["at" TIME] | "weekly" "on" WEEKDAY ["at" TIME]
///            | "monthly" "on" INT ["at" TIME]
///            | INT ("," INT)* ["and" INT] UNIT ("before" | "after") "each" ANCHOR
///                  ["of" WORD ("," WORD)*] ["in" "household"] ["at" TIME]
///            | INT "consecutive" UNIT "with" "no" WORD
/// action    := WORD "(" [argument ("," argument)*] ")"
/// argument  := [WORD ":"] (expression ["where" expression] | "group" STRING)
/// expression:= or;  or := and ("or" and)*;  and := not ("and" not)*;  not := "not" not | comparison
/// comparison:= sum [("=" | "!=" | "<" | "<=" | ">" | ">=") sum | ["not"] "in" sum | "is" ["not"] "missing"]
/// sum       := product (("+" | "-") product)*;  product := unary (("*" | "/") unary)*
/// unary     := "-" unary | primary
/// primary   := NUMBER [CURRENCY] | PERCENT | DURATION | DATE | TIME | STRING | "true" | "false"
///            | WORD ["(" arguments ")"] | "(" expression ")" | "[" [expression ("," expression)*] "]"
/// ```
///
/// The parser recovers after an error at the next clause or rule, so one pass reports every
/// problem. Expressions are bounded: at most ``maximumNesting`` levels of nesting while parsing,
/// a tree at most ``maximumDepth`` deep and at most ``maximumNodes`` nodes per rule; beyond that
/// the rule gets a ``RuleDiagnostic/Code/tooComplex`` error, never a stack overflow.
struct RuleParser: Sendable {
    /// Deepest nesting of parentheses, calls and prefix operators while parsing.
    static let maximumNesting = 32
    /// Deepest expression tree accepted in one clause.
    static let maximumDepth = 48
    /// Most expression nodes accepted in one rule.
    static let maximumNodes = 2_000

    static let clauseKeywords: Set<String> = [
        "version", "owner", "priority", "effective", "when", "if", "then", "cooldown", "dedupe", "end", "rule",
    ]

    struct Failure: Error {}

    private var tokens: [Token]
    private var index = 0
    private var nesting = 0
    private var nodes = 0
    private var reportedTooComplex = false
    /// Problems found so far (lexer and parser).
    private(set) var diagnostics: [RuleDiagnostic]

    /// The most rules ``parseFile()`` reads; the first rule past it ends the file with a diagnostic.
    private var maximumRules = Int.max
    /// The longest word the lexers of this parser (and of its message placeholders) accept.
    private var maximumWordLength = RuleTextLimits.standard.maximumWordLength

    /// Creates a parser over `text`.
    init(_ text: String, limits: RuleTextLimits = .standard) {
        var lexer = Lexer(text, maximumWordLength: limits.maximumWordLength)
        tokens = lexer.tokenize()
        diagnostics = lexer.diagnostics
        maximumRules = limits.maximumRules
        maximumWordLength = limits.maximumWordLength
    }

    init(tokens: [Token]) {
        self.tokens = tokens
        diagnostics = []
    }

    /// Parses `text` into its rules and every problem found.
    static func parse(
        _ text: String,
        limits: RuleTextLimits = .standard
    ) -> (file: RuleFileSyntax, diagnostics: [RuleDiagnostic]) {
        var parser = RuleParser(text, limits: limits)
        let file = parser.parseFile()
        return (file, parser.diagnostics.sorted { $0.range.start.offset < $1.range.start.offset })
    }

    // MARK: Tokens

    private var current: Token { tokens[min(index, tokens.count - 1)] }
    private func peek(_ ahead: Int) -> Token { tokens[min(index + ahead, tokens.count - 1)] }
    private mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    private func isWord(_ word: String, _ token: Token? = nil) -> Bool {
        if case .word(let w) = (token ?? current).kind { return w == word }
        return false
    }

    private func isSymbol(_ symbol: Symbol, _ token: Token? = nil) -> Bool {
        if case .symbol(let s) = (token ?? current).kind { return s == symbol }
        return false
    }

    private var atClauseBoundary: Bool {
        switch current.kind {
        case .endOfText: return true
        case .word(let w): return Self.clauseKeywords.contains(w)
        default: return false
        }
    }

    private mutating func fail(_ message: String, at range: SourceRange? = nil) -> Failure {
        fail(.syntax, message, at: range)
    }

    private mutating func fail(_ code: RuleDiagnostic.Code, _ message: String, at range: SourceRange? = nil) -> Failure
    {
        // A token the lexer rejected was reported already; do not pile a syntax error on it.
        if range == nil, current.kind == .invalid { return Failure() }
        diagnostics.append(RuleDiagnostic(code, at: range ?? current.range, message))
        return Failure()
    }

    private mutating func report(_ code: RuleDiagnostic.Code, _ message: String, at range: SourceRange) {
        diagnostics.append(RuleDiagnostic(code, at: range, message))
    }

    static func describe(_ token: Token) -> String {
        switch token.kind {
        case .word(let w): return "'\(w)'"
        case .number(let n): return "the number \(n)"
        case .percent(let p): return "\(p)%"
        case .duration(let d): return "the duration \(d)"
        case .date(let d): return "the date \(d)"
        case .time: return "a time of day"
        case .string: return "a string"
        case .symbol(let s): return "'\(s.rawValue)'"
        case .invalid: return "an unreadable token"
        case .endOfText: return "the end of the text"
        }
    }

    // MARK: File and rules

    /// Parses every rule in the text.
    mutating func parseFile() -> RuleFileSyntax {
        var rules: [RuleSyntax] = []
        while current.kind != .endOfText {
            if isWord("rule") {
                guard rules.count < maximumRules else {
                    diagnostics.append(
                        RuleDiagnostic(
                            .limit,
                            at: current.range,
                            "more than \(maximumRules) rules in one text; split the rules into several rule sets"
                        )
                    )
                    break
                }
                rules.append(parseRule())
            } else {
                _ = fail("expected 'rule \"name\"' to start a rule, found \(Self.describe(current))")
                repeat { advance() } while current.kind != .endOfText && !isWord("rule")
            }
        }
        return RuleFileSyntax(rules: rules)
    }

    private mutating func parseRule() -> RuleSyntax {
        let start = current.range
        advance()  // rule
        nodes = 0
        reportedTooComplex = false
        var name = ""
        var nameRange = current.range
        if case .string(let parts) = current.kind {
            if parts.count == 1, case .text(let text) = parts[0] {
                name = text
                if name.trimmingSpaces.isEmpty { report(.syntax, "a rule name must not be empty", at: current.range) }
            } else {
                report(.syntax, "a rule name is plain text; it cannot hold {placeholders}", at: current.range)
            }
            advance()
        } else {
            _ = fail("a rule needs a name in double quotes after 'rule', as in rule \"AUM drop alert\"")
            nameRange = start
            if current.kind != .endOfText, !atClauseBoundary { advance() }
        }
        var rule = RuleSyntax(name: name, nameRange: nameRange, range: start)
        var seen: [String: SourceRange] = [:]
        while true {
            if isWord("end") {
                rule.range = start.union(current.range)
                advance()
                break
            }
            if isWord("rule") || current.kind == .endOfText {
                report(
                    .syntax,
                    "rule \"\(name)\" is not closed; write 'end' after its last clause",
                    at: current.range
                )
                rule.range = start.union(current.range)
                break
            }
            guard case .word(let keyword) = current.kind, Self.clauseKeywords.contains(keyword) else {
                _ = fail(
                    "expected a clause (version, owner, priority, effective, when, if, then, cooldown, dedupe) or 'end', found \(Self.describe(current))"
                )
                synchronize()
                continue
            }
            let keywordRange = current.range
            if let first = seen[keyword] {
                report(
                    .clause,
                    "rule \"\(name)\" has a second '\(keyword)' clause (the first is on line \(first.start.line))\(keyword == "if" ? "; join the conditions with 'and'" : keyword == "then" ? "; list all actions after one 'then', separated by commas" : "")",
                    at: keywordRange
                )
            }
            seen[keyword] = keywordRange
            advance()
            do throws(Failure) {
                try parseClause(keyword, keywordRange: keywordRange, into: &rule)
                if !atClauseBoundary {
                    throw fail(
                        "unexpected \(Self.describe(current)) after the '\(keyword)' clause; expected the next clause or 'end'"
                    )
                }
            } catch {
                synchronize()
            }
        }
        if rule.trigger == nil, seen["when"] == nil {
            report(
                .clause,
                "rule \"\(name)\" has no trigger; add a 'when' clause such as 'when daily at 08:30'",
                at: nameRange
            )
        }
        if rule.actions.isEmpty, seen["then"] == nil {
            report(
                .clause,
                "rule \"\(name)\" has no actions; add a 'then' clause such as 'then notify(rm, workbench, \"...\")'",
                at: nameRange
            )
        }
        return rule
    }

    private mutating func synchronize() {
        while !atClauseBoundary { advance() }
    }

    private mutating func parseClause(
        _ keyword: String,
        keywordRange: SourceRange,
        into rule: inout RuleSyntax
    ) throws(Failure) {
        switch keyword {
        case "version":
            rule.version = try integer(what: "a version number such as 'version 3'")
        case "owner":
            guard case .string(let parts) = current.kind, parts.count == 1, case .text(let text) = parts[0] else {
                throw fail("an owner is a name in double quotes, as in owner \"wealth team\"")
            }
            rule.owner = Located(text, at: current.range)
            advance()
        case "priority":
            var sign = 1
            let start = current.range
            if isSymbol(.minus) {
                sign = -1
                advance()
            }
            let value = try integer(what: "a whole number such as 'priority 10'")
            rule.priority = Located(sign * value.value, at: start.union(value.range))
        case "effective":
            var any = false
            if isWord("from") {
                advance()
                rule.effectiveFrom = try date()
                any = true
            }
            if isWord("until") {
                advance()
                rule.effectiveUntil = try date()
                any = true
            }
            if !any { throw fail("write 'effective from YYYY-MM-DD', 'effective until YYYY-MM-DD' or both") }
            if let from = rule.effectiveFrom, let until = rule.effectiveUntil, until.value < from.value {
                report(.syntax, "the rule ends (\(until.value)) before it starts (\(from.value))", at: until.range)
            }
        case "when":
            rule.trigger = try trigger()
        case "if":
            rule.condition = try clauseExpression()
        case "then":
            repeat {
                if !rule.actions.isEmpty { advance() }
                rule.actions.append(try action())
            } while isSymbol(.comma) || isWord("and")
        case "cooldown":
            guard case .duration(let d) = current.kind else {
                throw fail("a cooldown is a duration such as 30d, 2w, 3mo or 5bd")
            }
            rule.cooldown = Located(d, at: current.range)
            advance()
        case "dedupe":
            guard isWord("by") else { throw fail("write 'dedupe by client' or 'dedupe by client, maturity.holding'") }
            advance()
            var keys: [Expression] = []
            repeat {
                if !keys.isEmpty { advance() }
                keys.append(try clauseExpression())
            } while isSymbol(.comma)
            rule.dedupe = keys
        default:
            throw fail("'\(keyword)' cannot start a clause here", at: keywordRange)
        }
    }

    private mutating func integer(what: String) throws(Failure) -> Located<Int> {
        guard case .number(let n) = current.kind, n.multiplier == 1, let value = n.integerValue,
            let int = Int(exactly: value)
        else { throw fail("expected \(what)") }
        let range = current.range
        advance()
        return Located(int, at: range)
    }

    private mutating func date() throws(Failure) -> Located<Day> {
        guard case .date(let day) = current.kind else { throw fail("expected a date such as 2026-01-31") }
        let range = current.range
        advance()
        return Located(day, at: range)
    }

    private mutating func time() throws(Failure) -> Located<Int>? {
        guard isWord("at") else { return nil }
        advance()
        guard case .time(let minutes) = current.kind else {
            throw fail("expected a time of day such as 08:30 after 'at'")
        }
        let range = current.range
        advance()
        return Located(minutes, at: range)
    }

    // MARK: Triggers

    private mutating func word() -> Located<String>? {
        guard case .word(let w) = current.kind, !Self.clauseKeywords.contains(w) else { return nil }
        let range = current.range
        advance()
        return Located(w, at: range)
    }

    private mutating func trigger() throws(Failure) -> TriggerSyntax {
        let start = current.range
        func done(_ kind: TriggerSyntax.Kind, _ parser: RuleParser) -> TriggerSyntax {
            TriggerSyntax(kind, at: start.union(parser.tokens[max(parser.index - 1, 0)].range))
        }
        if isWord("on") {
            advance()
            var words: [String] = []
            var range = current.range
            while case .word(let w) = current.kind, !Self.clauseKeywords.contains(w), !Lexer.reservedWords.contains(w),
                !(words == ["tier", "change"] && ["from", "to", "up", "down"].contains(w))
            {
                range = words.isEmpty ? current.range : range.union(current.range)
                words.append(w)
                advance()
            }
            if words.isEmpty {
                throw fail(.trigger, "write the event after 'on', as in 'on transaction' or 'on complaint'")
            }
            if words.starts(with: ["tier", "change"]), words.count > 2 {
                throw fail(.trigger, "after 'on tier change' write from \"tier\", to \"tier\", up or down", at: range)
            }
            var trigger = done(.event(Located(words.joined(separator: " "), at: range)), self)
            if words == ["tier", "change"] {
                var filter = TierChangeSyntax()
                var any = false
                while case .word(let w) = current.kind, ["from", "to", "up", "down"].contains(w) {
                    let wordRange = current.range
                    advance()
                    any = true
                    switch w {
                    case "up", "down":
                        filter.direction = Located(w, at: wordRange)
                    default:
                        let tier: Located<String>
                        switch current.kind {
                        case .word(let name) where !Self.clauseKeywords.contains(name):
                            tier = Located(name, at: current.range)
                        case .string(let parts):
                            guard parts.count <= 1, case .text(let text) = parts.first ?? .text("") else {
                                throw fail(.trigger, "a tier is plain text in double quotes, as in from \"diamond\"")
                            }
                            tier = Located(text, at: current.range)
                        default:
                            throw fail(.trigger, "write the tier after '\(w)', as in \(w) \"platinum\"")
                        }
                        advance()
                        if w == "from" { filter.from = tier } else { filter.to = tier }
                    }
                }
                if any {
                    trigger = done(trigger.kind, self)
                    trigger.tierChange = filter
                }
            }
            return trigger
        }
        if isWord("daily") {
            advance()
            return done(.daily(at: try time()), self)
        }
        if isWord("weekly") {
            advance()
            guard isWord("on") else { throw fail(.trigger, "write 'weekly on monday' (and optionally 'at 09:00')") }
            advance()
            guard let day = word() else { throw fail(.trigger, "expected a day of the week after 'weekly on'") }
            return done(.weekly(on: day, at: try time()), self)
        }
        if isWord("monthly") {
            advance()
            guard isWord("on") else {
                throw fail(.trigger, "write 'monthly on 1' (a day of the month, and optionally 'at 09:00')")
            }
            advance()
            let day = try integer(what: "a day of the month (1 to 31) after 'monthly on'")
            return done(.monthly(on: day, at: try time()), self)
        }
        guard case .number = current.kind else {
            throw fail(
                .trigger,
                "expected a trigger after 'when': 'on <event>', 'daily at HH:MM', 'weekly on <day>', 'monthly on <day>', '<n> days before each <date>' or '<n> consecutive months with no transaction'"
            )
        }
        var offsets = [try integer(what: "a whole number of days")]
        while isSymbol(.comma) || isWord("and") {
            advance()
            offsets.append(try integer(what: "another whole number in the list of offsets"))
        }
        if isWord("consecutive") {
            advance()
            if offsets.count > 1 {
                report(.trigger, "a streak has one length, as in '3 consecutive months'", at: offsets[1].range)
            }
            guard let unit = word() else { throw fail(.trigger, "expected days, weeks or months after 'consecutive'") }
            guard isWord("with") else {
                throw fail(.trigger, "expected 'with no <activity>', as in '3 consecutive months with no transaction'")
            }
            advance()
            guard isWord("no") else { throw fail(.trigger, "expected 'no' after 'with', as in 'with no transaction'") }
            advance()
            guard let activity = word() else {
                throw fail(
                    .trigger,
                    "expected an activity after 'with no': transaction, contact, interaction or complaint"
                )
            }
            return done(.streak(count: offsets[0], unit: unit, activity: activity), self)
        }
        guard var unit = word() else {
            throw fail(.trigger, "expected a unit after the offsets: days, business days, weeks or months")
        }
        if unit.value == "business", let rest = word() {
            unit = Located("business \(rest.value)", at: unit.range.union(rest.range))
        }
        let isBefore: Bool
        if isWord("before") {
            isBefore = true
        } else if isWord("after") {
            isBefore = false
        } else {
            throw fail(.trigger, "expected 'before' or 'after' in a date trigger, as in '30 days before each birthday'")
        }
        advance()
        guard isWord("each") else {
            throw fail(.trigger, "expected 'each' before the date, as in 'before each maturity'")
        }
        advance()
        guard var anchor = word() else {
            throw fail(
                .trigger,
                "expected a date after 'each': maturity, birthday, wedding anniversary or signing anniversary"
            )
        }
        if anchor.value == "wedding" || anchor.value == "signing", isWord("anniversary") {
            anchor = Located("\(anchor.value) anniversary", at: anchor.range.union(current.range))
            advance()
        }
        var products: [Located<String>] = []
        if isWord("of") {
            advance()
            repeat {
                if !products.isEmpty { advance() }
                guard let product = word() else {
                    throw fail(.trigger, "expected a product type after 'of', such as time_deposit")
                }
                products.append(product)
            } while isSymbol(.comma) || (isWord("and") && !isWord("at", peek(1)))
        }
        var household: Located<Bool>?
        if isWord("in") {
            let range = current.range
            advance()
            guard isWord("household") else {
                throw fail(.trigger, "expected 'in household' to include the client's family")
            }
            household = Located(true, at: range.union(current.range))
            advance()
        }
        let at = try time()
        return done(
            .relative(
                RelativeTriggerSyntax(
                    offsets: offsets,
                    unit: unit,
                    isBefore: isBefore,
                    anchor: anchor,
                    products: products,
                    household: household,
                    at: at
                )
            ),
            self
        )
    }

    // MARK: Actions

    private mutating func action() throws(Failure) -> ActionSyntax {
        guard case .word(let name) = current.kind, !Self.clauseKeywords.contains(name) else {
            throw fail("expected an action such as notify(rm, sms, \"...\"), found \(Self.describe(current))")
        }
        let nameRange = current.range
        advance()
        guard isSymbol(.leftParen) else {
            throw fail("an action takes its arguments in parentheses, as in \(name)(...)")
        }
        advance()
        let arguments = try argumentList(phrases: false, actions: true)
        let end = current.range
        advance()  // ')'
        return ActionSyntax(name: name, nameRange: nameRange, arguments: arguments, range: nameRange.union(end))
    }

    /// Arguments up to (not consuming) the closing parenthesis.
    private mutating func argumentList(phrases: Bool, actions: Bool) throws(Failure) -> [Expression.Argument] {
        var arguments: [Expression.Argument] = []
        if isSymbol(.rightParen) { return arguments }
        while true {
            let start = current.range
            var label: String?
            if case .word(let w) = current.kind, isSymbol(.colon, peek(1)) {
                label = w
                advance()
                advance()
            }
            let value: Expression
            if phrases {
                value = try phrase()
            } else if actions, isWord("group"), case .string(let parts) = peek(1).kind {
                let groupRange = current.range
                advance()
                let text = try template(parts, at: current.range)
                let stringRange = current.range
                advance()
                value = Expression(
                    .call(
                        "group",
                        calleeRange: groupRange,
                        arguments: [
                            Expression.Argument(value: Expression(.string(text), at: stringRange), range: stringRange)
                        ]
                    ),
                    at: groupRange.union(stringRange)
                )
            } else {
                value = try clauseExpression()
            }
            var filter: Expression?
            if isWord("where") {
                advance()
                filter = try clauseExpression()
            }
            let end = tokens[max(index - 1, 0)].range
            arguments.append(Expression.Argument(label: label, value: value, filter: filter, range: start.union(end)))
            if isSymbol(.comma) {
                advance()
                continue
            }
            if isSymbol(.rightParen) { return arguments }
            throw fail("expected ',' or ')' after an argument, found \(Self.describe(current))")
        }
    }

    private mutating func phrase() throws(Failure) -> Expression {
        var words: [String] = []
        var range = current.range
        while case .word(let w) = current.kind {
            range = words.isEmpty ? current.range : range.union(current.range)
            words.append(w)
            advance()
        }
        if words.isEmpty { throw fail("expected words such as 'last transaction' or 'birthday in household' here") }
        try count(1, at: range)
        return Expression(.phrase(words), at: range)
    }

    // MARK: Expressions

    /// Parses one expression of a clause and checks its depth.
    private mutating func clauseExpression() throws(Failure) -> Expression {
        let expression = try self.expression()
        let depth = Self.depth(of: expression)
        if depth > Self.maximumDepth {
            throw tooComplex(
                "this expression is \(depth) levels deep; the limit is \(Self.maximumDepth). Split it into simpler rules",
                at: expression.range
            )
        }
        return expression
    }

    private mutating func tooComplex(_ message: String, at range: SourceRange) -> Failure {
        if !reportedTooComplex {
            reportedTooComplex = true
            report(.tooComplex, message, at: range)
        }
        return Failure()
    }

    private mutating func count(_ n: Int, at range: SourceRange) throws(Failure) {
        nodes += n
        if nodes > Self.maximumNodes {
            throw tooComplex(
                "this rule has more than \(Self.maximumNodes) terms; split it into smaller rules",
                at: range
            )
        }
    }

    private mutating func nest(at range: SourceRange) throws(Failure) {
        nesting += 1
        if nesting > Self.maximumNesting {
            throw tooComplex(
                "expressions are nested more than \(Self.maximumNesting) levels deep here; simplify it",
                at: range
            )
        }
    }

    private mutating func expression() throws(Failure) -> Expression {
        try nest(at: current.range)
        defer { nesting -= 1 }
        var left = try andExpression()
        while isWord("or") {
            advance()
            let right = try andExpression()
            try count(1, at: right.range)
            left = Expression(.binary(.or, left, right), at: left.range.union(right.range))
        }
        return left
    }

    private mutating func andExpression() throws(Failure) -> Expression {
        var left = try notExpression()
        while isWord("and") {
            advance()
            let right = try notExpression()
            try count(1, at: right.range)
            left = Expression(.binary(.and, left, right), at: left.range.union(right.range))
        }
        return left
    }

    private mutating func notExpression() throws(Failure) -> Expression {
        guard isWord("not") else { return try comparison() }
        let start = current.range
        advance()
        try nest(at: start)
        defer { nesting -= 1 }
        let operand = try notExpression()
        try count(1, at: start)
        return Expression(.unary(.not, operand), at: start.union(operand.range))
    }

    private mutating func comparison() throws(Failure) -> Expression {
        let left = try additive()
        var result: Expression
        if case .symbol(let s) = current.kind, let op = Self.comparisonOperator(s) {
            advance()
            let right = try additive()
            result = Expression(.binary(op, left, right), at: left.range.union(right.range))
        } else if isWord("in") || (isWord("not") && isWord("in", peek(1))) {
            let negated = isWord("not")
            if negated { advance() }
            advance()
            let right = try additive()
            result = Expression(.membership(left, right, negated: negated), at: left.range.union(right.range))
        } else if isWord("is") {
            advance()
            let negated = isWord("not")
            if negated { advance() }
            guard isWord("missing") else {
                throw fail("expected 'missing' after 'is' (write 'is missing' or 'is not missing')")
            }
            let end = current.range
            advance()
            result = Expression(.isMissing(left, negated: negated), at: left.range.union(end))
        } else {
            return left
        }
        try count(1, at: result.range)
        if case .symbol(let s) = current.kind, Self.comparisonOperator(s) != nil {
            throw fail("comparisons cannot be chained; join them with 'and', as in 'a < b and b < c'")
        }
        return result
    }

    private static func comparisonOperator(_ symbol: Symbol) -> BinaryOperator? {
        switch symbol {
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessOrEqual: .lessOrEqual
        case .greater: .greater
        case .greaterOrEqual: .greaterOrEqual
        default: nil
        }
    }

    private mutating func additive() throws(Failure) -> Expression {
        var left = try multiplicative()
        while isSymbol(.plus) || isSymbol(.minus) {
            let op: BinaryOperator = isSymbol(.plus) ? .add : .subtract
            advance()
            let right = try multiplicative()
            try count(1, at: right.range)
            left = Expression(.binary(op, left, right), at: left.range.union(right.range))
        }
        return left
    }

    private mutating func multiplicative() throws(Failure) -> Expression {
        var left = try unary()
        while isSymbol(.star) || isSymbol(.slash) {
            let op: BinaryOperator = isSymbol(.star) ? .multiply : .divide
            advance()
            let right = try unary()
            try count(1, at: right.range)
            left = Expression(.binary(op, left, right), at: left.range.union(right.range))
        }
        return left
    }

    private mutating func unary() throws(Failure) -> Expression {
        guard isSymbol(.minus) else { return try primary() }
        let start = current.range
        advance()
        try nest(at: start)
        defer { nesting -= 1 }
        let operand = try unary()
        try count(1, at: start)
        return Expression(.unary(.negate, operand), at: start.union(operand.range))
    }

    private mutating func primary() throws(Failure) -> Expression {
        let token = current
        let range = token.range
        try count(1, at: range)
        switch token.kind {
        case .number(let n):
            advance()
            if case .word(let w) = current.kind, w.unicodeScalars.count == 3,
                w.unicodeScalars.allSatisfy({ $0.value >= 65 && $0.value <= 90 })
            {
                let currencyRange = current.range
                advance()
                return Expression(.money(n, currency: w), at: range.union(currencyRange))
            }
            return Expression(.number(n), at: range)
        case .percent(let p):
            advance()
            return Expression(.percent(p), at: range)
        case .duration(let d):
            advance()
            return Expression(.duration(d), at: range)
        case .date(let d):
            advance()
            return Expression(.date(d), at: range)
        case .time(let m):
            advance()
            return Expression(.time(minutes: m), at: range)
        case .string(let parts):
            let text = try template(parts, at: range)
            advance()
            return Expression(.string(text), at: range)
        case .invalid:
            advance()
            return Expression(.invalid, at: range)
        case .symbol(.leftParen):
            advance()
            let inner = try expression()
            guard isSymbol(.rightParen) else { throw fail("expected ')' to close the '(' at \(range)") }
            let end = current.range
            advance()
            return Expression(inner.kind, at: range.union(end))
        case .symbol(.leftBracket):
            advance()
            try nest(at: range)
            defer { nesting -= 1 }
            var elements: [Expression] = []
            if !isSymbol(.rightBracket) {
                repeat {
                    if !elements.isEmpty { advance() }
                    elements.append(try expression())
                } while isSymbol(.comma)
            }
            guard isSymbol(.rightBracket) else {
                throw fail("expected ',' or ']' in the list that starts at \(range)")
            }
            let end = current.range
            advance()
            return Expression(.list(elements), at: range.union(end))
        case .word(let w):
            if w == "true" || w == "false" {
                advance()
                return Expression(.boolean(w == "true"), at: range)
            }
            if Lexer.reservedWords.contains(w) || Self.clauseKeywords.contains(w) {
                throw fail("expected a value or a fact here, found the keyword '\(w)'")
            }
            advance()
            guard isSymbol(.leftParen) else { return Expression(.name(w), at: range) }
            advance()
            try nest(at: range)
            defer { nesting -= 1 }
            let arguments = try argumentList(phrases: w == "days_since" || w == "days_until", actions: false)
            let end = current.range
            advance()  // ')'
            return Expression(.call(w, calleeRange: range, arguments: arguments), at: range.union(end))
        default:
            throw fail("expected a value, a fact or '(' here, found \(Self.describe(token))")
        }
    }

    private mutating func template(_ parts: [StringPart], at range: SourceRange) throws(Failure) -> StringTemplate {
        var result: [StringTemplate.Part] = []
        for part in parts {
            switch part {
            case .text(let t): result.append(.text(t))
            case .placeholder(let source, let start):
                var lexer = Lexer(source, start: start, maximumWordLength: maximumWordLength)
                var inner = RuleParser(tokens: lexer.tokenize())
                inner.nodes = nodes
                inner.nesting = nesting
                inner.maximumWordLength = maximumWordLength
                diagnostics += lexer.diagnostics
                do throws(Failure) {
                    let expression = try inner.clauseExpression()
                    if inner.current.kind != .endOfText {
                        throw inner.fail(
                            .template,
                            "a placeholder holds one fact or expression; unexpected \(Self.describe(inner.current))"
                        )
                    }
                    result.append(.expression(expression))
                } catch {
                    diagnostics += inner.diagnostics.map { diagnostic in
                        var d = diagnostic
                        d.message = d.message.replacingOccurrences(of: "the end of the text", with: "the closing '}'")
                        return d
                    }
                    nodes = inner.nodes
                    throw Failure()
                }
                diagnostics += inner.diagnostics
                nodes = inner.nodes
            }
        }
        return StringTemplate(parts: result)
    }

    /// The depth of an expression tree, computed without recursion.
    static func depth(of root: Expression) -> Int {
        var deepest = 0
        var stack: [(Expression, Int)] = [(root, 1)]
        while let (node, depth) = stack.popLast() {
            deepest = max(deepest, depth)
            for child in node.children { stack.append((child, depth + 1)) }
        }
        return deepest
    }
}

extension Expression {
    /// The direct sub-expressions (arguments, filters, operands, list elements, placeholders).
    var children: [Expression] {
        switch kind {
        case .call(_, _, let arguments): return arguments.flatMap { [$0.value] + ($0.filter.map { [$0] } ?? []) }
        case .list(let elements): return elements
        case .unary(_, let operand): return [operand]
        case .binary(_, let l, let r), .membership(let l, let r, _): return [l, r]
        case .isMissing(let operand, _): return [operand]
        case .string(let template):
            return template.parts.compactMap { if case .expression(let e) = $0 { return e } else { return nil } }
        default: return []
        }
    }
}

extension String {
    var trimmingSpaces: Substring {
        var s = self[...]
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
