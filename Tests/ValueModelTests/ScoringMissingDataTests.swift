import CustomerModel
import Testing
import ValueModel

@Suite("Missing-data rules")
struct ScoringMissingDataTests {
    /// Two indicators in `current`: products held (0.6, capped 0-10) and transactions (0.4, capped
    /// 0-100), the second with `rule`.
    private func book(_ rule: MissingDataRule, products: [Double?], transactions: [Double?]) throws -> ScoreBook {
        var table = handTable(products.count)
        try table.setColumn(.productsHeld, values: products.map { $0 ?? 0 }, present: products.map { $0 != nil })
        try table.setColumn(
            .transactionsLast6Months,
            values: transactions.map { $0 ?? 0 },
            present: transactions.map { $0 != nil }
        )
        let model = try currentOnlyModel([
            ScoringIndicator(
                .productsHeld,
                dimension: .current,
                weight: 0.6,
                normalisation: .cappedMinMax(floor: 0, cap: 10),
                missing: .redistribute
            ),
            ScoringIndicator(
                .transactionsLast6Months,
                dimension: .current,
                weight: 0.4,
                normalisation: .cappedMinMax(floor: 0, cap: 100),
                missing: rule
            ),
        ])
        return try ValueScorer(model: model).score(table: table)
    }

    @Test func zeroScoresNoPoints() throws {
        let book = try book(.zero, products: [5, 5], transactions: [50, nil])
        #expect(book.totalHundredths == [5_000, 3_000])
        let missing = try #require(book.score(ofRow: 1)?.contribution(of: .transactionsLast6Months))
        #expect(missing.treatment == .missing(.zero))
        #expect(missing.normalised == 0)
        #expect(missing.points == .zero)
        #expect(missing.effectiveWeight == 0.4)
        #expect(book.score(ofRow: 1)?.explanation.contains("transactionsLast6Months (scored 0)") == true)
    }

    @Test func medianScoresThePopulationMedian() throws {
        // Present normalised values 0.1, 0.3, 0.9 → median 0.3; with a fourth (0.5) → (0.3 + 0.5) / 2.
        let odd = try book(.median, products: [0, 0, 0, 0], transactions: [10, 90, 30, nil])
        let score = try #require(odd.score(ofRow: 3))
        #expect(score.contribution(of: .transactionsLast6Months)?.normalised == 0.3)
        #expect(score.contribution(of: .transactionsLast6Months)?.treatment == .missing(.median))
        #expect(odd.totalHundredths[3] == 1_200)
        #expect(score.explanation.contains("scored at the population median 0.30"))
        let even = try book(.median, products: [0, 0, 0, 0, 0], transactions: [10, 90, 30, 50, nil])
        #expect(even.score(ofRow: 4)?.contribution(of: .transactionsLast6Months)?.normalised == 0.4)
        let nobody = try book(.median, products: [1, 2], transactions: [nil, nil])
        #expect(nobody.score(ofRow: 0)?.contribution(of: .transactionsLast6Months)?.normalised == 0)
    }

    @Test func redistributeSharesTheWeightWithinTheDimension() throws {
        let book = try book(.redistribute, products: [5, 5, nil], transactions: [50, nil, nil])
        // Row 1: transactions drop out, products carry the whole dimension: 100 × 0.5.
        #expect(book.totalHundredths == [5_000, 5_000, 0])
        let row1 = try #require(book.score(ofRow: 1))
        let products = try #require(row1.contribution(of: .productsHeld))
        #expect(products.effectiveWeight == 1)
        #expect(products.points.hundredths == 5_000)
        let dropped = try #require(row1.contribution(of: .transactionsLast6Months))
        #expect(dropped.normalised == nil)
        #expect(dropped.effectiveWeight == 0)
        #expect(dropped.treatment == .missing(.redistribute))
        #expect(
            row1.explanation.contains(
                "transactionsLast6Months (weight shared among the present indicators of current value)"
            )
        )
        // Row 2: every indicator of the dimension is missing: 0 points, and the score says so.
        let row2 = try #require(book.score(ofRow: 2))
        #expect(row2.dimension(.current)?.hasData == false)
        #expect(row2.total == .zero)
        #expect(row2.explanation.contains("no data"))
    }

    @Test func redistributionKeepsTheOtherDimensionsWeights() throws {
        var table = handTable(2)
        try table.setColumn(.productsHeld, values: [10, 10], present: [true, true])
        try table.setColumn(.walletShare, values: [0.5, 0], present: [true, false])
        try table.setColumn(.rmInteractions, values: [12, 12], present: [true, true])
        let model = try ScoringModel(
            id: "two",
            version: "1",
            subject: .individual,
            dimensions: [DimensionWeight(.current, 0.3), DimensionWeight(.loyalty, 0.7)],
            indicators: [
                ScoringIndicator(
                    .productsHeld,
                    dimension: .current,
                    weight: 1,
                    normalisation: .cappedMinMax(floor: 0, cap: 10),
                    missing: .zero
                ),
                ScoringIndicator(
                    .walletShare,
                    dimension: .loyalty,
                    weight: 0.5,
                    normalisation: .cappedMinMax(floor: 0, cap: 1),
                    missing: .redistribute
                ),
                ScoringIndicator(
                    .rmInteractions,
                    dimension: .loyalty,
                    weight: 0.5,
                    normalisation: .cappedMinMax(floor: 0, cap: 24),
                    missing: .zero
                ),
            ]
        )
        let book = try ValueScorer(model: model).score(table: table)
        // Row 0: loyalty = 50 × 0.5 + 50 × 0.5... = 100 × (0.5·0.5 + 0.5·0.5) = 50; total 0.3·100 + 0.7·50 = 65.
        // Row 1: wallet share drops out, loyalty = 100 × 0.5 = 50 as well.
        #expect(book.totalHundredths == [6_500, 6_500])
        #expect(book.score(of: .loyalty, ofRow: 1)?.hundredths == 5_000)
        #expect(book.score(ofRow: 1)?.dimension(.loyalty)?.contribution.hundredths == 3_500)
    }
}
