import CustomerModel

/// The engine's part that keeps each client's facts: the records, the activity the windows need,
/// the windows themselves, and the fact frame the rules read, brought up to a day on demand
/// (``refresh(_:day:)``) without rescanning history.
struct ClientFacts: Sendable {
    /// How a refresh computes one client fact.
    enum ClientFact: Sendable {
        /// A standard attribute computed from the record.
        case standard(String)
        /// A standard attribute computed from the holdings alone (`aum`, `liabilities` ...): it
        /// changes with the day only when a holding opens or matures.
        case holdings(String)
        /// A value a ``FactSource`` supplies, kept in the frame by ``RuleEngine/update(facts:at:)``.
        case host(String)
        /// A windowed attribute, and its host-supplied key.
        case windowed(String, DurationLiteral, String)
        /// Days until the next date of an anchor.
        case daysUntil(DateAnchor, household: Bool)
    }

    let calendar: BankCalendar
    let catalogue: FactCatalogue
    var records: [ClientRecord]
    var rowOf: [CustomerID: Int]
    var frame: FactFrame
    var activity: [ClientActivity]
    /// Aggregate `a` of client `c` at `c * aggregates.count + a`: one client's windows side by side,
    /// so an event touches one or two cache lines of them.
    var windows: [WindowState]
    let aggregates: [AggregateFact]
    let aggregateKeys: [FactKey]
    /// The day each row's client facts were last computed (`Int32.min`: stale).
    var rowDay: [Int32]
    /// Whether each row's facts that depend on the record alone (see ``clientFacts``)
    /// are current; a change to the record clears it.
    var rowRecordCurrent: [Bool]
    /// Per row, the days on which its facts from the holdings keep the values last computed
    /// (see ``holdingsStable(_:on:)``); empty until computed.
    var holdingsStable: [(from: Int32, until: Int32)]
    /// Where each client's dates fall (maturities, birthdays ...).
    var dates: DateIndex
    /// Whether a record's dates changed since ``dates`` was built.
    var datesAreStale = false
    /// Columns of attribute facts by name (trigger facts are written through it).
    let attributeColumns: [String: FactLayout.Column]
    /// The transaction trigger facts' columns, resolved once.
    let transactionColumns: TransactionFactColumns
    /// The client facts a refresh computes, classified once, and whether each depends on the day.
    let clientFacts: [(fact: ClientFact, column: FactLayout.Column, dependsOnDay: Bool)]
    /// Days-since facts: activity slot and column.
    let daysSinceColumns: [(slot: Int, column: FactLayout.Column)]
    /// Per aggregate, its type.
    let aggregateTypes: [FactType]
    /// The aggregates over transactions.
    let transactionAggregates: [Int]
    /// Per aggregate, its column.
    let aggregateColumns: [FactLayout.Column]

    /// The facts of `clients` for `rules`, nothing computed yet.
    /// - Throws: ``RuleEngineError`` for two records of one client.
    init(rules: RuleSet, clients: [ClientRecord], calendar: BankCalendar, origin: Day) throws(RuleEngineError) {
        self.calendar = calendar
        catalogue = rules.catalogue
        records = clients
        var rowOf: [CustomerID: Int] = [:]
        for (row, record) in clients.enumerated() {
            guard rowOf.updateValue(row, forKey: record.profile.id) == nil else {
                throw RuleEngineError(.duplicateClient, client: record.profile.id, "the client is listed twice")
            }
        }
        self.rowOf = rowOf
        var frame = rules.makeFrame(rows: clients.count)
        frame.prepare(for: rules.rules.flatMap(\.programs))
        for (row, record) in clients.enumerated() { frame.clients[row] = record.profile.id }
        self.frame = frame
        activity = [ClientActivity](repeating: ClientActivity(), count: clients.count)
        var aggregates: [AggregateFact] = []
        var aggregateKeys: [FactKey] = []
        for key in rules.layout.keys {
            if case .aggregate(let fact) = key {
                aggregates.append(fact)
                aggregateKeys.append(key)
            }
        }
        self.aggregates = aggregates
        self.aggregateKeys = aggregateKeys
        let columns = rules.layout.keys.compactMap { key in rules.layout.column(of: key).map { (key, $0) } }
        var attributeColumns: [String: FactLayout.Column] = [:]
        for (key, column) in columns { if case .attribute(let name) = key { attributeColumns[name] = column } }
        self.attributeColumns = attributeColumns
        transactionColumns = TransactionFactColumns(
            columns: attributeColumns,
            reportingCurrency: rules.catalogue.reportingCurrency
        )
        let probe = ClientRecord(
            profile: CustomerProfile(
                id: "",
                kind: .individual,
                name: "",
                coverage: Coverage(relationshipManager: nil, branch: "")
            )
        )
        var clientFacts: [(fact: ClientFact, column: FactLayout.Column, dependsOnDay: Bool)] = []
        var daysSinceColumns: [(slot: Int, column: FactLayout.Column)] = []
        for (key, column) in columns {
            switch key {
            case .attribute(let name):
                guard rules.catalogue[name]?.scope == nil else { continue }
                // A standard attribute has a value (perhaps missing) for every record; others are the host's.
                let standard =
                    StandardFacts.attribute(name, of: probe, on: origin, currency: rules.catalogue.reportingCurrency)
                    != nil
                // Host values and the profile's enumerations and texts (kind, risk appetite, name,
                // branch ...) depend on the record alone; amounts, ages, tags and counts of
                // holdings also on the day.
                let recordOnly: Bool
                switch column.type {
                case .enumeration, .text: recordOnly = true
                default: recordOnly = !standard
                }
                let fact: ClientFact =
                    !standard
                    ? .host(name) : StandardFacts.holdingsOnly.contains(name) ? .holdings(name) : .standard(name)
                clientFacts.append((fact, column, !recordOnly))
            case .windowed(let name, let window):
                clientFacts.append((.windowed(name, window, key.description), column, true))
            case .daysUntil(let anchor, let household):
                clientFacts.append((.daysUntil(anchor, household: household), column, true))
            case .daysSince(let kind):
                if column.type == .duration { daysSinceColumns.append((ClientActivity.slot(kind), column)) }
            case .aggregate:
                continue
            }
        }
        self.clientFacts = clientFacts
        self.daysSinceColumns = daysSinceColumns
        aggregateColumns = aggregateKeys.compactMap { rules.layout.column(of: $0) }
        aggregateTypes = aggregateKeys.map { rules.layout.type(of: $0) ?? .count }
        transactionAggregates = aggregates.indices.filter { aggregates[$0].source == .transactions }
        windows = [WindowState](repeating: WindowState(), count: aggregates.count * clients.count)
        rowDay = [Int32](repeating: Int32.min, count: clients.count)
        rowRecordCurrent = [Bool](repeating: false, count: clients.count)
        holdingsStable = [(from: Int32, until: Int32)](repeating: (Int32.max, Int32.min), count: clients.count)
        dates = DateIndex(records: clients)
    }

