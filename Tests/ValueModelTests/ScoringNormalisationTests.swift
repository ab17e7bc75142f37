import CustomerModel
import Foundation
import Testing
import ValueModel

@Suite("Scoring normalisations")
struct ScoringNormalisationTests {
    /// Scores `values` of `indicator` (nil = missing) with a one-indicator model and returns each
    /// row's normalised value and points.
    private func run(
        _ indicator: IndicatorID,
        _ values: [Double?],
        _ normalisation: Normalisation,
        direction: IndicatorDirection = .higherIsBetter,
        missing: MissingDataRule = .zero
    ) throws -> [(normalised: Double?, points: ScorePoints)] {
        var table = handTable(values.count)
        try table.setColumn(indicator, values: values.map { $0 ?? 0 }, present: values.map { $0 != nil })
        let model = try currentOnlyModel([
            ScoringIndicator(
                indicator,
                dimension: .current,
                weight: 1,
                normalisation: normalisation,
                direction: direction,
                missing: missing
            )
        ])
        let book = try ValueScorer(model: model).score(table: table)
        return try (0..<values.count).map { row in
            let score = try #require(book.score(ofRow: row))
            let contribution = try #require(score.contribution(of: indicator))
            #expect(score.total == contribution.points)
            #expect(Int(book.totalHundredths[row]) == score.total.hundredths)
            return (contribution.normalised, contribution.points)
        }
    }

    @Test func percentileRankGivesTiesTheirMeanRank() throws {
        let result = try run(.feeIncome, [20, 10, 30, 20, nil, 20], .percentileRank)
        // Present: 10, 20, 20, 20, 30 (n = 5). 10 → rank 1 → 0; the three 20s share ranks 2-4 → mean 3 → 0.5; 30 → 1.
        #expect(result.map(\.normalised) == [0.5, 0, 1, 0.5, 0, 0.5])
        #expect(result.map(\.points.hundredths) == [5_000, 0, 10_000, 5_000, 0, 5_000])
        let worse = try run(.feeIncome, [20, 10, 30], .percentileRank, direction: .higherIsWorse)
        #expect(worse.map(\.normalised) == [0.5, 1, 0])
        #expect(try run(.feeIncome, [42], .percentileRank).map(\.normalised) == [0.5])
        // Negative amounts rank like any other (an FTP contribution can be negative).
        #expect(try run(.ftpContribution, [-5, 0, -0.0, 7], .percentileRank).map(\.normalised) == [0, 0.5, 0.5, 1])
    }

    @Test func cappedMinMaxIsLinearBetweenFloorAndCap() throws {
        let result = try run(.productsHeld, [0, 1, 2.5, 4, 9], .cappedMinMax(floor: 1, cap: 4))
        #expect(result.map(\.normalised) == [0, 0, 0.5, 1, 1])
        #expect(result.map(\.points.hundredths) == [0, 0, 5_000, 10_000, 10_000])
        let inverted = try run(.churnSignals, [0, 1, 3], .cappedMinMax(floor: 0, cap: 3), direction: .higherIsWorse)
        #expect(inverted.map(\.normalised) == [1, 1 - 1.0 / 3, 0])
        #expect(inverted.map(\.points.hundredths) == [10_000, 6_667, 0])
    }

    @Test func logScaleCompressesAmounts() throws {
        let result = try run(.aumDeposits, [-50, 0, 999, 1_000_000, 5e9], .logScale(floor: 0, cap: 1_000_000))
        let expected = log1p(999.0) / log1p(1_000_000.0)
        #expect(result[0].normalised == 0)
        #expect(result[1].normalised == 0)
        #expect(abs((result[2].normalised ?? 0) - expected) < 1e-15)
        #expect(result[3].normalised == 1)
        #expect(result[4].normalised == 1)
        #expect(result[2].points.hundredths == Int((expected * 10_000).rounded()))
        let floored = try run(.aumDeposits, [500, 10_000, 100_000], .logScale(floor: 10_000, cap: 1_000_000))
        #expect(floored[0].normalised == 0)
        #expect(floored[1].normalised == 0)
        let middle = (log1p(100_000.0) - log1p(10_000.0)) / (log1p(1_000_000.0) - log1p(10_000.0))
        #expect(abs((floored[2].normalised ?? 0) - middle) < 1e-15)
    }

