import CustomerModel
import SyntheticBank
import Testing

@testable import Rules

/// The book's history taken in as columns (the daily cycle's first night) leaves the engine as
/// taking in the same transactions and interactions one by one as events does: the same logs and
/// last-activity days, then the same firings from the schedules and from a new event.
@Suite struct HistoryAbsorbTests {
    /// A log row as comparable numbers.
    static func key(_ row: ClientActivity.TransactionRow) -> [Int64] {
        [
            Int64(row.day), row.amount, row.type, row.direction, row.channel, row.merchant, row.overseas,
            row.counts ? 1 : 0,
        ]
    }

    /// An interaction log row as comparable numbers.
    static func key(_ row: ClientActivity.InteractionRow) -> [Int64] {
        [
            Int64(row.day), row.fields.kind, row.fields.channel, row.fields.severity ?? -1, row.fields.score ?? -1,
            row.isContact ? 1 : 0,
        ]
    }

    /// Rows of one day may come in another order (events go by time of day, columns by row):
    /// compare each log as days in order and, within a day, as a sorted list.
    static func canonical(_ rows: [[Int64]]) -> [[Int64]] {
        rows.sorted { $0.lexicographicallyPrecedes($1) }
    }

    @Test func columnsAndEventsLeaveTheSameLogsAndFireTheSame() throws {
        let synthetic = SyntheticBank(.init(seed: 17, clientCount: 160, days: 200))
        let calendar = synthetic.configuration.calendar
        let today = synthetic.configuration.endDay
        let rules = try ExampleRules.compiled()
        let records = synthetic.profiles.map { ClientRecord(profile: $0) }
        let start = calendar.start(of: today.adding(days: 1))
        let clients = 0..<synthetic.clientCount
        let interactions = synthetic.interactions(clients: clients)

        var byEvents = try RuleEngine(rules: rules, clients: records, calendar: calendar, start: start)
        let events: [RuleEvent] =
            synthetic.transactions(clients: clients).map { .transaction($0) } + interactions.map { .interaction($0) }
        let ordered = events.enumerated()
            .sorted { ($0.element.instant(on: calendar), $0.offset) < ($1.element.instant(on: calendar), $1.offset) }
            .map(\.element)
        try byEvents.absorb(ordered)

        var byColumns = try RuleEngine(rules: rules, clients: records, calendar: calendar, start: start)
        let taken = byColumns.cycleAbsorbHistory(
            synthetic.transactionColumns(),
            interactions: interactions,
            through: today
        )
        #expect(taken == events.count)
        #expect(taken > 10_000)

        for row in records.indices {
            let a = byEvents.facts.activity[row]
            let b = byColumns.facts.activity[row]
            #expect(a.last == b.last)
            #expect(a.transactions.map(\.day) == b.transactions.map(\.day))
            #expect(Self.canonical(a.transactions.map(Self.key)) == Self.canonical(b.transactions.map(Self.key)))
            #expect(a.interactions.map(\.day) == b.interactions.map(\.day))
            #expect(Self.canonical(a.interactions.map(Self.key)) == Self.canonical(b.interactions.map(Self.key)))
        }

        let morning = calendar.start(of: today.adding(days: 1), plusMinutes: 9 * 60 + 30)
        let dueByEvents = byEvents.tick(until: morning)
        let dueByColumns = byColumns.tick(until: morning)
        #expect(!dueByEvents.isEmpty)
        #expect(Set(dueByEvents.map(\.id)) == Set(dueByColumns.map(\.id)))

        // A large payment the next day reads the same windows.
        let client = synthetic.profiles[3].id
        let payment = Transaction(
            id: "history-absorb-1",
            customer: client,
            day: today.adding(days: 1),
            type: .transferIn,
            direction: .inflow,
            amount: Money(minorUnits: 900_000_000, currency: .cny),
            channel: .mobile
        )
        let nowByEvents = try byEvents.record(.transaction(payment))
        let nowByColumns = try byColumns.record(.transaction(payment))
        #expect(nowByEvents.map(\.id) == nowByColumns.map(\.id))
    }

    @Test func rowsOutOfDayOrderAreOrderedAndAfterTheLogsOwnRows() throws {
        let calendar = BankCalendar.china
        let day = Day(year: 2026, month: 3, day: 10)!
        let records = [
            ClientRecord(
                profile: CustomerProfile(
                    id: "a",
                    kind: .individual,
                    name: "A",
                    coverage: Coverage(relationshipManager: nil, branch: "b1")
                )
            )
        ]
        let rules = try ExampleRules.compiled()
        var engine = try RuleEngine(rules: rules, clients: records, calendar: calendar, start: calendar.start(of: day))
        var columns = TransactionColumns(customers: ["a", "stranger"])
        for (client, offset, amount) in [(0, -1, 10), (1, -3, 20), (0, -5, 30), (0, 2, 40), (0, -1, 50)] {
            columns.customerIndex.append(Int32(client))
            columns.day.append(day.adding(days: offset).number)
            columns.amountMinorUnits.append(Int64(amount))
            columns.currency.append(CurrencyCode.cny.packed)
            columns.type.append(TransactionType.transferIn.rawValue)
            columns.direction.append(Direction.inflow.rawValue)
            columns.channel.append(Channel.mobile.rawValue)
            columns.merchantCategory.append(255)
            columns.isOverseas.append(false)
        }
        // Through `day`: the row after it and the stranger's row are left out.
        #expect(engine.cycleAbsorbHistory(columns, interactions: [], through: day) == 3)
        let log = engine.facts.activity[0].transactions
        #expect(log.map(\.day) == [-5, -1, -1].map { day.adding(days: $0).number })
        #expect(log.map(\.amount) == [30, 10, 50])
        #expect(engine.facts.activity[0].last[ClientActivity.slot(.transaction)] == day.adding(days: -1).number)
    }
}
