extension ActivityState {
    /// Every row in `days` (all when `nil`) of the clients `allowed` marks by number (every
    /// client when `nil`), as columns.
    ///
    /// A first pass counts the rows kept: when that is every row of every client, each column is
    /// one bulk copy; otherwise the kept rows are listed once and every column is written into
    /// storage of exactly its final size (no growth on the way). A scoped export lists only the
    /// clients in scope, renumbered densely.
    func export(_ days: ClosedRange<Day>?, allowed: [Bool]?) -> TransactionColumns {
        let t = transactions
        let rows = t.count
        let low = days?.lowerBound.number ?? .min
        let high = days?.upperBound.number ?? .max
        var columns = TransactionColumns(customers: clients.values)
        var renumber: [Int32]?
        if let allowed {
            var kept: [CustomerID] = []
            renumber = clients.values.indices.map { index in
                guard index < allowed.count, allowed[index] else { return -1 }
                kept.append(clients.values[index])
                return Int32(kept.count - 1)
            }
            columns.customers = kept
        }
        let dayColumn = t.day.buffer
        let customerColumn = t.customer.buffer
        var keptRows = 0
        if let renumber {
            for row in 0..<rows where dayColumn[row] >= low && dayColumn[row] <= high {
                if renumber[Int(customerColumn[row])] >= 0 { keptRows += 1 }
            }
        } else {
            for row in 0..<rows where dayColumn[row] >= low && dayColumn[row] <= high { keptRows += 1 }
        }
        if keptRows == rows, renumber == nil {
            copyAll(into: &columns)
            return columns
        }
        var selected: [Int32] = []
        selected.reserveCapacity(keptRows)
        for row in 0..<rows where dayColumn[row] >= low && dayColumn[row] <= high {
            if let renumber, renumber[Int(customerColumn[row])] < 0 { continue }
            selected.append(Int32(row))
        }
        columns.customerIndex = Self.gather(selected) { row in
            renumber.map { $0[Int(customerColumn[row])] } ?? customerColumn[row]
        }
        columns.day = Self.gather(selected) { dayColumn[$0] }
        let amount = t.amount.buffer
        columns.amountMinorUnits = Self.gather(selected) { amount[$0] }
        let currency = t.currency.buffer
        let codes = currencies
        columns.currency = Self.gather(selected) { codes[Int(currency[$0])] }
        let type = t.type.buffer
        columns.type = Self.gather(selected) { type[$0] }
        let flags = t.flags.buffer
        columns.direction = Self.gather(selected) { flags[$0] & 1 }
        let channel = t.channel.buffer
        columns.channel = Self.gather(selected) { channel[$0] }
        let category = t.category.buffer
        columns.merchantCategory = Self.gather(selected) { category[$0] }
        columns.isOverseas = Self.gather(selected) { flags[$0] & 2 == 2 }
        return columns
    }

    /// Every row of every client: one bulk copy per column.
    private func copyAll(into columns: inout TransactionColumns) {
        let t = transactions
        let rows = t.count
        columns.customerIndex = t.customer.array
        columns.day = t.day.array
        columns.amountMinorUnits = t.amount.array
        let codes = currencies
        columns.currency = t.currency.buffer.map { codes[Int($0)] }
        columns.type = t.type.array
        columns.channel = t.channel.array
        columns.merchantCategory = t.category.array
        let flags = t.flags.buffer
        columns.direction = [UInt8](unsafeUninitializedCapacity: rows) { out, initialized in
            for row in 0..<rows { out[row] = flags[row] & 1 }
            initialized = rows
        }
        columns.isOverseas = [Bool](unsafeUninitializedCapacity: rows) { out, initialized in
            for row in 0..<rows { out[row] = flags[row] & 2 == 2 }
            initialized = rows
        }
    }

    /// One column's values at the `selected` rows, written into an array of exactly that size.
    @inline(__always)
    private static func gather<Element>(_ selected: [Int32], _ value: (Int) -> Element) -> [Element] {
        [Element](unsafeUninitializedCapacity: selected.count) { out, initialized in
            for (slot, row) in selected.enumerated() { out.initializeElement(at: slot, to: value(Int(row))) }
            initialized = selected.count
        }
    }
}
