import CustomerModel
import Rules

/// Every condition of a policy compiled into one rule set (one rule per condition, so one
/// frame and one batch pass evaluate them all), with where each one sits in the policy.
struct PolicyConditions: Sendable {
    /// What a condition is for.
    enum Role: Hashable, Sendable {
        case entry(ladder: Int, tier: Int, criterion: Int)
        case keep(ladder: Int, tier: Int, criterion: Int)
        case segment(Int)
        case exit(Int)
        case dimension(Int)
    }

    /// One compiled condition.
    struct Slot: Sendable {
        var role: Role
        var path: String
        var text: String
        /// The rule's position in ``rules``' rules (the batch result's order).
        var rule: Int
    }

    let rules: RuleSet
    let slots: [Slot]
    /// `entry[l][t][c]` and `keep[l][t][c]`: slot indices.
    let entry: [[[Int]]]
    let keep: [[[Int]]]
    let segments: [Int]
    let exits: [Int]
    let dimensions: [Int]

    /// The rule text's prefix before each condition.
    private static func prefix(_ k: Int) -> String { "rule \"c\(k)\" when daily if " }

    init(
        ladders: [LadderPolicy],
        segments: [SegmentDefinition],
        dimensions: [ClassificationDimension],
        exits: [ExitTrigger],
        catalogue base: FactCatalogue
    ) throws(SegmentationPolicyError) {
        var catalogue = base
        do throws(TierLadderError) { try catalogue.use(ladders: ladders.map(\.ladder)) } catch {
            throw SegmentationPolicyError(PolicyProblem(.unknownTier, path: "ladders", error.message))
        }
        var pending: [(Role, String, String)] = []
        var entry: [[[Int]]] = []
        var keep: [[[Int]]] = []
        var problems: [PolicyProblem] = []
        for (l, ladder) in ladders.enumerated() {
            var ladderEntry: [[Int]] = []
            var ladderKeep: [[Int]] = []
            for (t, tier) in ladder.tiers.enumerated() {
                var tierEntry: [Int] = []
                var tierKeep: [Int] = []
                for (c, criterion) in tier.criteria.enumerated() {
                    let path = "ladders[\(l)].tiers[\(t)].criteria[\(c)]"
                    var entryText = criterion.entry
                    var keepText = criterion.keep ?? criterion.entry
                    var entryPath = path + ".entry"
                    var keepPath = path + (criterion.keep == nil ? ".entry" : ".keep")
                    if let threshold = criterion.threshold {
                        guard let definition = catalogue[threshold.fact], definition.scope == nil else {
                            problems.append(
                                PolicyProblem(
                                    .condition,
                                    path: path + ".fact",
                                    "unknown fact '\(threshold.fact)'",
                                    suggestion: PolicyValidator.closest(threshold.fact, catalogue.names)
                                )
                            )
                            continue
                        }
                        guard let suffix = Self.unitSuffix(definition.type) else {
                            problems.append(
                                PolicyProblem(
                                    .condition,
                                    path: path + ".fact",
                                    "a threshold compares a number, count, percentage or amount; '\(threshold.fact)' is \(definition.type)"
                                )
                            )
                            continue
                        }
                        entryText = "\(threshold.fact) >= \(threshold.atLeast)\(suffix)"
                        keepText = "\(threshold.fact) >= \(threshold.keepAtLeast ?? threshold.atLeast)\(suffix)"
                        entryPath = path + ".atLeast"
                        keepPath = path + (threshold.keepAtLeast == nil ? ".atLeast" : ".keepAtLeast")
                    }
                    tierEntry.append(pending.count)
                    pending.append((.entry(ladder: l, tier: t, criterion: c), entryPath, entryText))
                    tierKeep.append(pending.count)
                    pending.append((.keep(ladder: l, tier: t, criterion: c), keepPath, keepText))
                }
                ladderEntry.append(tierEntry)
                ladderKeep.append(tierKeep)
            }
            entry.append(ladderEntry)
            keep.append(ladderKeep)
        }
        var segmentSlots: [Int] = []
        for (s, segment) in segments.enumerated() {
            segmentSlots.append(pending.count)
            pending.append((.segment(s), "segments[\(s)].condition", segment.condition))
        }
        var exitSlots: [Int] = []
        for (e, exit) in exits.enumerated() {
            exitSlots.append(pending.count)
            pending.append((.exit(e), "exits[\(e)].condition", exit.condition))
        }
        var dimensionSlots: [Int] = []
        for (d, dimension) in dimensions.enumerated() {
            guard let definition = catalogue[dimension.fact], definition.scope == nil, !definition.takesWindow else {
                problems.append(
                    PolicyProblem(
                        .condition,
                        path: "dimensions[\(d)].fact",
                        "unknown fact '\(dimension.fact)'",
                        suggestion: PolicyValidator.closest(dimension.fact, catalogue.names)
                    )
                )
                continue
            }
            dimensionSlots.append(pending.count)
            pending.append((.dimension(d), "dimensions[\(d)].fact", "\(dimension.fact) is not missing"))
        }
        guard problems.isEmpty else { throw SegmentationPolicyError(problems) }

        // One condition a line, newlines flattened so a diagnostic's line names its condition.
        let lines = pending.enumerated().map { k, item in
            Self.prefix(k) + item.2.replacingNewlines() + " then flag(\"c\(k)\") end"
        }
        let text = lines.joined(separator: "\n")
        let compiler = RuleCompiler(catalogue: catalogue)
        let compiled: RuleSet
        do throws(RuleCompileError) { compiled = try compiler.compile(text, file: "policy") } catch {
            var seen: Set<Int> = []
            for diagnostic in error.diagnostics {
                let k = diagnostic.line - 1
                guard pending.indices.contains(k), seen.insert(k).inserted else { continue }
                let start = Self.prefix(k).unicodeScalars.count
                let length = pending[k].2.unicodeScalars.count
                let column = min(max(diagnostic.column - start, 1), max(length, 1))
                problems.append(
                    PolicyProblem(.condition, path: pending[k].1, conditionColumn: column, diagnostic.message)
                )
            }
            if problems.isEmpty {
                problems.append(PolicyProblem(.condition, path: "", "the conditions do not compile"))
            }
            throw SegmentationPolicyError(problems)
        }
        var ruleOf: [String: Int] = [:]
        for (i, rule) in compiled.rules.enumerated() { ruleOf[rule.name] = i }
        var slots: [Slot] = []
        for (k, item) in pending.enumerated() {
            // A condition that smuggles rule clauses in ("... end rule ...") is not one condition.
            guard let rule = ruleOf["c\(k)"],
                compiled.rules[rule].conditionText?.trimmed == item.2.replacingNewlines().trimmed
            else {
                problems.append(
                    PolicyProblem(
                        .condition,
                        path: item.1,
                        "write one condition, without rule clauses such as 'end' or 'then'"
                    )
                )
                continue
            }
            slots.append(Slot(role: item.0, path: item.1, text: item.2, rule: rule))
        }
        if compiled.rules.count != pending.count, problems.isEmpty {
            problems.append(PolicyProblem(.condition, path: "", "write each condition without rule clauses"))
        }
        guard problems.isEmpty else { throw SegmentationPolicyError(problems) }
        self.rules = compiled
        self.slots = slots
        self.entry = entry
        self.keep = keep
        self.segments = segmentSlots
        self.exits = exitSlots
        self.dimensions = dimensionSlots
    }

    /// What a threshold's number is followed by in a condition: the currency of money, `%` of a
    /// percentage, nothing for numbers and counts; `nil` for other types.
    static func unitSuffix(_ type: FactType) -> String? {
        switch type {
        case .money(let currency): " \(currency)"
        case .percent: "%"
        case .number, .count: ""
        default: nil
        }
    }
}

extension String {
    /// Newlines and tabs as spaces (conditions are put on one line each).
    func replacingNewlines() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }))
    }
}
