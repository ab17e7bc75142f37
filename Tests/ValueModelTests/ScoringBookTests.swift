import CustomerModel
import CustomerModelTesting
import Testing
import ValueModel

@Suite("Scoring a synthetic book")
struct ScoringBookTests {
    @Test func defaultIndividualModelScoresTheBookWithExactExplanations() throws {
        let table = try ScoringFixture.individuals.get()
        #expect(table.rowCount > 1_500)
        let book = try ValueScorer(model: .defaultIndividual).score(table: table)
        #expect(book.count == table.rowCount)
        for row in 0..<book.count {
            let score = try #require(book.score(ofRow: row))
            // The explanation reproduces the batch columns ...
            #expect(score.total.hundredths == Int(book.totalHundredths[row]))
            for (d, dimension) in score.dimensions.enumerated() {
                #expect(dimension.score.hundredths == Int(book.dimensionHundredths[d][row]))
                // ... indicator points add up exactly to the dimension score ...
                #expect(dimension.indicators.reduce(ScorePoints.zero) { $0 + $1.points } == dimension.score)
            }
            // ... and dimension contributions exactly to the total.
            #expect(score.dimensions.reduce(ScorePoints.zero) { $0 + $1.contribution } == score.total)
            #expect((0...10_000).contains(score.total.hundredths))
        }
        let top = try #require(book.score(ofRow: book.topRows(1)[0]))
        print(top.explanation)
    }
}
