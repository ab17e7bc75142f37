import CustomerModel
import ValueModel

/// The night's score records: one ``/ValueModel/ScoreRecord`` per client the CVM scored, keyed by
/// (client, day, model version), with the dimension scores (the score's explanation by
/// dimension), the AUM on the day, the RFM cell and the churn level.
enum CycleScoreRecords {
    /// The records of `rows` for `day`, in row order.
    static func records(
        of rows: [CycleScoreRow],
        scores: BookScores,
        book: BookInputs,
        day: Day,
        currency: CurrencyCode
    ) -> [ScoreRecord] {
        let aum = assets(book.holdings, on: day, currency: currency)
        let rfm = scores.rfm
        let churn = scores.churn
        return rows.map { row in
            var cell: ScoreRecord.RFMCell?
            var level: ScoreRecord.ChurnLevel?
            if let i = row.dense {
                let scores = [rfm.recencyScore[i], rfm.frequencyScore[i], rfm.monetaryScore[i]].map(Int.init)
                if scores.allSatisfy({ (1...5).contains($0) }) {
                    cell = ScoreRecord.RFMCell(recency: scores[0], frequency: scores[1], monetary: scores[2])
                }
                level = Self.level(churn.level[i])
            }
            return ScoreRecord(
                customer: row.customer,
                day: day,
                model: ScoreModelVersion(id: row.model.id, version: row.model.version),
                total: Double(row.totalHundredths) / 100,
                dimensions: row.dimensionHundredths.map { Double($0) / 100 },
                aum: Money(minorUnits: aum[row.customer] ?? 0, currency: currency),
                rfm: cell,
                churn: level
            )
        }
    }

    /// Each client's assets under management on `day` in `currency`: asset holdings open on the
    /// day and not matured (a total beyond `Int64` saturates).
    static func assets(_ holdings: [Holding], on day: Day, currency: CurrencyCode) -> [CustomerID: Int64] {
        var totals: [CustomerID: Int64] = [:]
        for holding in holdings
        where holding.product.isAsset && holding.balance.currency == currency && holding.openedOn <= day
            && !holding.hasMatured(by: day) && holding.balance.minorUnits > 0
        {
            let (sum, overflow) = totals[holding.customer, default: 0].addingReportingOverflow(
                holding.balance.minorUnits
            )
            totals[holding.customer] = overflow ? .max : sum
        }
        return totals
    }

    static func level(_ level: ChurnRiskLevel) -> ScoreRecord.ChurnLevel {
        switch level {
        case .none: .none
        case .low: .low
        case .medium: .medium
        case .high: .high
        }
    }
}
