public import CustomerModel

/// One client's RFM result with the reasons for it: the measures, the three quintile scores, the
/// segment, the value layer, and a readable explanation.
///
/// A client with no selected transaction in the window is *inactive*: it is not ranked (it does
/// not push active clients' scores up), and scores R 1, F 1, M 1, segment ``RFMSegment/lost``,
/// layer ``ValueLayer/dormant``. Its ``lastDay`` still says when it last transacted, if ever.
public struct RFMScore: Hashable, Sendable {
    /// The client.
    public var customer: CustomerID
    /// The analysis day.
    public var asOf: Day
    /// The length of the window in days.
    public var windowDays: Int
    /// Whether the client has a selected transaction in the window (and so was ranked).
    public var isActive: Bool
    /// The day of the last selected transaction on or before ``asOf``, if any.
    public var lastDay: Day?
    /// Days from ``lastDay`` to ``asOf``, if any.
    public var recencyDays: Int?
    /// Selected transactions in the window.
    public var frequency: Int
    /// Their sum.
    public var monetary: Money
    /// Recency score, 1 (longest ago) to 5 (most recent).
    public var recencyScore: Int
    /// Frequency score, 1 to 5.
    public var frequencyScore: Int
    /// Monetary score, 1 to 5.
    public var monetaryScore: Int
    /// Frequency and monetary combined (``RFMSegmentMap/fm(frequency:monetary:)``).
    public var fmScore: Int
    /// The segment of the R × FM cell.
    public var segment: RFMSegment
    /// The bank's value layer.
    public var layer: ValueLayer
    /// Whether the client is highlighted at risk (R 1-2, FM 3-5).
    public var isAtRisk: Bool
    /// Why the client scored as it did, in a few lines an RM can read.
    public var explanation: String

    /// The three scores as the usual cell code, `"543"` for R 5, F 4, M 3.
    public var cell: String { "\(recencyScore)\(frequencyScore)\(monetaryScore)" }

    /// Creates a score (the book builds them; tests and hosts may too).
    public init(
        customer: CustomerID,
        asOf: Day,
        windowDays: Int,
        isActive: Bool,
        lastDay: Day?,
        frequency: Int,
        monetary: Money,
        recencyScore: Int,
        frequencyScore: Int,
        monetaryScore: Int,
        explanation: String
    ) {
        self.customer = customer
        self.asOf = asOf
        self.windowDays = windowDays
        self.isActive = isActive
        self.lastDay = lastDay
        recencyDays = lastDay.map { $0.days(until: asOf) }
        self.frequency = frequency
        self.monetary = monetary
        self.recencyScore = recencyScore
        self.frequencyScore = frequencyScore
        self.monetaryScore = monetaryScore
        fmScore = RFMSegmentMap.fm(frequency: frequencyScore, monetary: monetaryScore)
        segment = RFMSegmentMap.segment(recency: recencyScore, fm: fmScore)
        layer = RFMSegmentMap.layer(recency: recencyScore, fm: fmScore)
        isAtRisk = RFMSegmentMap.isAtRisk(recency: recencyScore, fm: fmScore)
        self.explanation = explanation
    }
}
