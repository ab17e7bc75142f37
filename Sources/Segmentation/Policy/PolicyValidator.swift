import CustomerModel

/// The structural checks of a policy, before its conditions are compiled.
enum PolicyValidator {
    static func validate(
        name: String,
        version: Int,
        ladders: [LadderPolicy],
        segments: [SegmentDefinition],
        dimensions: [ClassificationDimension],
        exits: [ExitTrigger]
    ) -> [PolicyProblem] {
        var problems: [PolicyProblem] = []
        func fail(_ code: PolicyProblem.Code, _ path: String, _ message: String, suggestion: String? = nil) {
            problems.append(PolicyProblem(code, path: path, message, suggestion: suggestion))
        }
        if name.isEmpty { fail(.invalidName, "name", "a policy needs a name") }
        if version < 1 { fail(.invalidThreshold, "version", "a version is a whole number from 1") }
        if ladders.isEmpty { fail(.missingField, "ladders", "a policy needs at least one ladder") }
        var kinds: Set<CustomerKind> = []
        for (l, ladder) in ladders.enumerated() {
            let path = "ladders[\(l)]"
            if !kinds.insert(ladder.kind).inserted {
                fail(
                    .duplicateName,
                    path + ".kind",
                    "another ladder already applies to \(ladder.kind.rawValue) clients"
                )
            }
            let ids = ladder.ladder.ids
            if ladder.tiers.map(\.id) != ids {
                for (t, tier) in ladder.tiers.enumerated() where !ids.contains(tier.id) {
                    fail(
                        .unknownTier,
                        "\(path).tiers[\(t)].id",
                        "'\(tier.id)' is not a tier of \(ladder.ladder.name)",
                        suggestion: closest(tier.id, ids)
                    )
                }
                fail(
                    .tierOrder,
                    path + ".tiers",
                    "list every tier of \(ladder.ladder.name) once, lowest first: \(ids.joined(separator: ", "))"
                )
            }
            for (t, tier) in ladder.tiers.enumerated() {
                let tierPath = "\(path).tiers[\(t)]"
                if t == 0, !tier.criteria.isEmpty {
                    fail(.tierOrder, tierPath + ".criteria", "the lowest tier holds every client: it has no criteria")
                }
                if t > 0, tier.criteria.isEmpty {
                    fail(.missingField, tierPath + ".criteria", "a tier above the lowest needs at least one criterion")
                }
                if t == 0, tier.needsApproval {
                    fail(.tierOrder, tierPath + ".needsApproval", "the lowest tier cannot need approval")
                }
                if tier.service.contactEveryDays < 1 {
                    fail(
                        .invalidThreshold,
                        tierPath + ".service.contactEveryDays",
                        "contact at least every day or more"
                    )
                }
                var names: Set<String> = []
                for (c, criterion) in tier.criteria.enumerated() {
                    let cPath = "\(tierPath).criteria[\(c)]"
                    if !isRuleWord(criterion.name) {
                        fail(.invalidName, cPath + ".name", "a criterion name is a rule word such as assets")
                    } else if !names.insert(criterion.name).inserted {
                        fail(.duplicateName, cPath + ".name", "the criterion '\(criterion.name)' is listed twice")
                    }
                    if let threshold = criterion.threshold {
                        guard let entry = PolicyDecimal(threshold.atLeast) else {
                            fail(
                                .invalidThreshold,
                                cPath + ".atLeast",
                                "a threshold is a decimal such as 2000000 or 1.5"
                            )
                            continue
                        }
                        if let keepText = threshold.keepAtLeast {
                            guard let keep = PolicyDecimal(keepText) else {
                                fail(
                                    .invalidThreshold,
                                    cPath + ".keepAtLeast",
                                    "a threshold is a decimal such as 2000000 or 1.5"
                                )
                                continue
                            }
                            if keep > entry {
                                fail(
                                    .invalidThreshold,
                                    cPath + ".keepAtLeast",
                                    "the threshold to stay must not be above the threshold to enter"
                                )
                            }
                        }
                    } else if criterion.entry.trimmed.isEmpty {
                        fail(.missingField, cPath + ".entry", "a criterion needs a condition")
                    }
                }
            }
        }
        var segmentNames: Set<String> = []
        for (s, segment) in segments.enumerated() {
            if !isRuleWord(segment.name) {
                fail(.invalidName, "segments[\(s)].name", "a segment name is a rule word such as young_affluent")
            } else if !segmentNames.insert(segment.name).inserted {
                fail(.duplicateName, "segments[\(s)].name", "the segment '\(segment.name)' is listed twice")
            }
            if segment.condition.trimmed.isEmpty {
                fail(.missingField, "segments[\(s)].condition", "a segment needs a condition")
            }
        }
        var dimensionNames: Set<String> = []
        for (d, dimension) in dimensions.enumerated() where !dimensionNames.insert(dimension.name).inserted {
            fail(.duplicateName, "dimensions[\(d)].name", "the dimension '\(dimension.name)' is listed twice")
        }
        var exitNames: Set<String> = []
        for (e, exit) in exits.enumerated() {
            if !exitNames.insert(exit.name).inserted {
                fail(.duplicateName, "exits[\(e)].name", "the exit trigger '\(exit.name)' is listed twice")
            }
            if exit.condition.trimmed.isEmpty {
                fail(.missingField, "exits[\(e)].condition", "an exit needs a condition")
            }
        }
        return problems
    }

    /// Whether `word` is `[a-z][a-z0-9_]*`.
    static func isRuleWord(_ word: String) -> Bool {
        guard let first = word.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return word.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// The candidate within two edits of `word`, if any.
    static func closest(_ word: String, _ candidates: [String]) -> String? {
        candidates.map { ($0, distance(word, $0)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }

    private static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// A non-negative decimal as written (`2000000`, `1.5`): digits and at most one point.
struct PolicyDecimal: Comparable {
    var value: Double
    var text: String

    init?(_ text: String) {
        let trimmed = text.trimmed
        var sawDigit = false
        var sawPoint = false
        for scalar in trimmed.unicodeScalars {
            if ("0"..."9").contains(scalar) {
                sawDigit = true
            } else if scalar == ".", !sawPoint {
                sawPoint = true
            } else {
                return nil
            }
        }
        guard sawDigit, let value = Double(trimmed), value.isFinite else { return nil }
        self.value = value
        self.text = trimmed
    }

    static func < (lhs: PolicyDecimal, rhs: PolicyDecimal) -> Bool { lhs.value < rhs.value }
}

extension String {
    /// Without leading and trailing spaces and newlines.
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
