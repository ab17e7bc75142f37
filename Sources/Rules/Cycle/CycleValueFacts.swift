import CustomerModel
import ValueModel

/// The rule facts of the night's scores, as the rules engine takes them today (by catalogue
/// name): the score and its dimensions, the decile, the RFM cell, segment and value layer, the
/// churn flag and signal count.
///
/// An adapter until the typed fact source replaces ``ClientRecord/valueFacts``: it is the one
/// place that spells ValueModel's results as rule values.
enum CycleValueFacts {
    /// The facts of every client of `scores` (`rows` are its scored clients), by client.
    static func facts(of scores: BookScores, rows: [CycleScoreRow]) -> [CustomerID: [String: FactValue]] {
        let rfm = scores.rfm
        let churn = scores.churn
        var facts: [CustomerID: [String: FactValue]] = [:]
        facts.reserveCapacity(scores.count)
        // The RFM and churn facts of every client of the book, scored by the CVM or not.
        for i in 0..<scores.count {
            var values: [String: FactValue] = [:]
            if (1...5).contains(rfm.recencyScore[i]) {
                values["rfm.recency"] = .count(Int64(rfm.recencyScore[i]))
                values["rfm.frequency"] = .count(Int64(rfm.frequencyScore[i]))
                values["rfm.monetary"] = .count(Int64(rfm.monetaryScore[i]))
            }
            values["rfm.segment"] = .enumeration(segment(rfm.segment[i]))
            values["value_layer"] = .enumeration(layer(rfm.layer[i]))
            values["churn.risk"] = .bool(churn.level[i] >= .medium)
            values["churn.signals"] = .count(Int64(churn.signalCount[i]))
            facts[scores.customers[i]] = values
        }
        let deciles = deciles(of: rows)
        for (index, row) in rows.enumerated() {
            var values = facts[row.customer] ?? [:]
            values["score"] = .number(Double(row.totalHundredths) / 100)
            for (d, weight) in row.model.dimensions.enumerated() where d < row.dimensionHundredths.count {
                if let name = dimensionFact(weight.dimension) { values[name] = .number(Double(row.dimensionHundredths[d]) / 100) }
            }
            values["score.decile"] = .count(Int64(deciles[index]))
            facts[row.customer] = values
        }
        return facts
    }

    /// Each row's decile among the rows of its kind (10: the top tenth), in row order.
    static func deciles(of rows: [CycleScoreRow]) -> [Int] {
        var result = [Int](repeating: 0, count: rows.count)
        for kind in [CustomerKind.individual, .corporate] {
            let members = rows.indices.filter { rows[$0].kind == kind }
                .sorted { (rows[$0].totalHundredths, rows[$0].customer.rawValue) < (rows[$1].totalHundredths, rows[$1].customer.rawValue) }
            for (rank, index) in members.enumerated() { result[index] = 1 + rank * 10 / max(1, members.count) }
        }
        return result
    }

    static func dimensionFact(_ dimension: ScoringDimension) -> String? {
        switch dimension {
        case .current: "score.current_value"
        case .potential: "score.potential_value"
        case .relationship: "score.relationship_value"
        case .loyalty: "score.loyalty"
        default: nil
        }
    }

    static func segment(_ segment: RFMSegment) -> String {
        switch segment {
        case .champions: "champions"
        case .loyal: "loyal"
        case .potentialLoyalist: "potential_loyalist"
        case .newCustomers: "new_customers"
        case .promising: "promising"
        case .needAttention: "need_attention"
        case .aboutToSleep: "about_to_sleep"
        case .atRisk: "at_risk"
        case .cannotLoseThem: "cannot_lose"
        case .hibernating: "hibernating"
        case .lost: "lost"
        }
    }

    static func layer(_ layer: ValueLayer) -> String {
        switch layer {
        case .highValue: "high_value"
        case .growing: "growing"
        case .potential: "potential"
        case .dormant: "dormant"
        }
    }
}
