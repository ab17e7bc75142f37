public import CustomerModel

/// What a rule set would have done over a period of stored history: every firing, by rule and
/// by client.
///
/// Nothing is emitted while a backtest runs.
public struct BacktestReport: Sendable {
    /// Every firing, in time order.
    public let firings: [RuleFiring]

    /// Creates a report.
    public init(firings: [RuleFiring]) { self.firings = firings }

    /// Firings per rule name.
    public var countsByRule: [String: Int] { firings.reduce(into: [:]) { $0[$1.rule, default: 0] += 1 } }

    /// Firings per client.
    public var countsByClient: [CustomerID: Int] { firings.reduce(into: [:]) { $0[$1.client, default: 0] += 1 } }

    /// The firings of the rule named `rule`.
    public func firings(of rule: String) -> [RuleFiring] { firings.filter { $0.rule == rule } }

    /// The clients the rule named `rule` fired for.
    public func clients(of rule: String) -> Set<CustomerID> { Set(firings(of: rule).map(\.client)) }

    /// How `other` (say, the next version of the rule set over the same history) differs, rule by rule.
    public func compared(with other: BacktestReport) -> [BacktestDifference] {
        let names = Set(firings.map(\.rule)).union(other.firings.map(\.rule)).sorted()
        return names.compactMap { name in
            let before = clients(of: name)
            let after = other.clients(of: name)
            let difference = BacktestDifference(
                rule: name,
                firingsBefore: firings(of: name).count,
                firingsAfter: other.firings(of: name).count,
                onlyBefore: before.subtracting(after),
                onlyAfter: after.subtracting(before)
            )
            return difference.isEmpty ? nil : difference
        }
    }
}

/// How one rule's firings differ between two backtests.
public struct BacktestDifference: Hashable, Sendable {
    /// The rule's name.
    public var rule: String
    /// Firings in the first backtest.
    public var firingsBefore: Int
    /// Firings in the second.
    public var firingsAfter: Int
    /// Clients it fired for only in the first.
    public var onlyBefore: Set<CustomerID>
    /// Clients it fired for only in the second.
    public var onlyAfter: Set<CustomerID>

    /// Creates a difference.
    public init(
        rule: String,
        firingsBefore: Int,
        firingsAfter: Int,
        onlyBefore: Set<CustomerID>,
        onlyAfter: Set<CustomerID>
    ) {
        self.rule = rule
        self.firingsBefore = firingsBefore
        self.firingsAfter = firingsAfter
        self.onlyBefore = onlyBefore
        self.onlyAfter = onlyAfter
    }

    /// Whether nothing differs.
    public var isEmpty: Bool { firingsBefore == firingsAfter && onlyBefore.isEmpty && onlyAfter.isEmpty }
}

extension RuleEvent {
    /// When the event happened: a transaction at its second of day, a balance snapshot at the
    /// end of its day, a holding when it opened.
    public func instant(on calendar: BankCalendar) -> Instant {
        switch self {
        case .transaction(let t), .failedTransaction(let t):
            calendar.start(of: t.day, plusMinutes: Int(t.secondOfDay / 60))
        case .interaction(let i): i.at
        case .profileChanged(_, _, let at), .tierChanged(_, _, let at), .scoreChanged(_, _, let at): at
        case .balance(let b):
            Instant(millisecondsSinceEpoch: calendar.start(of: b.day.adding(days: 1)).millisecondsSinceEpoch - 1)
        case .holding(let h): calendar.start(of: h.openedOn)
        }
    }
}

extension RuleEngine {
    /// Runs `rules` over `history` as if live from `start` to `end`: events before `start` only
    /// build up the windows; from `start`, the clock ticks to each event's time (schedules due at
    /// or before it run first), then the event is recorded; the clock then ticks to `end`.
    ///
    /// The clients' facts from other modules (scores, tiers) come from `facts`, in place from the start.
    /// - Throws: ``RuleEngineError`` for events of unknown clients or values that do not fit.
    public static func backtest(
        _ rules: RuleSet,
        clients: [ClientRecord],
        facts: [any FactSource] = [],
        history: [RuleEvent],
        from start: Instant,
        until end: Instant,
        calendar: BankCalendar
    ) throws(RuleEngineError) -> BacktestReport {
        var engine = try RuleEngine(rules: rules, clients: clients, facts: facts, calendar: calendar, start: start)
        let ordered = history.enumerated().map { ($0.element.instant(on: calendar), $0.offset, $0.element) }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        var firings: [RuleFiring] = []
        for (at, _, event) in ordered where at <= end {
            if at < start {
                try engine.absorb([event])
                continue
            }
            firings += engine.tick(until: at)
            firings += try engine.record(event)
        }
        firings += engine.tick(until: end)
        return BacktestReport(firings: firings)
    }
}
