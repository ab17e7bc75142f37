public import CustomerModel

/// How many clients moved from each tier to each tier between two days, from their tiers as of
/// each day (`none` for a client without a tier yet).
public struct MigrationMatrix: Hashable, Sendable, CustomStringConvertible {
    /// The first day.
    public let from: Day
    /// The second day.
    public let to: Day
    /// The tiers seen, in first-seen order of the ladders given (then any other), `none` last.
    public let tiers: [String]
    /// `counts[i][j]`: clients in `tiers[i]` on ``from`` and `tiers[j]` on ``to``.
    public let counts: [[Int]]

    /// The matrix of `before` (tiers as of `from`) and `after` (as of `to`).
    /// - Parameters:
    ///   - from: the first day.
    ///   - to: the second day.
    ///   - before: the tiers as of `from`.
    ///   - after: the tiers as of `to`.
    ///   - order: the tier order to list (a ladder's ids, lowest first); others follow.
    public init(from: Day, to: Day, before: [TierAsOf], after: [TierAsOf], order: [String] = []) {
        self.from = from
        self.to = to
        var tierOf: [CustomerID: (String, String)] = [:]
        for a in before { tierOf[a.client] = (a.tier ?? "none", "none") }
        for a in after { tierOf[a.client] = (tierOf[a.client]?.0 ?? "none", a.tier ?? "none") }
        var names = order
        for (a, b) in tierOf.values.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) {
            for name in [a, b] where name != "none" && !names.contains(name) { names.append(name) }
        }
        names.append("none")
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() { index[name] = i }
        var counts = [[Int]](repeating: [Int](repeating: 0, count: names.count), count: names.count)
        for (a, b) in tierOf.values {
            if let i = index[a], let j = index[b] { counts[i][j] += 1 }
        }
        self.tiers = names
        self.counts = counts
    }

    /// The clients in tier `a` on ``from`` and tier `b` on ``to``.
    public func count(from a: String, to b: String) -> Int {
        guard let i = tiers.firstIndex(of: a), let j = tiers.firstIndex(of: b) else { return 0 }
        return counts[i][j]
    }

    /// The clients whose tier differs between the days.
    public var moved: Int {
        var n = 0
        for i in tiers.indices { for j in tiers.indices where i != j { n += counts[i][j] } }
        return n
    }

    /// A table: one row per tier on ``from``, one column per tier on ``to``.
    public var description: String {
        var lines = ["from \\ to\t" + tiers.joined(separator: "\t")]
        for (i, name) in tiers.enumerated() {
            lines.append(name + "\t" + counts[i].map(String.init).joined(separator: "\t"))
        }
        return lines.joined(separator: "\n")
    }
}
