public import CustomerModel

/// How a client's score and AUM moved over a window of days, under one model version: "AUM down
/// 20% in 30 days", "score fell two deciles this quarter".
///
/// The ``end`` point is the client's latest record on or before the window's last day. The
/// ``start`` point is the latest record on or before the window's first day or, when the client
/// was first scored inside the window, the first record in it (then ``coversWindow`` is false).
/// When the client has one record in reach, both points are that record and every change is zero.
///
/// Deciles rank a client among every client the same model version scored on the same day,
/// whoever asks: see ``ScoreTrend/Point/decile``.
public struct ScoreTrend: Hashable, Sendable {
    /// The client's position on one day.
    public struct Point: Hashable, Sendable {
        /// The day of the record.
        public var day: Day
        /// The total score, 0 to 100.
        public var total: Double
        /// Assets under management.
        public var aum: Money
        /// The score's decile in the book on ``day``, 1 (lowest tenth) to 10 (highest tenth).
        ///
        /// With `n` clients scored by the model version that day, `below` of them with a lower
        /// total and `equal` with the same total (the client included), the client's mid-rank
        /// percentile is `p = (below + equal / 2) / n` and the decile is `min(10, ⌊10p⌋ + 1)`.
        /// Equal totals share a decile; a book of one client puts it in decile 6.
        public var decile: Int
        /// How many clients the model version scored on ``day`` (the `n` of ``decile``).
        public var clientsScored: Int

        /// Creates a point.
        public init(day: Day, total: Double, aum: Money, decile: Int, clientsScored: Int) {
            self.day = day
            self.total = total
            self.aum = aum
            self.decile = decile
            self.clientsScored = clientsScored
        }
    }

    /// The client.
    public var customer: CustomerID
    /// The model version both points come from.
    public var model: ScoreModelVersion
    /// The window asked for.
    public var window: ClosedRange<Day>
    /// Where the client stood at the start of the window.
    public var start: Point
    /// Where the client stands at the end of the window.
    public var end: Point

    /// Creates a trend.
    public init(customer: CustomerID, model: ScoreModelVersion, window: ClosedRange<Day>, start: Point, end: Point) {
        self.customer = customer
        self.model = model
        self.window = window
        self.start = start
        self.end = end
    }

    /// Whether ``start`` is on or before the window's first day (false when the client was first
    /// scored inside the window, so the change covers less than the window).
    public var coversWindow: Bool { start.day <= window.lowerBound }

    /// `end.total − start.total`, in points.
    public var scoreChange: Double { end.total - start.total }

    /// `end.decile − start.decile`: −2 means the score fell two deciles.
    public var decileChange: Int { end.decile - start.decile }

    /// `end.aum − start.aum`; `nil` when the two are in different currencies or the difference overflows.
    public var aumChange: Money? { end.aum.adding(start.aum.negated) }

    /// The AUM change as a ratio of the start AUM: −0.2 means "AUM down 20%".
    ///
    /// `nil` when the start
    /// AUM is zero or the two are in different currencies.
    public var aumChangeRatio: Double? {
        guard start.aum.currency == end.aum.currency, start.aum.minorUnits != 0 else { return nil }
        return (Double(end.aum.minorUnits) - Double(start.aum.minorUnits)) / Double(start.aum.minorUnits)
    }
}
