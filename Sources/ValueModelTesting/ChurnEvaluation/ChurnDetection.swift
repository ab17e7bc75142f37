/// How soon after its drift started each drifter was first flagged, from a timeline of analysis
/// days a ``ChurnEvaluation`` ran.
public struct ChurnDetection: Hashable, Sendable {
    /// Drifters whose drift started on or before the analysis day.
    public let drifters: Int
    /// For each of them flagged on some analysis day on or after its drift start, the days from
    /// the drift start to the first such day, ascending.
    public let daysToFlag: [Int]
    /// Days between analysis days: each figure is exact to within this.
    public let stepDays: Int

    /// Creates a detection summary; `daysToFlag` is sorted.
    public init(drifters: Int, daysToFlag: [Int], stepDays: Int) {
        self.drifters = drifters
        self.daysToFlag = daysToFlag.sorted()
        self.stepDays = stepDays
    }

    /// Of the drifters, the share flagged on some analysis day since their drift started
    /// (0 when there is no drifter).
    public var flaggedShare: Double { drifters == 0 ? 0 : Double(daysToFlag.count) / Double(drifters) }

    /// The days to flag at quantile `q` (0...1, nearest rank) of the flagged drifters; nil when none was flagged.
    public func quantile(_ q: Double) -> Int? {
        guard !daysToFlag.isEmpty, q.isFinite else { return nil }
        let rank = Int((min(max(q, 0), 1) * Double(daysToFlag.count)).rounded(.up))
        return daysToFlag[max(0, rank - 1)]
    }

    /// The median days to flag of the flagged drifters.
    public var median: Int? { quantile(0.5) }

    /// Of all drifters, the share flagged within `days` days of their drift start.
    public func flaggedWithin(days: Int) -> Double {
        guard drifters > 0 else { return 0 }
        return Double(daysToFlag.prefix { $0 <= days }.count) / Double(drifters)
    }
}
