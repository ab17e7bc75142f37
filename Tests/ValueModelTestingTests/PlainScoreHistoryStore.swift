import CustomerModel
import Synchronization
import ValueModel

/// A deliberately plain ``ScoreHistoryStore``: each client's records in one dictionary keyed by
/// (day, model version), behind one `Mutex`; no rows, pools or kept books, and no policy, audit
/// or clock code.
///
/// Deciles are worked out per call from the totals of every record of the day; slow for a bank,
/// plain enough to show that the score-history kit tests the port's promises, not the in-memory
/// store's internals.
final class PlainScoreHistoryStore: ScoreHistoryStore {
    /// A record's key within its client.
    private struct Key: Hashable {
        var day: Day
        var model: ScoreModelVersion
    }

    private let records = Mutex<[CustomerID: [Key: ScoreRecord]]>([:])

    func record(
        _ scores: [ScoreRecord],
        replacing: Bool,
        in scope: ClientScope
    ) async throws(StoreError) -> ScoreRecordingReport {
        for score in scores {
            do throws(ValueError) { try score.validate() } catch {
                throw StoreError(
                    .invalid,
                    customer: score.customer,
                    record: "\(score.day) \(score.model)",
                    field: error.field,
                    error.message
                )
            }
        }
        return try records.withLock { stored throws(StoreError) -> ScoreRecordingReport in
            // Plan on a copy, then keep it: nothing is stored when a record conflicts.
            var next = stored
            var inBatch: [CustomerID: [Key: ScoreRecord]] = [:]
            var report = ScoreRecordingReport(recorded: 0, unchanged: 0, replaced: 0)
            for score in scores {
                let key = Key(day: score.day, model: score.model)
                if let earlier = inBatch[score.customer]?[key] {
                    guard earlier == score else {
                        throw StoreError(
                            .conflict,
                            customer: score.customer,
                            record: "\(key)",
                            "two scores in one batch"
                        )
                    }
                    report.unchanged += 1
                    continue
                }
                inBatch[score.customer, default: [:]][key] = score
                switch stored[score.customer]?[key] {
                case nil: report.recorded += 1
                case score: report.unchanged += 1
                default:
                    guard replacing else {
                        throw StoreError(.conflict, customer: score.customer, record: "\(key)", "another score stored")
                    }
                    report.replaced += 1
                }
                next[score.customer, default: [:]][key] = score
            }
            stored = next
            return report
        }
    }

    func series(
        of customer: CustomerID,
        in days: ClosedRange<Day>,
        model: ScoreModelVersion?,
        scope: ClientScope
    ) async throws(StoreError) -> [ScoreRecord] {
        let own = records.withLock { $0[customer] ?? [:] }
        return own.values.filter { days.contains($0.day) && (model == nil || $0.model == model) }
            .sorted { ($0.day, $0.model) < ($1.day, $1.model) }
    }

    func scores(
        of customers: [CustomerID],
        asOf day: Day,
        model: ScoreModelVersion,
        scope: ClientScope
    ) async throws(StoreError) -> [ScoreRecord] {
        let all = records.withLock { $0 }
        return customers.compactMap { Self.latest(of: all[$0] ?? [:], model: model, onOrBefore: day) }
    }

    func trends(
        of customers: [CustomerID]?,
        model: ScoreModelVersion,
        over window: ClosedRange<Day>,
        scope: ClientScope
    ) async throws(StoreError) -> [ScoreTrend] {
        let all = records.withLock { $0 }
        let asked = customers ?? all.keys.filter { scope.contains($0) ?? false }.sorted()
        var books: [Day: [Double]] = [:]
        func point(_ record: ScoreRecord) -> ScoreTrend.Point {
            if books[record.day] == nil {
                books[record.day] = all.values.compactMap { $0[Key(day: record.day, model: model)]?.total }.sorted()
            }
            let book = books[record.day] ?? []
            let below = Self.count(in: book) { $0 < record.total }
            let equal = Self.count(in: book) { $0 <= record.total } - below
            return ScoreTrend.Point(
                day: record.day,
                total: record.total,
                aum: record.aum,
                decile: min(10, (10 * (2 * below + equal)) / (2 * book.count) + 1),
                clientsScored: book.count
            )
        }
        return asked.sorted().compactMap { customer in
            let own = all[customer] ?? [:]
            guard let end = Self.latest(of: own, model: model, onOrBefore: window.upperBound),
                let start = Self.latest(of: own, model: model, onOrBefore: window.lowerBound)
                    ?? own.values.filter({ $0.model == model && window.contains($0.day) }).min(by: { $0.day < $1.day })
            else { return nil }
            return ScoreTrend(customer: customer, model: model, window: window, start: point(start), end: point(end))
        }
    }

    /// How many leading totals of the sorted `book` satisfy `isLower` (a binary search).
    private static func count(in book: [Double], where isLower: (Double) -> Bool) -> Int {
        var low = 0
        var high = book.count
        while low < high {
            let mid = (low + high) / 2
            if isLower(book[mid]) { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The record of `model` with the greatest day not after `day`.
    private static func latest(
        of records: [Key: ScoreRecord],
        model: ScoreModelVersion,
        onOrBefore day: Day
    ) -> ScoreRecord? {
        records.values.filter { $0.model == model && $0.day <= day }.max { $0.day < $1.day }
    }
}
