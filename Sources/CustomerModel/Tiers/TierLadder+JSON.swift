extension TierLadder {
    /// Loads and validates a ladder from its JSON text.
    ///
    /// ```json
    /// {
    ///   "name": "individual-vip",
    ///   "currency": "CNY",
    ///   "tiers": [
    ///     { "id": "mass", "displayName": "Mass", "minimumAUM": 0, "minimumScore": 0 },
    ///     { "id": "gold", "displayName": "Gold", "minimumAUM": 100000, "minimumScore": 0 }
    ///   ]
    /// }
    /// ```
    ///
    /// Tiers are listed lowest first. `minimumAUM` is a decimal amount in major units of
    /// `currency` (at most two decimals); `minimumScore` is 0-100 and optional (default 0).
    /// Unknown fields are errors, so a typo never passes silently.
    /// - Throws: ``TierLadderError`` with the line, column and path of the problem.
    public init(json text: String) throws(TierLadderError) {
        let document: JSONDocument
        do {
            document = try JSONDocument(parsing: text)
        } catch {
            throw TierLadderError(.invalidJSON, path: "", line: error.line, column: error.column, error.message)
        }
        try self.init(document: document)
    }

    /// Loads and validates a ladder from a parsed JSON document (for hosts that keep ladders in a
    /// larger file); errors carry the positions of `document`.
    /// - Throws: ``TierLadderError`` with the line, column and path of the problem.
    public init(document: JSONDocument) throws(TierLadderError) {
        let reader = LadderJSONReader()
        let (name, tiers) = try reader.read(document.root)
        do {
            try self.init(name: name, tiers: tiers)
        } catch {
            var located = error
            if let path = reader.paths[error.path] {
                let position = document.position(of: path)
                if position.isKnown {
                    located.line = position.line
                    located.column = position.column
                }
            }
            throw located
        }
    }
}

/// Turns a parsed ladder document into a name and tiers, with positioned errors for structure and types.
private struct LadderJSONReader {
    static let ladderFields = ["name", "currency", "tiers"]
    static let tierFields = ["id", "displayName", "minimumAUM", "minimumScore"]

    /// The JSON paths of the fields validation may name, by their text.
    let paths: [String: JSONPath]

    init() {
        var paths: [String: JSONPath] = ["name": ["name"], "tiers": ["tiers"]]
        // Enough for any ladder a bank writes; a path beyond it is reported without a position.
        for i in 0..<256 {
            let tier = JSONPath(["tiers", .index(i)])
            paths["tiers[\(i)]"] = tier
            for field in Self.tierFields { paths["tiers[\(i)].\(field)"] = tier.appending(field) }
        }
        self.paths = paths
    }

    func read(_ root: JSONNode) throws(TierLadderError) -> (String, [Tier]) {
        let object = try objectValue(root, path: "")
        try checkFields(object, allowed: Self.ladderFields, path: "")
        let name = try string(try member(object, "name", in: root, path: ""), path: "name")
        let currencyText = try string(try member(object, "currency", in: root, path: ""), path: "currency")
        guard let currency = CurrencyCode(currencyText) else {
            throw fail(.wrongType, "currency", object["currency"] ?? root, "'\(currencyText)' is not an ISO 4217 code")
        }
        let tiersNode = try member(object, "tiers", in: root, path: "")
        guard let elements = tiersNode.arrayValue else {
            throw fail(
                .wrongType,
                "tiers",
                tiersNode,
                "expected an array of tiers, lowest first, not \(tiersNode.kindDescription)"
            )
        }
        var tiers: [Tier] = []
        for (i, node) in elements.enumerated() {
            let path = "tiers[\(i)]"
            let tier = try objectValue(node, path: path)
            try checkFields(tier, allowed: Self.tierFields, path: path)
            let id = try string(try member(tier, "id", in: node, path: path), path: path + ".id")
            let displayName = try string(
                try member(tier, "displayName", in: node, path: path),
                path: path + ".displayName"
            )
            let aumNode = try member(tier, "minimumAUM", in: node, path: path)
            guard let literal = aumNode.numberLiteral else {
                throw fail(
                    .wrongType,
                    path + ".minimumAUM",
                    aumNode,
                    "expected an amount such as 500000, not \(aumNode.kindDescription)"
                )
            }
            let aum: Money
            do {
                aum = try Money(parsing: literal, currency: currency, field: "minimumAUM")
            } catch {
                throw fail(.invalidThreshold, path + ".minimumAUM", aumNode, error.message)
            }
            var score = 0.0
            if let scoreNode = tier["minimumScore"] {
                guard let value = scoreNode.doubleValue else {
                    throw fail(
                        .wrongType,
                        path + ".minimumScore",
                        scoreNode,
                        "expected a score 0-100, not \(scoreNode.kindDescription)"
                    )
                }
                score = value
            }
            tiers.append(Tier(id: id, displayName: displayName, minimumAUM: aum, minimumScore: score))
        }
        return (name, tiers)
    }

    private func fail(
        _ code: TierLadderError.Code,
        _ path: String,
        _ node: JSONNode,
        _ message: String
    ) -> TierLadderError {
        let position = node.position
        return TierLadderError(
            code,
            path: path,
            line: position.isKnown ? position.line : nil,
            column: position.isKnown ? position.column : nil,
            message
        )
    }

    private func objectValue(_ node: JSONNode, path: String) throws(TierLadderError) -> JSONObject {
        guard let object = node.objectValue else {
            throw fail(.wrongType, path, node, "expected an object, not \(node.kindDescription)")
        }
        return object
    }

    private func member(
        _ object: JSONObject,
        _ key: String,
        in node: JSONNode,
        path: String
    ) throws(TierLadderError) -> JSONNode {
        guard let value = object[key] else {
            throw fail(.missingField, path.isEmpty ? key : "\(path).\(key)", node, "the field '\(key)' is required")
        }
        return value
    }

    private func string(_ node: JSONNode, path: String) throws(TierLadderError) -> String {
        guard let text = node.stringValue else {
            throw fail(.wrongType, path, node, "expected a string, not \(node.kindDescription)")
        }
        return text
    }

    private func checkFields(_ object: JSONObject, allowed: [String], path: String) throws(TierLadderError) {
        for member in object.members where !allowed.contains(member.key) {
            let close = allowed.first { $0.lowercased() == member.key.lowercased() }
            let position = member.keyPosition
            throw TierLadderError(
                .unknownField,
                path: path.isEmpty ? member.key : "\(path).\(member.key)",
                line: position.isKnown ? position.line : nil,
                column: position.isKnown ? position.column : nil,
                "unknown field '\(member.key)'; the fields are \(allowed.joined(separator: ", "))",
                suggestion: close
            )
        }
    }
}
