/// The standard R × FM map from scores to segments and value layers.
///
/// FM is the frequency and monetary scores combined: their mean rounded half up,
/// `FM = (F + M + 1) / 2` in integers (F 4 and M 3 give FM 4). Rows are the recency score R,
/// columns FM:
///
/// | R \ FM | 1 | 2 | 3 | 4 | 5 |
/// |---|---|---|---|---|---|
/// | 5 | new customers | potential loyalist | potential loyalist | champions | champions |
/// | 4 | promising | potential loyalist | potential loyalist | loyal | loyal |
/// | 3 | about to sleep | about to sleep | need attention | loyal | loyal |
/// | 2 | hibernating | hibernating | at risk | at risk | cannot lose them |
/// | 1 | lost | hibernating | at risk | at risk | cannot lose them |
///
/// This is the widely used R × F segment map (champions `5[4-5]`, loyal `[3-4][4-5]`, potential
/// loyalists `[4-5][2-3]`, new `51`, promising `41`, need attention `33`, about to sleep
/// `3[1-2]`, at risk `[1-2][3-4]`, cannot lose `[1-2]5`, hibernating `[1-2][1-2]`) read with FM
/// in place of F, with its bottom corner R 1 FM 1 named lost.
///
/// Value layers: high value FM 4-5; growing R 4-5 with FM 1-3; potential R 3 with FM 1-3, or
/// R 1-2 with FM 3; dormant R 1-2 with FM 1-2. At risk (highlighted): R 1-2 with FM 3-5, the
/// segments at risk and cannot lose them: clients who were worth something and have gone quiet.
public enum RFMSegmentMap: Sendable {
    /// FM from the frequency and monetary scores (1-5 each): their mean rounded half up.
    public static func fm(frequency: Int, monetary: Int) -> Int { (frequency + monetary + 1) / 2 }

    /// The segment of a recency score and an FM score (each clamped to 1-5).
    public static func segment(recency: Int, fm: Int) -> RFMSegment {
        segments[index(recency, fm)]
    }

    /// The value layer of a recency score and an FM score (each clamped to 1-5).
    public static func layer(recency: Int, fm: Int) -> ValueLayer {
        let r = min(max(recency, 1), 5)
        let f = min(max(fm, 1), 5)
        if f >= 4 { return .highValue }
        if r >= 4 { return .growing }
        if r == 3 || f == 3 { return .potential }
        return .dormant
    }

    /// Whether the cell is highlighted as at risk: R 1-2 with FM 3-5.
    public static func isAtRisk(recency: Int, fm: Int) -> Bool {
        min(max(recency, 1), 5) <= 2 && min(max(fm, 1), 5) >= 3
    }

    /// The map's cells, row R 1 first, FM 1 to 5 within a row.
    static let segments: [RFMSegment] = [
        .lost, .hibernating, .atRisk, .atRisk, .cannotLoseThem,
        .hibernating, .hibernating, .atRisk, .atRisk, .cannotLoseThem,
        .aboutToSleep, .aboutToSleep, .needAttention, .loyal, .loyal,
        .promising, .potentialLoyalist, .potentialLoyalist, .loyal, .loyal,
        .newCustomers, .potentialLoyalist, .potentialLoyalist, .champions, .champions,
    ]

    /// The cell index of scores clamped to 1-5.
    static func index(_ recency: Int, _ fm: Int) -> Int {
        (min(max(recency, 1), 5) - 1) * 5 + min(max(fm, 1), 5) - 1
    }
}
