public import CustomerModel

/// The rule engine's own state at one instant, as a `Codable` value a host stores (as JSON, in
/// a column, in a file) and hands to ``RuleEngine/restore(_:)`` after a restart.
///
/// **What it holds.** The cursor (everything due up to it has run) and the engine's start day;
/// each client's activity rows and last-activity days and the windows over them; per rule and
/// client the day it last fired (cooldown), the `dedupe by` digests it let through, and the
/// streaks it fired for. Rules are named by name and clients by id, so a checkpoint restores
/// into an engine whose rule set or book changed: state of rules and clients the engine does not
/// have is left out and counted in ``RuleEngineCheckpoint/Restored``.
///
/// **What it does not hold.** The clients' records (profiles, holdings, balances) and the facts
/// other modules supply through ``FactSource``s (scores, tiers, RFM cells) are the host's:
/// restore into an engine made over the records as they are now, with the latest facts
/// (``RuleEngine/init(rules:clients:facts:calendar:restoring:)``). Caches (the fact frame's
/// computed columns, bound programs) are rebuilt on demand.
///
/// **Exactly once.** A checkpoint taken after a ``RuleEngine/tick(until:)`` and restored later
/// makes the next tick run everything due after the checkpoint's cursor: a schedule that fell due
/// while the host was down fires once. Firings made after the checkpoint and before a crash are
/// made again after restore with the same ``FiringID``s, so a downstream that keys on the id
/// (``NotifyingActionHandler``) sends nothing twice.
public struct RuleEngineCheckpoint: Hashable, Sendable, Codable {
    /// The format this library writes and reads.
    public static let currentFormat = 1

    /// What a restore left out because the engine does not know it.
    public struct Restored: Hashable, Sendable {
        /// Clients in the checkpoint the engine has no record of.
        public var unknownClients: [CustomerID]
        /// Rules in the checkpoint the engine's rule set does not have.
        public var unknownRules: [String]

        /// Creates a summary.
        public init(unknownClients: [CustomerID], unknownRules: [String]) {
            self.unknownClients = unknownClients
            self.unknownRules = unknownRules
        }
    }

    /// The checkpoint's format (``currentFormat`` when written by this library).
    public let format: Int
    /// Everything due up to this instant had run.
    public let cursor: Instant
    /// The engine's start day (streaks of clients with no activity count from it).
    public let origin: Day

    /// The clients, in the engine's row order.
    let clients: [CustomerID]
    let activity: ActivityColumns
    /// The aggregates' descriptions, in the engine's order (windows are matched by them).
    let aggregates: [String]
    let windows: WindowColumns
    /// The rule names the entries below refer to by position.
    let rules: [String]
    /// (rule, client, day) the rule last fired for the client.
    let fired: [[Int64]]
    /// (rule, client, first day of the streak) the rule last fired for.
    let streaks: [[Int64]]
    /// (rule, digest, day) of `dedupe by` keys let through.
    let dedupe: [[Int64]]

    init(
        cursor: Instant,
        origin: Day,
        clients: [CustomerID],
        activity: ActivityColumns,
        aggregates: [String],
        windows: WindowColumns,
        rules: [String],
        fired: [[Int64]],
        streaks: [[Int64]],
        dedupe: [[Int64]]
    ) {
        format = Self.currentFormat
        self.cursor = cursor
        self.origin = origin
        self.clients = clients
        self.activity = activity
        self.aggregates = aggregates
        self.windows = windows
        self.rules = rules
        self.fired = fired
        self.streaks = streaks
        self.dedupe = dedupe
    }

    /// The number of clients whose state the checkpoint holds.
    public var clientCount: Int { clients.count }
}

/// Every client's activity rows as columns, client after client.
struct ActivityColumns: Hashable, Sendable, Codable {
    /// Per client, its number of transaction rows and interaction rows.
    var transactionCounts: [Int32] = []
    var interactionCounts: [Int32] = []
    /// Per client, its last day of each kind of activity (``ClientActivity/last``), side by side.
    var last: [Int32] = []
    var tDay: [Int32] = []
    var tAmount: [Int64] = []
    var tType: [Int64] = []
    var tDirection: [Int64] = []
    var tChannel: [Int64] = []
    var tMerchant: [Int64] = []
    var tOverseas: [Int64] = []
    var tCounts: [Bool] = []
    var iDay: [Int32] = []
    var iKind: [Int64] = []
    var iChannel: [Int64] = []
    var iSeverity: [Int64?] = []
    var iScore: [Int64?] = []
    var iContact: [Bool] = []

    init() {}