    /// The row of `client`.
    /// - Throws: ``RuleEngineError`` with code `unknownClient` for a client the engine does not know.
    func row(of client: CustomerID) throws(RuleEngineError) -> Int {
        guard let row = rowOf[client] else {
            throw RuleEngineError(.unknownClient, client: client, "no record for this client was given to the engine")
        }
        return row
    }

    /// Writes trigger facts (`maturity.amount`, `occasion.person` ...) for `row`; facts no rule reads are skipped.
    mutating func store(_ facts: [(String, FactValue)], row: Int) {
        for (name, value) in facts {
            if let column = attributeColumns[name] { _ = frame.store(value, in: column, row: row) }
        }
    }

    /// Rebuilds the date index when a record's dates changed.
    mutating func refreshDates() {
        guard datesAreStale else { return }
        dates = DateIndex(records: records)
        datesAreStale = false
    }

    /// Marks `row`'s facts stale after its record changed (and its dates, when `dates`).
    mutating func stale(_ row: Int, dates: Bool) {
        rowDay[row] = Int32.min
        rowRecordCurrent[row] = false
        if dates { datesAreStale = true }
    }

    /// Brings `row`'s client facts up to `day`: everything when the client's record changed;
    /// on a new day only the facts a day can change (facts from the holdings only when the day
    /// crosses a holding's opening or maturity); else only the activity facts (windows and days
    /// since).
    ///
    /// The record is read in place, never copied.
    mutating func refresh(_ row: Int, day: Day) {
        if rowDay[row] == day.number {
            refreshActivity(row, day: day)
            return
        }
        let currency = catalogue.reportingCurrency
        let all = !rowRecordCurrent[row]
        let holdingsCurrent = !all && holdingsStable[row].from <= day.number && day.number < holdingsStable[row].until
        for (fact, column, dependsOnDay) in clientFacts where all || dependsOnDay {
            let value: FactValue
            switch fact {
            case .standard(let name):
                value = StandardFacts.attribute(name, of: records[row], on: day, currency: currency) ?? .missing
            case .holdings(let name):
                if holdingsCurrent { continue }
                value = StandardFacts.attribute(name, of: records[row], on: day, currency: currency) ?? .missing
            case .host:
                continue  // kept in the frame by RuleEngine.update(facts:at:)
            case .windowed(let name, let window, _):
                let days = EvaluationDay(day, calendar: calendar).days(window)
                value =
                    StandardFacts.windowed(name, days: days, of: records[row], on: day, currency: currency) ?? .missing
            case .daysUntil(let anchor, let household):
                value = StandardFacts.daysUntil(anchor, household: household, of: records[row], on: day)
            }
            _ = frame.store(value, in: column, row: row)
        }
        if !holdingsCurrent { holdingsStable[row] = Self.holdingsStable(records[row].holdings, on: day) }
        refreshActivity(row, day: day)
        rowDay[row] = day.number
        rowRecordCurrent[row] = true
    }

    /// The days around `day` on which no holding opens or matures: the facts computed from the
    /// holdings (``ClientFact/holdings(_:)``) are the same on each of them.
    static func holdingsStable(_ holdings: [Holding], on day: Day) -> (from: Int32, until: Int32) {
        var from = Int32.min
        var until = Int32.max
        func boundary(_ b: Int32) {
            if b <= day.number { from = max(from, b) } else { until = min(until, b) }
        }
        for holding in holdings {
            boundary(holding.openedOn.number)
            if let maturity = holding.maturesOn { boundary(maturity.number) }
        }
        return (from, until)
    }

    /// Windows and days-since facts of `row` on `day`.
    mutating func refreshActivity(_ row: Int, day: Day) {
        let rows = frame.rowCount
        for (slot, column) in daysSinceColumns {
            let last = activity[row].last[slot]
            frame.ints[column.index * rows + row] =
                last == Int32.min ? Semantics.missing : Int64(day.number) - Int64(last)
        }
        guard !aggregates.isEmpty else { return }
        let evaluation = EvaluationDay(day, calendar: calendar)
        for a in aggregates.indices {
            _ = frame.store(windowValue(a, row: row, on: evaluation), in: aggregateColumns[a], row: row)
        }
    }
}
