import CustomerModel

/// The in-memory score history: per-client rows sorted by (day, model), compact and flat.
///
/// A row is 40 bytes; its dimension scores sit in one shared pool (``dimensions``) at
/// `dimensionStart ..< dimensionStart + dimensionCount`. Clients and model versions are interned
/// to dense `Int32` indices. For deciles, each (model, day) keeps the totals of every client
/// scored that day in a ``Book``, sorted on the first decile query after a change.
struct ScoreHistoryState {
    /// One stored record.
    struct Row {
        var day: Int32
        var model: Int32
        var total: Double
        var aum: Int64
        var currency: CurrencyCode
        var dimensionStart: UInt32
        var dimensionCount: UInt8
        /// `-1` when absent, else ``ScoreRecord/ChurnLevel`` raw value.
        var churn: Int8
        /// `0` when absent, else `0x8000 | r << 8 | f << 4 | m`.
        var rfm: UInt16

        /// Whether the row sorts before the key (day, model).
        @inline(__always)
        func precedes(day: Int32, model: Int32) -> Bool {
            self.day < day || (self.day == day && self.model < model)
        }
    }

    /// The totals of every client a model version scored on one day.
    struct Book {
        var totals: [Double] = []
        var isSorted = true
        /// `thresholds[k]`: the lowest total of the book in decile `k + 2` or above (at most nine),
        /// valid while ``isSorted`` and ``hasThresholds``.
        var thresholds: [Double] = []
        var hasThresholds = false

        /// Sorts the totals and derives the decile thresholds, once after each change.
        mutating func prepare() {
            if !isSorted {
                totals.sort()
                isSorted = true
                hasThresholds = false
            }
            guard !hasThresholds else { return }
            thresholds.removeAll(keepingCapacity: true)
            let n = totals.count
            var decile = 1
            var start = 0
            // Deciles grow with the total (see ``ScoreTrend/Point/decile``), so one walk over the
            // groups of equal totals finds where each decile starts.
            while start < n {
                var end = start + 1
                while end < n, totals[end] == totals[start] { end += 1 }
                let groupDecile = Self.decile(below: start, equal: end - start, count: n)
                while decile < groupDecile {
                    thresholds.append(totals[start])
                    decile += 1
                }
                start = end
            }
            hasThresholds = true
        }

        /// The decile of a total held by the book; the book must be prepared.
        func decile(of total: Double) -> Int {
            guard !totals.isEmpty else { return 0 }
            var decile = 1
            for threshold in thresholds where threshold <= total { decile += 1 }
            return decile
        }

        /// `min(10, ⌊10 · (below + equal/2) / n⌋ + 1)`, in integers.
        static func decile(below: Int, equal: Int, count n: Int) -> Int {
            min(10, (10 * (2 * below + max(1, equal))) / (2 * max(1, n)) + 1)
        }

        /// The first index whose element satisfies `isAtOrAfter` (a monotone predicate), or `count`.
        static func firstIndex(in sorted: [Double], where isAtOrAfter: (Double) -> Bool) -> Int {
            var low = 0
            var high = sorted.count
            while low < high {
                let mid = (low + high) / 2
                if isAtOrAfter(sorted[mid]) { high = mid } else { low = mid + 1 }
            }
            return low
        }
    }

    /// A (model, day) pair, the key of a ``Book``.
    struct BookKey: Hashable {
        var model: Int32
        var day: Int32
    }

    var clientIndex: [CustomerID: Int32] = [:]
    var clientIDs: [CustomerID] = []
    var rows: [[Row]] = []
    var modelIndex: [ScoreModelVersion: Int32] = [:]
    var models: [ScoreModelVersion] = []
    var dimensions: [Double] = []
    var books: [BookKey: Book] = [:]
    /// Dense client indices sorted by client id; rebuilt on the first book-wide query after new clients arrive.
    var sortedClients: [Int] = []
    /// The most dimension scores the pool holds: row offsets are 32-bit (40-byte rows); a batch
    /// that would pass it is refused as `unavailable` rather than stored wrongly.
    static let dimensionCapacity = Int(UInt32.max)

