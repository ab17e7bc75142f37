public import CustomerModel

/// Fills a ``FactFrame`` for a rule set from the bank's data as of a day: one row per client,
/// every client fact the rules read (profile, holdings, balances, the facts of the given
/// ``FactSource``s, windowed aggregates over transactions and interactions, days since and until).
///
/// This is the batch path's input for a schedule. Trigger facts (`transaction.*`, `maturity.*`
/// ...) stay missing; the engine fills them per event. Aggregates count transactions in the
/// catalogue's reporting currency only.
///
/// ```swift
/// let frame = try FactFrameBuilder(rules: rules).frame(
///     for: records, facts: [BookFactSource(scores), tiers], transactions: columns,
///     interactions: interactions, on: EvaluationDay(today))
/// let matches = try rules.evaluate(frame, on: EvaluationDay(today))
/// ```
public struct FactFrameBuilder: Sendable {
    /// The rule set whose layout the frames follow.
    public let rules: RuleSet

    /// Creates a builder for `rules`.
    public init(rules: RuleSet) { self.rules = rules }

    /// A frame with one row per record, in order, with the values of `facts` for the records'
    /// clients (a source's clients without a record are skipped; a fact no rule reads is not stored).
    /// - Throws: ``FactFrameError`` when a source's value does not fit its catalogue type, or
    ///   `rowOutOfRange` when the transaction columns have different lengths.
    public func frame(
        for records: [ClientRecord],
        facts: [any FactSource] = [],
        transactions: TransactionColumns = TransactionColumns(),
        interactions: [Interaction] = [],
        on evaluation: EvaluationDay
    ) throws(FactFrameError) -> FactFrame {
        let n = transactions.count
        guard transactions.day.count == n, transactions.amountMinorUnits.count == n, transactions.currency.count == n,
            transactions.type.count == n, transactions.direction.count == n, transactions.channel.count == n,
            transactions.merchantCategory.count == n, transactions.isOverseas.count == n
        else {
            throw FactFrameError(
                .rowOutOfRange,
                fact: "transactions",
                row: nil,
                "every transaction column must have one value per row"
            )
        }
        var frame = rules.makeFrame(rows: records.count)
        var rowOf: [CustomerID: Int] = [:]
        for (row, record) in records.enumerated() {
            frame.clients[row] = record.profile.id
            rowOf[record.profile.id] = row
        }
        let currency = rules.catalogue.reportingCurrency
        let day = evaluation.day
        for key in rules.layout.keys {
            switch key {
            case .attribute(let name):
                guard rules.catalogue[name]?.scope == nil else { continue }
                for (row, record) in records.enumerated() {
                    let value = StandardFacts.attribute(name, of: record, on: day, currency: currency) ?? .missing
                    try frame.set(key, row: row, to: value)
                }
            case .windowed(let name, let window):
                let days = evaluation.days(window)
                for (row, record) in records.enumerated() {
                    let value =
                        StandardFacts.windowed(name, days: days, of: record, on: day, currency: currency) ?? .missing
                    try frame.set(key, row: row, to: value)
                }
            case .daysUntil(let anchor, let household):
                for (row, record) in records.enumerated() {
                    try frame.set(
                        key,
                        row: row,
                        to: StandardFacts.daysUntil(anchor, household: household, of: record, on: day)
                    )
                }
            case .daysSince(let activity):
                var last = [Int32](repeating: Int32.min, count: records.count)
                if activity == .transaction {
                    for i in 0..<transactions.count where transactions.day[i] <= day.number {
                        let client = Int(transactions.customerIndex[i])
                        guard client < transactions.customers.count, let row = rowOf[transactions.customers[client]]
                        else { continue }
                        last[row] = max(last[row], transactions.day[i])
                    }
                } else {
                    for interaction in interactions
                    where interaction.day <= day && Self.counts(interaction, for: activity) {
                        guard let row = rowOf[interaction.customer] else { continue }
                        last[row] = max(last[row], interaction.day.number)
                    }
                }
                for row in 0..<records.count where last[row] != Int32.min {
                    try frame.set(key, row: row, to: .duration(days: Int64(day.number) - Int64(last[row])))
                }
            case .aggregate(let aggregate):
                let accumulators = accumulate(
                    aggregate,
                    records: records,
                    rowOf: rowOf,
                    transactions: transactions,
                    interactions: interactions,
                    on: evaluation
                )
                let type = rules.layout.type(of: key) ?? .count
                for row in 0..<records.count {
                    try frame.set(key, row: row, to: accumulators[row].value(aggregate.function, type: type))
                }
            }
        }
        for source in facts { try fill(&frame, from: source, rowOf: rowOf) }
        return frame
    }