    /// Reserves room for `clients` clients with `transactions` and `interactions` rows in all.
    mutating func reserve(clients: Int, transactions: Int, interactions: Int) {
        transactionCounts.reserveCapacity(clients)
        interactionCounts.reserveCapacity(clients)
        last.reserveCapacity(clients * ActivityKind.allCases.count)
        tDay.reserveCapacity(transactions)
        tAmount.reserveCapacity(transactions)
        tType.reserveCapacity(transactions)
        tDirection.reserveCapacity(transactions)
        tChannel.reserveCapacity(transactions)
        tMerchant.reserveCapacity(transactions)
        tOverseas.reserveCapacity(transactions)
        tCounts.reserveCapacity(transactions)
        iDay.reserveCapacity(interactions)
        iKind.reserveCapacity(interactions)
        iChannel.reserveCapacity(interactions)
        iSeverity.reserveCapacity(interactions)
        iScore.reserveCapacity(interactions)
        iContact.reserveCapacity(interactions)
    }

    mutating func append(_ a: ClientActivity) {
        transactionCounts.append(Int32(a.transactions.count))
        interactionCounts.append(Int32(a.interactions.count))
        last += a.last
        for t in a.transactions {
            tDay.append(t.day)
            tAmount.append(t.amount)
            tType.append(t.type)
            tDirection.append(t.direction)
            tChannel.append(t.channel)
            tMerchant.append(t.merchant)
            tOverseas.append(t.overseas)
            tCounts.append(t.counts)
        }
        for i in a.interactions {
            iDay.append(i.day)
            iKind.append(i.fields.kind)
            iChannel.append(i.fields.channel)
            iSeverity.append(i.fields.severity)
            iScore.append(i.fields.score)
            iContact.append(i.isContact)
        }
    }

    /// Whether every column has the length the counts promise for `clients` clients.
    func isConsistent(clients: Int) -> Bool {
        let kinds = ActivityKind.allCases.count
        guard transactionCounts.count == clients, interactionCounts.count == clients, last.count == clients * kinds
        else { return false }
        let t = transactionCounts.reduce(0) { $0 + Int($1) }
        let i = interactionCounts.reduce(0) { $0 + Int($1) }
        return transactionCounts.allSatisfy { $0 >= 0 } && interactionCounts.allSatisfy { $0 >= 0 }
            && [
                tDay.count, tAmount.count, tType.count, tDirection.count, tChannel.count, tMerchant.count,
                tOverseas.count, tCounts.count,
            ]
            .allSatisfy { $0 == t }
            && [iDay.count, iKind.count, iChannel.count, iSeverity.count, iScore.count, iContact.count].allSatisfy {
                $0 == i
            }
    }

    /// Each client's activity, in order (call after ``isConsistent(clients:)``).
    func activities() -> [ClientActivity] {
        let kinds = ActivityKind.allCases.count
        var result: [ClientActivity] = []
        result.reserveCapacity(transactionCounts.count)
        var t = 0
        var i = 0
        for c in transactionCounts.indices {
            var a = ClientActivity()
            a.last = Array(last[(c * kinds)..<((c + 1) * kinds)])
            for k in t..<(t + Int(transactionCounts[c])) {
                a.transactions.append(
                    ClientActivity.TransactionRow(
                        day: tDay[k],
                        amount: tAmount[k],
                        type: tType[k],
                        direction: tDirection[k],
                        channel: tChannel[k],
                        merchant: tMerchant[k],
                        overseas: tOverseas[k],
                        counts: tCounts[k]
                    )
                )
            }
            t += Int(transactionCounts[c])
            for k in i..<(i + Int(interactionCounts[c])) {
                a.interactions.append(
                    ClientActivity.InteractionRow(
                        day: iDay[k],
                        fields: RowFields(
                            kind: iKind[k],
                            channel: iChannel[k],
                            severity: iSeverity[k],
                            score: iScore[k]
                        ),
                        isContact: iContact[k]
                    )
                )
            }
            i += Int(interactionCounts[c])
            result.append(a)
        }
        return result
    }
}

/// The windows' incremental states, client after client, aggregate after aggregate.
struct WindowColumns: Hashable, Sendable, Codable {
    var count: [Int64] = []
    var sum: [Int64] = []
    var overflow: [Bool] = []
    var head: [Int32] = []
    var start: [Int32] = []

    init() {}

    /// Reserves room for `states` states.
    mutating func reserve(_ states: Int) {
        count.reserveCapacity(states)
        sum.reserveCapacity(states)
        overflow.reserveCapacity(states)
        head.reserveCapacity(states)
        start.reserveCapacity(states)
    }

    mutating func append(_ w: WindowState) {
        count.append(w.count)
        sum.append(w.sum)
        overflow.append(w.overflow)
        head.append(w.head)
        start.append(w.start)
    }

    subscript(index: Int) -> WindowState {
        WindowState(
            count: count[index],
            sum: sum[index],
            overflow: overflow[index],
            head: head[index],
            start: start[index]
        )
    }

    /// Whether every column holds `states` states.
    func isConsistent(states: Int) -> Bool {
        [count.count, sum.count, overflow.count, head.count, start.count].allSatisfy { $0 == states }
    }
}

extension RowFields {
    /// Fields read back from a checkpoint.
    init(kind: Int64, channel: Int64, severity: Int64?, score: Int64?) {
        self.kind = kind
        self.channel = channel
        self.severity = severity
        self.score = score
    }
}
