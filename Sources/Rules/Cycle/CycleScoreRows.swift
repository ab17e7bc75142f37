import CustomerModel
import ValueModel

/// One scored client of the night, read from the score books' columns (no explanation is built):
/// its total and dimension scores in hundredths, its model, and its dense index into the RFM and
/// churn books.
struct CycleScoreRow {
    var customer: CustomerID
    var kind: CustomerKind
    var model: ScoringModel
    var totalHundredths: Int32
    var dimensionHundredths: [Int32]
    /// The client's index into ``/ValueModel/BookScores``' RFM and churn books, or `nil`.
    var dense: Int?

    /// Every client scored in `scores`, individuals first, in book row order.
    static func rows(of scores: BookScores) -> [CycleScoreRow] {
        var rows: [CycleScoreRow] = []
        rows.reserveCapacity(scores.count)
        for kind in [CustomerKind.individual, .corporate] {
            guard let book = scores.book(kind) else { continue }
            let customers = book.customers
            for row in 0..<book.count {
                rows.append(
                    CycleScoreRow(
                        customer: customers[row],
                        kind: kind,
                        model: book.model,
                        totalHundredths: book.totalHundredths[row],
                        dimensionHundredths: book.dimensionHundredths.map { $0[row] },
                        dense: scores.index(of: customers[row])
                    )
                )
            }
        }
        return rows
    }
}