    /// Stores `source`'s values of the facts the layout reads, row by row.
    private func fill(
        _ frame: inout FactFrame,
        from source: any FactSource,
        rowOf: [CustomerID: Int]
    ) throws(FactFrameError) {
        let declared = source.facts
        let keys: [(position: Int, key: FactKey)] = declared.indices.compactMap { i in
            let key = FactKey.attribute(declared[i].name)
            return rules.layout.column(of: key) == nil ? nil : (i, key)
        }
        guard !keys.isEmpty else { return }
        var values = FactValues(count: declared.count)
        for (index, client) in source.clients.enumerated() {
            guard let row = rowOf[client] else { continue }
            values.clear()
            source.values(ofClientAt: index, into: &values)
            for (position, key) in keys { try frame.set(key, row: row, to: values[position]) }
        }
    }

    static func counts(_ interaction: Interaction, for activity: ActivityKind) -> Bool {
        switch activity {
        case .transaction: false
        case .interaction: true
        case .contact: interaction.kind == .contact
        case .complaint: interaction.kind == .complaint
        }
    }

    private func accumulate(
        _ aggregate: AggregateFact,
        records: [ClientRecord],
        rowOf: [CustomerID: Int],
        transactions: TransactionColumns,
        interactions: [Interaction],
        on evaluation: EvaluationDay
    ) -> [Accumulator] {
        var result = [Accumulator](repeating: Accumulator(), count: records.count)
        let day = evaluation.day
        let first = day.number - Int32(clamping: evaluation.days(aggregate.window)) + 1
        let currency = rules.catalogue.reportingCurrency.packed
        switch aggregate.source {
        case .transactions:
            for i in 0..<transactions.count {
                let d = transactions.day[i]
                guard d >= first, d <= day.number, transactions.currency[i] == currency else { continue }
                let client = Int(transactions.customerIndex[i])
                guard client < transactions.customers.count, let row = rowOf[transactions.customers[client]] else {
                    continue
                }
                let amount = transactions.amountMinorUnits[i]
                let matches =
                    aggregate.filter?.matches { field in
                        switch field {
                        case .amount: amount
                        case .type:
                            Self.ordinal(
                                transactions.type[i],
                                EnumerationType.transactionType,
                                TransactionType.allCases.map(\.name)
                            )
                        case .direction:
                            Self.ordinal(
                                transactions.direction[i],
                                EnumerationType.direction,
                                Direction.allCases.map(\.name)
                            )
                        case .channel:
                            Self.ordinal(transactions.channel[i], EnumerationType.channel, Channel.allCases.map(\.name))
                        case .merchant:
                            Self.ordinal(
                                transactions.merchantCategory[i],
                                EnumerationType.merchantCategory,
                                MerchantCategory.allCases.map(\.name)
                            )
                        case .overseas: transactions.isOverseas[i] ? 1 : 0
                        default: Semantics.missing
                        }
                    } ?? true
                if matches { result[row].add(amount) }
            }
        case .interactions, .complaints, .contacts, .satisfaction:
            for interaction in interactions {
                guard interaction.day.number >= first, interaction.day <= day, let row = rowOf[interaction.customer]
                else { continue }
                let fields = RowFields(interaction)
                switch aggregate.source {
                case .complaints where fields.severity == nil, .satisfaction where fields.score == nil: continue
                case .contacts where interaction.kind != .contact: continue
                default: break
                }
                let matches = aggregate.filter?.matches { fields.value($0) } ?? true
                guard matches else { continue }
                switch aggregate.source {
                case .complaints: result[row].add(fields.severity ?? 0)
                case .satisfaction: result[row].add(fields.score ?? 0)
                default: result[row].add(0)
                }
            }
        case .maturities:
            let last = Semantics.shift(
                Int64(day.number),
                by: aggregate.window,
                backwards: false,
                on: evaluation.calendar
            )
            for (row, record) in records.enumerated() {
                for holding in record.holdings
                where holding.product.isAsset && holding.balance.currency.packed == currency {
                    guard let maturity = holding.maturesOn, maturity >= day, Int64(maturity.number) <= last else {
                        continue
                    }
                    let matches =
                        aggregate.filter?.matches { field in
                            switch field {
                            case .amount: holding.balance.minorUnits
                            case .product:
                                Int64(
                                    EnumerationType.productType.ordinal(
                                        of: EnumerationType.snake(holding.product.rawValue)
                                    ) ?? -1
                                )
                            default: Semantics.missing
                            }
                        } ?? true
                    if matches { result[row].add(holding.balance.minorUnits) }
                }
            }
        }
        return result
    }

