public import CustomerModel
public import Rules

extension SegmentationPolicy {
    /// Loads, validates and compiles a policy from its JSON text.
    ///
    /// ```json
    /// {
    ///   "name": "vip", "version": 3,
    ///   "movement": { "upgradeAfter": 1, "downgradeAfter": 2, "graceDays": 30, "approverRoles": ["headOffice"] },
    ///   "ladders": [{
    ///     "ladder": "individual-vip", "kind": "individual",
    ///     "tiers": [
    ///       { "id": "mass", "service": { "rmGrade": "pool" } },
    ///       { "id": "gold", "match": "any",
    ///         "criteria": [
    ///           { "name": "assets", "fact": "aum", "atLeast": 100000, "keepAtLeast": 80000 },
    ///           { "name": "value", "condition": "score >= 60", "keep": "score >= 55" }
    ///         ],
    ///         "service": { "rmGrade": "senior", "reviewCadence": "quarterly", "contactEveryDays": 30 } }
    ///     ]
    ///   }],
    ///   "dimensions": [{ "name": "industry", "fact": "industry" }],
    ///   "segments": [{ "name": "young_affluent", "condition": "age < 40 and aum >= 1m CNY" }],
    ///   "exits": [{ "name": "risk", "condition": "credit_rating <= c", "reason": "credit rating fell to C" }]
    /// }
    /// ```
    ///
    /// `ladder` names one of `ladders` and the tiers list each of its tiers, lowest first; the
    /// lowest has no criteria. A criterion is a threshold on one fact (`fact`, `atLeast`, optional
    /// `keepAtLeast`; money in major units of the fact's currency, percentages in percent points)
    /// or a `condition` with an optional weaker `keep`, in the rule condition language.
    /// `match` is `all` (default) or `any`; `reviewCadence` is `monthly`, `quarterly`,
    /// `half-yearly` or `yearly` (default). Unknown fields are errors, so a typo never passes silently.
    /// - Parameters:
    ///   - text: the JSON text.
    ///   - catalogue: the facts conditions may read.
    ///   - ladders: the ladders tiers are taken from (the library's defaults unless told).
    /// - Throws: ``SegmentationPolicyError`` with every problem, each with its line and column
    ///   (for a condition, the column of the problem inside the condition's string).
    public init(
        json text: String,
        catalogue: FactCatalogue = .standard(),
        ladders: [TierLadder] = TierLadder.defaults
    ) throws(SegmentationPolicyError) {
        let document: JSONDocument
        do { document = try JSONDocument(parsing: text) } catch {
            throw SegmentationPolicyError(
                PolicyProblem(.invalidJSON, path: "", line: error.line, column: error.column, error.message)
            )
        }
        var reader = PolicyJSONReader(ladders: ladders)
        let parts = reader.read(document.root)
        guard reader.problems.isEmpty, let parts else { throw SegmentationPolicyError(reader.problems) }
        try self.init(
            name: parts.name,
            version: parts.version,
            ladders: parts.ladders,
            segments: parts.segments,
            dimensions: parts.dimensions,
            exits: parts.exits,
            movement: parts.movement,
            catalogue: catalogue,
            positions: reader.positions
        )
    }
}

/// Reads a policy document into its parts, collecting positioned problems and the position of
/// every field validation may name.
struct PolicyJSONReader {
    struct Parts {
        var name: String
        var version: Int
        var ladders: [LadderPolicy]
        var segments: [SegmentDefinition]
        var dimensions: [ClassificationDimension]
        var exits: [ExitTrigger]
        var movement: MovementRules
    }

    let known: [TierLadder]
    var problems: [PolicyProblem] = []
    var positions: [String: PolicyTextPosition] = [:]

    init(ladders: [TierLadder]) { known = ladders }

