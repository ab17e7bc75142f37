import CustomerModel

// Taking in a book's history in bulk: each client's log filled from the columns in one pass, not
// event by event. The outcome is the one absorbing the same rows one by one in day order gives
// (``ClientFacts/addTransaction(_:row:)``, ``ClientFacts/addInteraction(_:row:)``): each log in
// day order (rows of one day in the order given, after the rows the log held), the last day of
// each kind of activity, and windows over the log (here recounted on first use).
extension ClientFacts {
    /// Takes in the rows of `columns` dated on or before `day` in one pass over the columns.
    ///
    /// Rows of clients not known here, and rows whose type, direction, channel or currency is
    /// not a known code, are left out (as ``RuleEngine/absorb(_:)`` cannot be given them).
    /// - Returns: the transactions taken in.
    mutating func absorbHistory(_ columns: TransactionColumns, through day: Day) -> Int {
        let target = columns.customers.map { Int32(rowOf[$0] ?? -1) }
        let valid = HistoryCodes()
        let limit = day.number
        let reporting = catalogue.reportingCurrency.packed
        let rows = columns.count
        var counts = [Int32](repeating: 0, count: records.count)
        var taken = [Int32](repeating: -1, count: rows)
        var total = 0
        for r in 0..<rows where columns.day[r] <= limit {
            let row = target[Int(columns.customerIndex[r])]
            guard row >= 0,
                valid.type[Int(columns.type[r])], valid.direction[Int(columns.direction[r])],
                valid.channel[Int(columns.channel[r])], CurrencyCode(packed: columns.currency[r]) != nil
            else { continue }
            taken[r] = row
            counts[Int(row)] += 1
            total += 1
        }
        guard total > 0 else { return 0 }
        for row in counts.indices where counts[row] > 0 {
            activity[row].transactions.reserveCapacity(activity[row].transactions.count + Int(counts[row]))
        }
        var before = activity.map(\.transactions.count)
        for r in 0..<rows where taken[r] >= 0 {
            let merchant = columns.merchantCategory[r]
            activity[Int(taken[r])].transactions.append(
                ClientActivity.TransactionRow(
                    day: columns.day[r],
                    amount: columns.amountMinorUnits[r],
                    type: Int64(columns.type[r]),
                    direction: Int64(columns.direction[r]),
                    channel: Int64(columns.channel[r]),
                    merchant: valid.merchant[Int(merchant)] ? Int64(merchant) : Semantics.missing,
                    overseas: columns.isOverseas[r] ? 1 : 0,
                    counts: columns.currency[r] == reporting
                )
            )
        }
        let slot = ClientActivity.slot(.transaction)
        for row in counts.indices where counts[row] > 0 {
            Self.orderByDay(&activity[row].transactions, from: before[row]) { $0.day }
            activity[row].last[slot] = max(activity[row].last[slot], activity[row].transactions.last?.day ?? .min)
            for a in transactionAggregates { windows[row * aggregates.count + a] = WindowState() }
        }
        before = []
        return total
    }

    /// Takes in `interactions` dated on or before `day` in one pass.
    ///
    /// Interactions of clients not known here are left out.
    /// - Returns: the interactions taken in.
    mutating func absorbHistory(_ interactions: [Interaction], through day: Day) -> Int {
        var touched = [Bool](repeating: false, count: records.count)
        let before = activity.map(\.interactions.count)
        let kinds = [ActivityKind.interaction, .contact, .complaint].map { ($0, ClientActivity.slot($0)) }
        var total = 0
        // Stores list a client's interactions together: the row of the last client is kept.
        var last: (client: CustomerID, row: Int?)?
        for interaction in interactions where interaction.day <= day {
            let found: Int?
            if let last, last.client == interaction.customer {
                found = last.row
            } else {
                found = rowOf[interaction.customer]
                last = (interaction.customer, found)
            }
            guard let row = found else { continue }
            activity[row].interactions.append(
                ClientActivity.InteractionRow(
                    day: interaction.day.number,
                    fields: RowFields(interaction),
                    isContact: interaction.kind == .contact
                )
            )
            for (kind, slot) in kinds where FactFrameBuilder.counts(interaction, for: kind) {
                activity[row].last[slot] = max(activity[row].last[slot], interaction.day.number)
            }
            touched[row] = true
            total += 1
        }
        let affected = aggregates.indices.filter {
            aggregates[$0].source != .transactions && aggregates[$0].source != .maturities
        }
        for row in touched.indices where touched[row] {
            Self.orderByDay(&activity[row].interactions, from: before[row]) { $0.day }
            for a in affected { windows[row * aggregates.count + a] = WindowState() }
        }
        return total
    }

    /// Puts `log`, whose rows before `start` are in day order, in day order: rows of one day keep
    /// the order they had (a stable sort, done only when the new rows are out of order).
    static func orderByDay<Row>(_ log: inout [Row], from start: Int, day: (Row) -> Int32) {
        var sorted = true
        var index = max(1, start)
        while sorted, index < log.count {
            sorted = day(log[index - 1]) <= day(log[index])
            index += 1
        }
        guard !sorted else { return }
        let order = log.indices.sorted { (day(log[$0]), $0) < (day(log[$1]), $1) }
        log = order.map { log[$0] }
    }
}

/// Which raw codes of the transaction columns are known cases.
private struct HistoryCodes {
    var type = [Bool](repeating: false, count: 256)
    var direction = [Bool](repeating: false, count: 256)
    var channel = [Bool](repeating: false, count: 256)
    var merchant = [Bool](repeating: false, count: 256)

    init() {
        for raw in 0...255 {
            let code = UInt8(raw)
            type[raw] = TransactionType(rawValue: code) != nil
            direction[raw] = Direction(rawValue: code) != nil
            channel[raw] = Channel(rawValue: code) != nil
            merchant[raw] = code != 255 && MerchantCategory(rawValue: code) != nil
        }
    }
}
