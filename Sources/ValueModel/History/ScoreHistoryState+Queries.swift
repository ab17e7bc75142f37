import CustomerModel

extension ScoreHistoryState {
    /// The client's records in `days` (of `model` only when given), by day then model version.
    func series(of customer: CustomerID, in days: ClosedRange<Day>, model: ScoreModelVersion?) -> [ScoreRecord] {
        guard let client = clientIndex[customer].map(Int.init) else { return [] }
        var wanted: Int32?
        if let model {
            guard let index = modelIndex[model] else { return [] }
            wanted = index
        }
        let list = rows[client]
        var at = position(client: client, day: days.lowerBound.number, model: .min)
        var found: [ScoreRecord] = []
        while at < list.count, list[at].day <= days.upperBound.number {
            if wanted == nil || list[at].model == wanted { found.append(record(client: client, row: list[at])) }
            at += 1
        }
        // Rows of one day are in model-index order; the contract orders them by model version.
        if wanted == nil { found.sort { ($0.day, $0.model) < ($1.day, $1.model) } }
        return found
    }

    /// Each client's record for `model` as of `day`, in input order, skipping clients with none.
    func scores(of customers: [CustomerID], asOf day: Day, model: ScoreModelVersion) -> [ScoreRecord] {
        guard let wanted = modelIndex[model] else { return [] }
        var found: [ScoreRecord] = []
        found.reserveCapacity(customers.count)
        for customer in customers {
            guard let client = clientIndex[customer].map(Int.init),
                let at = rowAsOf(client: client, day: day.number, model: wanted)
            else { continue }
            found.append(record(client: client, row: rows[client][at]))
        }
        return found
    }

    /// The trends of `clients` (dense indices) over `window`, in the given order; sorts the
    /// books it reads.
    mutating func trends(of clients: [Int], model: ScoreModelVersion, over window: ClosedRange<Day>) -> [ScoreTrend] {
        guard let wanted = modelIndex[model] else { return [] }
        let first = window.lowerBound.number
        let last = window.upperBound.number
        var found: [ScoreTrend] = []
        found.reserveCapacity(clients.count)
        for client in clients {
            guard let endRow = rowAsOf(client: client, day: last, model: wanted),
                let startRow = rowAsOf(client: client, day: first, model: wanted)
                    ?? firstRow(client: client, from: first, through: last, model: wanted)
            else { continue }
            let start = point(rows[client][startRow], model: wanted)
            let end = point(rows[client][endRow], model: wanted)
            found.append(
                ScoreTrend(customer: clientIDs[client], model: model, window: window, start: start, end: end)
            )
        }
        return found
    }

    /// A row as a trend point, with its decile in the (model, day) book.
    private mutating func point(_ row: Row, model: Int32) -> ScoreTrend.Point {
        let key = BookKey(model: model, day: row.day)
        var decile = 0
        var count = 0
        if let book = books[key], book.isSorted, book.hasThresholds {
            decile = book.decile(of: row.total)
            count = book.totals.count
        } else {
            books[key, default: Book()].prepare()
            let book = books[key] ?? Book()
            decile = book.decile(of: row.total)
            count = book.totals.count
        }
        return ScoreTrend.Point(
            day: Day(number: row.day),
            total: row.total,
            aum: Money(minorUnits: row.aum, currency: row.currency),
            decile: decile,
            clientsScored: count
        )
    }
}