    mutating func read(_ root: JSONNode) -> Parts? {
        guard let object = objectValue(root, "") else { return nil }
        check(object, ["name", "version", "movement", "ladders", "segments", "dimensions", "exits"], "")
        let name = string(object, "name", "") ?? ""
        let version = integer(object, "version", "") ?? 0
        var movement = MovementRules()
        if let node = object["movement"], let m = objectValue(node, "movement") {
            check(m, ["upgradeAfter", "downgradeAfter", "graceDays", "approverRoles"], "movement")
            var roles: Set<Principal.Role> = [.headOffice]
            if let list = m["approverRoles"] {
                roles = []
                for (i, item) in (arrayValue(list, "movement.approverRoles") ?? []).enumerated() {
                    guard let text = item.stringValue, let role = Principal.Role(rawValue: text) else {
                        fail(
                            .wrongType,
                            "movement.approverRoles[\(i)]",
                            item,
                            "expected a role: \(Principal.Role.allCases.map(\.rawValue).joined(separator: ", "))"
                        )
                        continue
                    }
                    roles.insert(role)
                }
            }
            movement = MovementRules(
                upgradeAfter: integer(m, "upgradeAfter", "movement", optional: true) ?? 1,
                downgradeAfter: integer(m, "downgradeAfter", "movement", optional: true) ?? 2,
                graceDays: integer(m, "graceDays", "movement", optional: true) ?? 0,
                approverRoles: roles
            )
        }
        var ladders: [LadderPolicy] = []
        for (l, node) in list(object, "ladders", "").enumerated() {
            if let ladder = readLadder(node, "ladders[\(l)]") { ladders.append(ladder) }
        }
        var segments: [SegmentDefinition] = []
        for (s, node) in list(object, "segments", "", optional: true).enumerated() {
            let path = "segments[\(s)]"
            guard let o = objectValue(node, path) else { continue }
            check(o, ["name", "condition", "summary"], path)
            segments.append(
                SegmentDefinition(
                    name: string(o, "name", path) ?? "",
                    condition: string(o, "condition", path) ?? "",
                    summary: string(o, "summary", path, optional: true) ?? ""
                )
            )
        }
        var dimensions: [ClassificationDimension] = []
        for (d, node) in list(object, "dimensions", "", optional: true).enumerated() {
            let path = "dimensions[\(d)]"
            guard let o = objectValue(node, path) else { continue }
            check(o, ["name", "fact"], path)
            dimensions.append(
                ClassificationDimension(name: string(o, "name", path) ?? "", fact: string(o, "fact", path) ?? "")
            )
        }
        var exits: [ExitTrigger] = []
        for (e, node) in list(object, "exits", "", optional: true).enumerated() {
            let path = "exits[\(e)]"
            guard let o = objectValue(node, path) else { continue }
            check(o, ["name", "condition", "reason"], path)
            exits.append(
                ExitTrigger(
                    name: string(o, "name", path) ?? "",
                    condition: string(o, "condition", path) ?? "",
                    reason: string(o, "reason", path) ?? ""
                )
            )
        }
        return Parts(
            name: name,
            version: version,
            ladders: ladders,
            segments: segments,
            dimensions: dimensions,
            exits: exits,
            movement: movement
        )
    }

    private mutating func readLadder(_ node: JSONNode, _ path: String) -> LadderPolicy? {
        guard let o = objectValue(node, path) else { return nil }
        check(o, ["ladder", "kind", "tiers"], path)
        let ladderName = string(o, "ladder", path) ?? ""
        let kindText = string(o, "kind", path) ?? ""
        let kind = CustomerKind(rawValue: kindText)
        if kind == nil, let kindNode = o["kind"] {
            fail(.wrongType, path + ".kind", kindNode, "expected individual or corporate")
        }
        let ladder = known.first { $0.name == ladderName }
        if ladder == nil, let ladderNode = o["ladder"] {
            fail(
                .unknownTier,
                path + ".ladder",
                ladderNode,
                "unknown ladder '\(ladderName)'; the ladders are \(known.map(\.name).joined(separator: ", "))",
                suggestion: PolicyValidator.closest(ladderName, known.map(\.name))
            )
        }
        var tiers: [TierPolicy] = []
        for (t, tierNode) in list(o, "tiers", path).enumerated() {
            let tierPath = "\(path).tiers[\(t)]"
            guard let tier = objectValue(tierNode, tierPath) else { continue }
            check(tier, ["id", "match", "needsApproval", "criteria", "service"], tierPath)
            let id = string(tier, "id", tierPath) ?? ""
            var match = TierPolicy.Match.all
            if let text = string(tier, "match", tierPath, optional: true) {
                if let m = TierPolicy.Match(rawValue: text) {
                    match = m
                } else if let n = tier["match"] {
                    fail(.wrongType, tierPath + ".match", n, "expected all or any")
                }
            }
            var needsApproval = false
            if let n = tier["needsApproval"] {
                if let flag = n.boolValue {
                    needsApproval = flag
                } else {
                    fail(.wrongType, tierPath + ".needsApproval", n, "expected true or false")
                }
            }
            var criteria: [TierCriterion] = []
            for (c, criterionNode) in list(tier, "criteria", tierPath, optional: true).enumerated() {
                let cPath = "\(tierPath).criteria[\(c)]"
                guard let criterion = objectValue(criterionNode, cPath) else { continue }
                check(criterion, ["name", "fact", "atLeast", "keepAtLeast", "condition", "keep"], cPath)
                let name = string(criterion, "name", cPath) ?? ""
                if criterion["fact"] != nil {
                    let fact = string(criterion, "fact", cPath) ?? ""
                    let atLeast = number(criterion, "atLeast", cPath) ?? "0"
                    let keep = number(criterion, "keepAtLeast", cPath, optional: true)
                    criteria.append(TierCriterion(name: name, fact: fact, atLeast: atLeast, keepAtLeast: keep))
                } else {
                    let condition = string(criterion, "condition", cPath) ?? ""
                    let keep = string(criterion, "keep", cPath, optional: true)
                    note(cPath + ".entry", criterion["condition"])
                    criteria.append(TierCriterion(name: name, condition: condition, keep: keep))
                }
            }
            var service = ServiceModel(rmGrade: "")
            if let serviceNode = tier["service"], let s = objectValue(serviceNode, tierPath + ".service") {
                let sPath = tierPath + ".service"
                check(s, ["rmGrade", "expertTeam", "reviewCadence", "contactEveryDays", "resourcePriority"], sPath)
                var cadence = ReviewCadence.yearly
                if let text = string(s, "reviewCadence", sPath, optional: true) {
                    if let c = ReviewCadence(rawValue: text) {
                        cadence = c
                    } else if let n = s["reviewCadence"] {
                        fail(
                            .wrongType,
                            sPath + ".reviewCadence",
                            n,
                            "expected monthly, quarterly, half-yearly or yearly"
                        )
                    }
                }
                service = ServiceModel(
                    rmGrade: string(s, "rmGrade", sPath) ?? "",
                    expertTeam: list(s, "expertTeam", sPath, optional: true).compactMap(\.stringValue),
                    reviewCadence: cadence,
                    contactEveryDays: integer(s, "contactEveryDays", sPath, optional: true) ?? 90,
                    resourcePriority: integer(s, "resourcePriority", sPath, optional: true) ?? 99
                )
            } else {
                _ = member(tier, "service", tierPath)
            }
            tiers.append(
                TierPolicy(id: id, criteria: criteria, match: match, needsApproval: needsApproval, service: service)
            )
        }
        guard let ladder, let kind else { return nil }
        return LadderPolicy(ladder: ladder, kind: kind, tiers: tiers)
    }