    @Test func expertRatingsOnBothScales() throws {
        let five = try run(.satisfaction, [1, 2, 3.5, 5], .expertRating(.oneToFive))
        #expect(five.map(\.normalised) == [0, 0.25, 0.625, 1])
        var table = handTable(3, subject: .corporate)
        try table.setColumn(.strategicFit, values: [1, 3, 5], present: [true, true, true])
        let model = try ScoringModel(
            id: "c",
            version: "1",
            subject: .corporate,
            dimensions: [DimensionWeight(.strategicFit, 1)],
            indicators: [
                ScoringIndicator(
                    .strategicFit,
                    dimension: .strategicFit,
                    weight: 1,
                    normalisation: .expertRating(.oneToFive),
                    missing: .zero
                )
            ]
        )
        let book = try ValueScorer(model: model).score(table: table)
        #expect((0..<3).map { book.total(ofRow: $0).hundredths } == [0, 5_000, 10_000])
        // The 0-100 scale: a host-supplied influence score, for example.
        let hundred = try ScoringModel(
            id: "h",
            version: "1",
            subject: .corporate,
            dimensions: [DimensionWeight(.esg, 1)],
            indicators: [
                ScoringIndicator(
                    .esgRating,
                    dimension: .esg,
                    weight: 1,
                    normalisation: .cappedMinMax(floor: 1, cap: 5),
                    missing: .zero
                )
            ]
        )
        var esg = handTable(2, subject: .corporate)
        try esg.setColumn(.esgRating, values: [2, 4], present: [true, true])
        #expect(try ValueScorer(model: hundred).score(table: esg).totalHundredths == [2_500, 7_500])
        #expect(ExpertScale.zeroToHundred.highest == 100)
    }

    @Test func lookupsScoreCategoriesAndWholeRatings() throws {
        var table = handTable(5)
        try table.setCategories(.position, ["founder", "Employee", nil, " executive ", "retired"])
        try table.setCategories(.occupation, ["surgeon", "Astronaut", "surgeon", nil, "teacher"])
        try table.setColumn(.satisfaction, values: [3.6, 1, 5, 0, 2.4], present: [true, true, true, false, true])
        let model = try ScoringModel(
            id: "lookups",
            version: "1",
            subject: .individual,
            dimensions: [DimensionWeight(.potential, 1)],
            indicators: [
                ScoringIndicator(
                    .position,
                    dimension: .potential,
                    weight: 0.5,
                    normalisation: .lookup(LookupTable(["founder": 1, "executive": 0.8], default: 0.2)),
                    missing: .zero
                ),
                ScoringIndicator(
                    .occupation,
                    dimension: .potential,
                    weight: 0.25,
                    normalisation: .lookup(LookupTable(["SURGEON": 0.9, "teacher": 0.4], default: 0.1)),
                    missing: .zero
                ),
                ScoringIndicator(
                    .satisfaction,
                    dimension: .potential,
                    weight: 0.25,
                    normalisation: .lookup(LookupTable(["1": 0, "2": 0.1, "3": 0.3, "4": 0.7, "5": 1])),
                    missing: .zero
                ),
            ]
        )
        let book = try ValueScorer(model: model).score(table: table)
        func normalised(_ row: Int, _ id: IndicatorID) -> Double? {
            book.score(ofRow: row)?.contribution(of: id)?.normalised
        }
        #expect((0..<5).map { normalised($0, .position) } == [1, 0.2, 0, 0.8, 0.2])
        #expect((0..<5).map { normalised($0, .occupation) } == [0.9, 0.1, 0.9, 0, 0.4])
        // Fractional ratings are rounded to the nearest whole rating: 3.6 → 4, 2.4 → 2.
        #expect((0..<5).map { normalised($0, .satisfaction) } == [0.7, 0, 1, 0, 0.1])
        #expect(book.score(ofRow: 1)?.contribution(of: .occupation)?.raw == .category("astronaut"))
        #expect(book.score(ofRow: 3)?.contribution(of: .position)?.raw == .category("executive"))
        #expect(book.total(ofRow: 0).hundredths == 5_000 + 2_250 + 1_750)
    }
}
