import CustomerModel

extension ClientFacts {
    // MARK: Activity

    mutating func addTransaction(_ t: Transaction, row: Int) {
        let item = ClientActivity.row(t, currency: catalogue.reportingCurrency)
        let index = Self.insert(item, into: &activity[row].transactions) { $0.day }
        let slot = ClientActivity.slot(.transaction)
        activity[row].last[slot] = max(activity[row].last[slot], t.day.number)
        for a in transactionAggregates {
            let w = row * aggregates.count + a
            if Int32(index) < windows[w].head { windows[w].head += 1 }
            guard windows[w].start != Int32.max, item.day >= windows[w].start, item.counts,
                aggregates[a].filter?.matches(item.value) ?? true
            else { continue }
            windows[w].add(item.amount)
        }
    }

    mutating func addInteraction(_ i: Interaction, row: Int) {
        let item = ClientActivity.InteractionRow(day: i.day.number, fields: RowFields(i), isContact: i.kind == .contact)
        let index = Self.insert(item, into: &activity[row].interactions) { $0.day }
        for kind in [ActivityKind.interaction, .contact, .complaint] where FactFrameBuilder.counts(i, for: kind) {
            let slot = ClientActivity.slot(kind)
            activity[row].last[slot] = max(activity[row].last[slot], i.day.number)
        }
        for (a, aggregate) in aggregates.enumerated()
        where aggregate.source != .transactions && aggregate.source != .maturities {
            let w = row * aggregates.count + a
            if Int32(index) < windows[w].head { windows[w].head += 1 }
            guard windows[w].start != Int32.max, item.day >= windows[w].start,
                let measure = Self.measure(item, for: aggregate)
            else { continue }
            windows[w].add(measure)
        }
    }

    /// The measure an interaction row adds to `aggregate`, or `nil` when it does not count.
    static func measure(_ item: ClientActivity.InteractionRow, for aggregate: AggregateFact) -> Int64? {
        switch aggregate.source {
        case .complaints: guard item.fields.severity != nil else { return nil }
        case .satisfaction: guard item.fields.score != nil else { return nil }
        case .contacts: guard item.isContact else { return nil }
        default: break
        }
        guard aggregate.filter?.matches(item.fields.value) ?? true else { return nil }
        switch aggregate.source {
        case .complaints: return item.fields.severity
        case .satisfaction: return item.fields.score
        default: return 0
        }
    }

    /// Inserts `item` keeping the log in day order (usually an append) and returns its index.
    static func insert<Row>(_ item: Row, into log: inout [Row], day: (Row) -> Int32) -> Int {
        var index = log.count
        while index > 0, day(log[index - 1]) > day(item) { index -= 1 }
        log.insert(item, at: index)
        return index
    }

    // MARK: Windows

    /// The value of aggregate `a` for `row` on `evaluation`'s day, moving its window forward incrementally:
    /// rows that left the window are subtracted, so no history is rescanned per event.
    mutating func windowValue(_ a: Int, row: Int, on evaluation: EvaluationDay) -> FactValue {
        let aggregate = aggregates[a]
        let type = aggregateTypes[a]
        let day = evaluation.day
        if aggregate.source == .maturities {
            return maturities(aggregate, row: row, on: evaluation).value(aggregate.function, type: type)
        }
        let start = day.number - Int32(clamping: evaluation.days(aggregate.window)) + 1
        let w = row * aggregates.count + a
        if start < windows[w].start {
            // First use, or a calendar window that grew (months of different lengths): recount.
            windows[w] = WindowState()
            windows[w].start = start
            if aggregate.source == .transactions {
                let log = activity[row].transactions
                windows[w].head = Int32(log.firstIndex { $0.day >= start } ?? log.count)
                for item in log[Int(windows[w].head)...]
                where item.day <= day.number && item.counts
                    && (aggregate.filter?.matches(item.value) ?? true)
                {
                    windows[w].add(item.amount)
                }
            } else {
                let log = activity[row].interactions
                windows[w].head = Int32(log.firstIndex { $0.day >= start } ?? log.count)
                for item in log[Int(windows[w].head)...] where item.day <= day.number {
                    if let measure = Self.measure(item, for: aggregate) { windows[w].add(measure) }
                }
            }
        } else if aggregate.source == .transactions {
            let log = activity[row].transactions
            while Int(windows[w].head) < log.count, log[Int(windows[w].head)].day < start {
                let item = log[Int(windows[w].head)]
                if item.counts, aggregate.filter?.matches(item.value) ?? true { windows[w].remove(item.amount) }
                windows[w].head += 1
            }
            windows[w].start = start
        } else {
            let log = activity[row].interactions
            while Int(windows[w].head) < log.count, log[Int(windows[w].head)].day < start {
                if let measure = Self.measure(log[Int(windows[w].head)], for: aggregate) { windows[w].remove(measure) }
                windows[w].head += 1
            }
            windows[w].start = start
        }
        var accumulator = Accumulator()
        accumulator.count = windows[w].count
        accumulator.sum = windows[w].sum
        accumulator.overflow = windows[w].overflow
        if aggregate.function == .min || aggregate.function == .max, accumulator.count > 0 {
            // Extremes cannot be un-added; read them from the rows still in the window.
            if aggregate.source == .transactions {
                for item in activity[row].transactions[Int(windows[w].head)...]
                where item.day <= day.number && item.counts
                    && (aggregate.filter?.matches(item.value) ?? true)
                {
                    accumulator.minimum = min(accumulator.minimum, item.amount)
                    accumulator.maximum = max(accumulator.maximum, item.amount)
                }
            } else {
                for item in activity[row].interactions[Int(windows[w].head)...] where item.day <= day.number {
                    guard let measure = Self.measure(item, for: aggregate) else { continue }
                    accumulator.minimum = min(accumulator.minimum, measure)
                    accumulator.maximum = max(accumulator.maximum, measure)
                }
            }
        }
        return accumulator.value(aggregate.function, type: type)
    }

    /// Holdings maturing from `evaluation.day` through the window ahead.
    func maturities(_ aggregate: AggregateFact, row: Int, on evaluation: EvaluationDay) -> Accumulator {
        var accumulator = Accumulator()
        let day = evaluation.day
        let last = Semantics.shift(Int64(day.number), by: aggregate.window, backwards: false, on: evaluation.calendar)
        for holding in records[row].holdings
        where holding.product.isAsset && holding.balance.currency == catalogue.reportingCurrency
            && holding.openedOn <= day
        {
            guard let maturity = holding.maturesOn, maturity >= day, Int64(maturity.number) <= last else { continue }
            let product = Int64(ProductType.allCases.firstIndex(of: holding.product) ?? -1)
            let matches =
                aggregate.filter?.matches { field in
                    switch field {
                    case .amount: holding.balance.minorUnits
                    case .product: product
                    default: Semantics.missing
                    }
                } ?? true
            if matches { accumulator.add(holding.balance.minorUnits) }
        }
        return accumulator
    }
}

extension WindowState {
    mutating func add(_ value: Int64) {
        count += 1
        let (s, o) = sum.addingReportingOverflow(value)
        sum = s
        overflow = overflow || o
    }

    mutating func remove(_ value: Int64) {
        count -= 1
        let (s, o) = sum.subtractingReportingOverflow(value)
        sum = s
        overflow = overflow || o
    }
}