    // MARK: Fields

    private mutating func note(_ path: String, _ node: JSONNode?) {
        guard let node, node.position.isKnown else { return }
        positions[path] = PolicyTextPosition(
            line: node.position.line,
            column: node.position.column,
            isString: node.stringValue != nil
        )
    }

    private mutating func fail(
        _ code: PolicyProblem.Code,
        _ path: String,
        _ node: JSONNode,
        _ message: String,
        suggestion: String? = nil
    ) {
        let p = node.position
        problems.append(
            PolicyProblem(
                code,
                path: path,
                line: p.isKnown ? p.line : nil,
                column: p.isKnown ? p.column : nil,
                message,
                suggestion: suggestion
            )
        )
    }

    private mutating func objectValue(_ node: JSONNode, _ path: String) -> JSONObject? {
        note(path, node)
        guard let object = node.objectValue else {
            fail(.wrongType, path, node, "expected an object, not \(node.kindDescription)")
            return nil
        }
        return object
    }

    private mutating func arrayValue(_ node: JSONNode, _ path: String) -> [JSONNode]? {
        guard let array = node.arrayValue else {
            fail(.wrongType, path, node, "expected an array, not \(node.kindDescription)")
            return nil
        }
        return array
    }

    private mutating func member(
        _ object: JSONObject,
        _ key: String,
        _ path: String,
        optional: Bool = false
    ) -> JSONNode? {
        let full = path.isEmpty ? key : "\(path).\(key)"
        guard let node = object[key] else {
            if !optional {
                problems.append(PolicyProblem(.missingField, path: full, "the field '\(key)' is required"))
            }
            return nil
        }
        note(full, node)
        return node
    }

    private mutating func string(_ object: JSONObject, _ key: String, _ path: String, optional: Bool = false) -> String?
    {
        guard let node = member(object, key, path, optional: optional) else { return nil }
        guard let text = node.stringValue else {
            fail(
                .wrongType,
                path.isEmpty ? key : "\(path).\(key)",
                node,
                "expected a string, not \(node.kindDescription)"
            )
            return nil
        }
        return text
    }

    private mutating func integer(_ object: JSONObject, _ key: String, _ path: String, optional: Bool = false) -> Int? {
        guard let node = member(object, key, path, optional: optional) else { return nil }
        guard let value = node.int64Value, let int = Int(exactly: value) else {
            fail(
                .wrongType,
                path.isEmpty ? key : "\(path).\(key)",
                node,
                "expected a whole number, not \(node.kindDescription)"
            )
            return nil
        }
        return int
    }

    private mutating func number(_ object: JSONObject, _ key: String, _ path: String, optional: Bool = false) -> String?
    {
        guard let node = member(object, key, path, optional: optional) else { return nil }
        guard let literal = node.numberLiteral else {
            fail(.wrongType, "\(path).\(key)", node, "expected a number such as 2000000, not \(node.kindDescription)")
            return nil
        }
        return literal
    }

    private mutating func list(
        _ object: JSONObject,
        _ key: String,
        _ path: String,
        optional: Bool = false
    ) -> [JSONNode] {
        guard let node = member(object, key, path, optional: optional) else { return [] }
        return arrayValue(node, path.isEmpty ? key : "\(path).\(key)") ?? []
    }

    private mutating func check(_ object: JSONObject, _ allowed: [String], _ path: String) {
        for m in object.members where !allowed.contains(m.key) {
            let p = m.keyPosition
            problems.append(
                PolicyProblem(
                    .unknownField,
                    path: path.isEmpty ? m.key : "\(path).\(m.key)",
                    line: p.isKnown ? p.line : nil,
                    column: p.isKnown ? p.column : nil,
                    "unknown field '\(m.key)'; the fields are \(allowed.joined(separator: ", "))",
                    suggestion: PolicyValidator.closest(m.key, allowed)
                )
            )
        }
    }
}
