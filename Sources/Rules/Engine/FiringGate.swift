import CustomerModel

/// The engine's part that decides whether a rule whose condition held may fire: the rule's
/// effective days, its cooldown per client, its `dedupe by` keys, and once-per-streak.
///
/// **Cooldown** is per rule and client: a rule does not fire again for a client until its
/// cooldown has passed since the last firing. **De-duplication**: with `dedupe by`, a firing
/// whose key values equal an earlier firing's is dropped while the cooldown lasts (for ever
/// when the rule has no cooldown). Key values are kept as a 63-bit stable digest of their
/// canonical bytes (see ``StableHash``), so the table is flat and survives a checkpoint; two
/// different keys share a digest with odds of about 2⁻⁶³ per pair.
struct FiringGate: Sendable {
    let calendar: BankCalendar
    /// The number of clients (rows); a rule-and-client key is `rule * clients + row`.
    let clients: Int
    /// Per rule, its effective days.
    let effective: [(from: Int32, until: Int32)]
    /// Per rule, its cooldown.
    let cooldowns: [DurationLiteral?]
    /// Per rule, whether it has `dedupe by` keys.
    let dedupes: [Bool]
    /// The day each rule last fired for each client, keyed by `rule * clients + row`.
    var lastFired = IntegerTable()
    /// Per rule with `dedupe by`, the day each key digest last passed.
    var dedupeSeen: [IntegerTable?]
    /// Per rule and client (`rule * clients + row`), the first day of the streak it last fired for.
    var streakFired = IntegerTable()

    init(rules: RuleSet, clients: Int, calendar: BankCalendar) {
        self.calendar = calendar
        self.clients = clients
        effective = rules.rules.map { ($0.effectiveFrom?.number ?? Int32.min, $0.effectiveUntil?.number ?? Int32.max) }
        cooldowns = rules.rules.map(\.cooldown)
        dedupes = rules.rules.map { !$0.dedupeKeys.isEmpty }
        dedupeSeen = [IntegerTable?](repeating: nil, count: rules.rules.count)
    }

    /// The key of rule `rule` and client row `row` in the per-client tables.
    @inline(__always)
    func key(_ rule: Int, row: Int) -> Int64 { Int64(rule) * Int64(clients) + Int64(row) }

    /// Whether rule `rule` applies on `day`.
    @inline(__always)
    func isEffective(_ rule: Int, on day: Day) -> Bool {
        let (from, until) = effective[rule]
        return day.number >= from && day.number <= until
    }

    /// Whether rule `rule`'s cooldown since `last` still lasts on `day`.
    func cooling(_ rule: Int, since last: Int32, on day: Day) -> Bool {
        guard let cooldown = cooldowns[rule] else { return false }
        return Int64(day.number) < Semantics.shift(Int64(last), by: cooldown, backwards: false, on: calendar)
    }

    /// Whether rule `rule` is held back for `row` on `day` by its cooldown.
    func isCoolingDown(_ rule: Int, row: Int, on day: Day) -> Bool {
        guard cooldowns[rule] != nil, let last = lastFired[key(rule, row: row)] else { return false }
        return cooling(rule, since: last, on: day)
    }

    /// Lets a firing with dedupe digest `digest` through (recording it) unless an equal one is
    /// still held (while the cooldown lasts, or for ever without one).
    mutating func admit(_ rule: Int, digest: Int64, on day: Day) -> Bool {
        var table = dedupeSeen[rule] ?? IntegerTable()
        dedupeSeen[rule] = nil
        defer { dedupeSeen[rule] = table }
        if let seen = table[digest], cooldowns[rule] == nil || cooling(rule, since: seen, on: day) { return false }
        table.set(day.number, for: digest)
        return true
    }

    /// Records that rule `rule` fired for `row` on `day`.
    mutating func fired(_ rule: Int, row: Int, on day: Day) { lastFired.set(day.number, for: key(rule, row: row)) }

    /// Whether the streak of rule `rule` for `row` that began on `since` has not fired yet; marks it fired.
    mutating func openStreak(_ rule: Int, row: Int, since: Int32) -> Bool {
        let k = key(rule, row: row)
        guard streakFired[k] != since else { return false }
        streakFired.set(since, for: k)
        return true
    }
}