    /// The dense client indices in client-id order.
    mutating func clientsByID() -> [Int] {
        if sortedClients.count != clientIDs.count {
            sortedClients = clientIDs.indices.sorted { clientIDs[$0] < clientIDs[$1] }
        }
        return sortedClients
    }

    // MARK: Lookup

    /// The position of the first row of `client` not before (day, model).
    func position(client: Int, day: Int32, model: Int32) -> Int {
        let list = rows[client]
        var low = 0
        var high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid].precedes(day: day, model: model) { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The index of the row of `client` with key (day, model), if stored.
    func row(client: Int, day: Int32, model: Int32) -> Int? {
        let at = position(client: client, day: day, model: model)
        let list = rows[client]
        return at < list.count && list[at].day == day && list[at].model == model ? at : nil
    }

    /// The index of the latest row of `client` for `model` on or before `day`.
    func rowAsOf(client: Int, day: Int32, model: Int32) -> Int? {
        let list = rows[client]
        // First row after (day, +∞): every row of a later day.
        var at = position(client: client, day: day, model: .max)
        if at < list.count, list[at].day == day, list[at].model == model { return at }
        while at > 0 {
            at -= 1
            if list[at].model == model { return at }
        }
        return nil
    }

    /// The index of the first row of `client` for `model` on or after `day` and on or before `last`.
    func firstRow(client: Int, from day: Int32, through last: Int32, model: Int32) -> Int? {
        let list = rows[client]
        var at = position(client: client, day: day, model: .min)
        while at < list.count, list[at].day <= last {
            if list[at].model == model { return at }
            at += 1
        }
        return nil
    }

    // MARK: Rows and records

    func record(client: Int, row: Row) -> ScoreRecord {
        let start = Int(row.dimensionStart)
        let scores = Array(dimensions[start..<(start + Int(row.dimensionCount))])
        return ScoreRecord(
            customer: clientIDs[client],
            day: Day(number: row.day),
            model: models[Int(row.model)],
            total: row.total,
            dimensions: scores,
            aum: Money(minorUnits: row.aum, currency: row.currency),
            rfm: Self.rfm(row.rfm),
            churn: row.churn < 0 ? nil : ScoreRecord.ChurnLevel(rawValue: Int(row.churn))
        )
    }

    /// Whether the stored row holds exactly the record's content (its key already matches).
    func row(_ row: Row, holds record: ScoreRecord) -> Bool {
        guard row.total == record.total, row.aum == record.aum.minorUnits, row.currency == record.aum.currency,
            row.rfm == Self.pack(record.rfm), row.churn == Self.pack(record.churn),
            Int(row.dimensionCount) == record.dimensions.count
        else { return false }
        let start = Int(row.dimensionStart)
        for (offset, score) in record.dimensions.enumerated() where dimensions[start + offset] != score {
            return false
        }
        return true
    }

    /// A row for `record`, its dimensions appended to the pool.
    mutating func makeRow(_ record: ScoreRecord, model: Int32) -> Row {
        let start = UInt32(truncatingIfNeeded: dimensions.count)
        dimensions.append(contentsOf: record.dimensions)
        return Row(
            day: record.day.number,
            model: model,
            total: record.total,
            aum: record.aum.minorUnits,
            currency: record.aum.currency,
            dimensionStart: start,
            dimensionCount: UInt8(truncatingIfNeeded: record.dimensions.count),
            churn: Self.pack(record.churn),
            rfm: Self.pack(record.rfm)
        )
    }

    static func pack(_ cell: ScoreRecord.RFMCell?) -> UInt16 {
        guard let cell else { return 0 }
        return 0x8000 | UInt16(truncatingIfNeeded: cell.recency) << 8 | UInt16(truncatingIfNeeded: cell.frequency) << 4
            | UInt16(truncatingIfNeeded: cell.monetary)
    }

    static func rfm(_ packed: UInt16) -> ScoreRecord.RFMCell? {
        guard packed & 0x8000 != 0 else { return nil }
        return ScoreRecord.RFMCell(
            recency: Int(packed >> 8 & 0xF),
            frequency: Int(packed >> 4 & 0xF),
            monetary: Int(packed & 0xF)
        )
    }

    static func pack(_ level: ScoreRecord.ChurnLevel?) -> Int8 { level.map { Int8($0.rawValue) } ?? -1 }
}