    /// The position in `type` of the case with raw value `raw` (names listed in case order).
    static func ordinal(_ raw: UInt8, _ type: EnumerationType, _ names: [String]) -> Int64 {
        guard Int(raw) < names.count, let ordinal = type.ordinal(of: EnumerationType.snake(names[Int(raw)])) else {
            return Semantics.missing
        }
        return Int64(ordinal)
    }
}

/// The `where` fields of an interaction row.
struct RowFields {
    var kind: Int64
    var channel: Int64
    var severity: Int64?
    var score: Int64?

    /// The ordinal of each interaction kind in `EnumerationType.interactionKind` (-1 when absent).
    private static let kindOrdinals: [InteractionKind: Int64] = Dictionary(
        uniqueKeysWithValues: InteractionKind.allCases.map { kind in
            (kind, Int64(EnumerationType.interactionKind.ordinal(of: EnumerationType.snake(kind.rawValue)) ?? -1))
        }
    )
    /// The ordinal of each interaction channel in `EnumerationType.interactionChannel` (-1 when absent).
    private static let channelOrdinals: [InteractionChannel: Int64] = Dictionary(
        uniqueKeysWithValues: InteractionChannel.allCases.map { channel in
            (
                channel,
                Int64(EnumerationType.interactionChannel.ordinal(of: EnumerationType.snake(channel.rawValue)) ?? -1)
            )
        }
    )

    init(_ interaction: Interaction) {
        kind = Self.kindOrdinals[interaction.kind] ?? -1
        channel = Self.channelOrdinals[interaction.channel] ?? -1
        switch interaction.detail {
        case .complaint(_, let s, _): severity = Int64(s)
        case .satisfaction(let s): score = Int64(s)
        default: break
        }
    }

    func value(_ field: RowField) -> Int64 {
        switch field {
        case .kind: kind
        case .channel: channel
        case .severity: severity ?? Semantics.missing
        case .score: score ?? Semantics.missing
        default: Semantics.missing
        }
    }
}

/// Running count, sum, minimum and maximum of a measure.
struct Accumulator: Sendable {
    var count: Int64 = 0
    var sum: Int64 = 0
    var minimum = Int64.max
    var maximum = Int64.min
    var overflow = false

    mutating func add(_ value: Int64) {
        count += 1
        let (s, o) = sum.addingReportingOverflow(value)
        sum = s
        overflow = overflow || o
        minimum = Swift.min(minimum, value)
        maximum = Swift.max(maximum, value)
    }

    /// The aggregate's value: count and sum are 0 over no rows, min, max and avg are missing.
    func value(_ function: AggregateFunction, type: FactType) -> FactValue {
        func typed(_ v: Int64) -> FactValue {
            switch type {
            case .money(let c): .money(Money(minorUnits: v, currency: c))
            default: .count(v)
            }
        }
        switch function {
        case .count: return .count(count)
        case .sum: return overflow ? .missing : typed(sum)
        case .min: return count == 0 ? .missing : typed(minimum)
        case .max: return count == 0 ? .missing : typed(maximum)
        case .avg:
            guard count > 0, !overflow else { return .missing }
            if case .money(let c) = type {
                return .money(Money(minorUnits: Int64((Double(sum) / Double(count)).rounded()), currency: c))
            }
            return .number(Double(sum) / Double(count))
        }
    }
}
