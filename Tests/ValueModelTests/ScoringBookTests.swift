import CustomerModel
import SyntheticBank
import Testing
import ValueModel

@Suite("Scoring a synthetic book")
struct ScoringBookTests {
    /// Checks that every row's explanation reproduces the batch columns and adds up exactly.
    private func expectExactExplanations(_ book: ScoreBook) throws {
        for row in 0..<book.count {
            let score = try #require(book.score(ofRow: row))
            #expect(score.customer == book.customers[row])
            #expect(score.model == book.model.reference)
            #expect(score.total.hundredths == Int(book.totalHundredths[row]))
            for (d, dimension) in score.dimensions.enumerated() {
                #expect(dimension.score.hundredths == Int(book.dimensionHundredths[d][row]))
                #expect(dimension.indicators.reduce(ScorePoints.zero) { $0 + $1.points } == dimension.score)
                #expect((0...10_000).contains(dimension.score.hundredths))
                let weights = dimension.indicators.reduce(0.0) { $0 + $1.effectiveWeight }
                #expect(!dimension.hasData || abs(weights - 1) < 1e-9)
            }
            #expect(score.dimensions.reduce(ScorePoints.zero) { $0 + $1.contribution } == score.total)
            #expect((0...10_000).contains(score.total.hundredths))
        }
    }

    @Test func theIndividualModelScoresTheBookAndEveryExplanationAddsUp() throws {
        let table = try ScoringFixture.individuals.get()
        #expect(table.rowCount == 1_800)
        let book = try ValueScorer(model: .defaultIndividual).score(table: table)
        #expect(book.count == table.rowCount)
        try expectExactExplanations(book)
        // Scores spread over the range rather than bunching.
        let totals = book.totalHundredths.map { Double($0) / 100 }.sorted()
        #expect(totals[totals.count / 10] < 40)
        #expect(totals[totals.count * 9 / 10] > 50)
        let best = try #require(book.score(ofRow: book.topRows(1)[0]))
        #expect(best.explanation.hasPrefix("\(best.customer): \(best.total) of 100 (model cvm-individual@2026.1)"))
        #expect(best.explanation.contains("walletShare (weight shared among the present indicators of loyalty)"))
    }

    @Test func theStrategicCorporateModelScoresTheCorporates() throws {
        let table = try ScoringFixture.corporates.get()
        #expect(table.rowCount == 200)
        let book = try ValueScorer(model: .defaultStrategicCorporate).score(table: table)
        try expectExactExplanations(book)
        #expect(Set(book.totalHundredths).count > 150)
        let top = try #require(book.score(ofRow: book.topRows(1)[0]))
        #expect(top.dimensions.map(\.dimension) == ScoringDimension.dimensions(of: .corporate))
    }

    @Test func moreAssetsScoreHigherOnCurrentValue() throws {
        let table = try ScoringFixture.individuals.get()
        let book = try ValueScorer(model: .defaultIndividual).score(table: table)
        let classes: [IndicatorID] = [.aumDeposits, .aumWealthProducts, .aumFunds, .aumInsurance]
        // The same client with ten times the assets in every class scores higher on current value.
        var raised = 0
        for row in stride(from: 0, to: table.rowCount, by: 37) {
            var inputs = table.inputs(ofRow: row)
            for id in classes { if case .number(let x) = inputs[id] { inputs[id] = .number(x * 10) } }
            let before = try #require(book.score(ofRow: row))
            let after = try book.rescore(row: row, with: inputs)
            let current = try #require(after.dimension(.current)?.score)
            let previous = try #require(before.dimension(.current)?.score)
            #expect(current >= previous)
            #expect(after.total >= before.total)
            if current > previous { raised += 1 }
        }
        #expect(raised > 40)
        // Across the book, the richest tenth outscores the poorest tenth on current value.
        let aum = (0..<table.rowCount).map { row in classes.reduce(0.0) { $0 + (table.column($1)?.values[row] ?? 0) } }
        let order = aum.indices.sorted { aum[$0] < aum[$1] }
        let tenth = table.rowCount / 10
        func meanCurrent(_ rows: ArraySlice<Int>) -> Double {
            rows.reduce(0.0) { $0 + (book.score(of: .current, ofRow: $1)?.value ?? 0) } / Double(rows.count)
        }
        #expect(meanCurrent(order.suffix(tenth)) > meanCurrent(order.prefix(tenth)) + 25)
    }

    @Test func rescoringUnchangedInputsEqualsTheBatch() throws {
        for (table, model) in [
            (try ScoringFixture.individuals.get(), ScoringModel.defaultIndividual),
            (try ScoringFixture.corporates.get(), .defaultStrategicCorporate),
        ] {
            let book = try ValueScorer(model: model).score(table: table)
            for row in 0..<table.rowCount {
                let again = try book.rescore(row: row, with: table.inputs(ofRow: row))
                #expect(again == book.score(ofRow: row))
            }
        }
    }

    @Test func rescoringMovesOnePercentileAgainstTheBatchPopulation() throws {
        let table = try ScoringFixture.individuals.get()
        let book = try ValueScorer(model: .defaultIndividual).score(table: table)
        let fees = try #require(table.column(.feeIncome)?.values)
        let row = try #require(fees.indices.min { fees[$0] < fees[$1] })
        var inputs = table.inputs(ofRow: row)
        inputs[.feeIncome] = .number((fees.max() ?? 0) + 1)
        let top = try book.rescore(row: row, with: inputs)
        #expect(top.contribution(of: .feeIncome)?.normalised == 1)
        inputs[.feeIncome] = .number(-1)
        #expect(try book.rescore(row: row, with: inputs).contribution(of: .feeIncome)?.normalised == 0)
        inputs[.feeIncome] = nil  // missing: the model scores 0
        let missing = try book.rescore(row: row, with: inputs)
        #expect(missing.contribution(of: .feeIncome)?.treatment == .missing(.zero))
        // A new category the model knows through its default, and a bad input.
        inputs[.occupation] = .category("Astronaut")
        #expect(try book.rescore(row: row, with: inputs).contribution(of: .occupation)?.normalised == 0.4)
        inputs[.position] = .category("astronaut")
        #expect(throws: ScoringInputError.self) { try book.rescore(row: row, with: inputs) }
        inputs[.position] = nil
        inputs[.satisfaction] = .number(7)
        #expect(throws: ScoringInputError.self) { try book.rescore(row: row, with: inputs) }
        #expect(throws: ScoringInputError.self) { try book.rescore(row: -1, with: inputs) }
    }

    @Test func anUpdateIsRecordedAndExplainedTheSameWay() throws {
        let table = try ScoringFixture.individuals.get()
        var book = try ValueScorer(model: .defaultIndividual).score(table: table)
        let row = 123
        var inputs = book.table.inputs(ofRow: row)
        inputs[.aumDeposits] = .number(25_000_000)
        inputs[.churnSignals] = .number(3)
        let score = try book.update(row: row, with: inputs)
        #expect(book.total(ofRow: row) == score.total)
        #expect(book.score(ofRow: row) == score)
        #expect(book.table.column(.aumDeposits)?.values[row] == 25_000_000)
        #expect(book.score(of: .loyalty, ofRow: row) == score.dimension(.loyalty)?.score)
        // The other rows are untouched.
        let fresh = try ValueScorer(model: .defaultIndividual).score(table: table)
        #expect(fresh.totalHundredths.indices.filter { fresh.totalHundredths[$0] != book.totalHundredths[$0] } == [row])
    }

    @Test func aModelOnlyScoresTablesItFits() throws {
        let individuals = try ScoringFixture.individuals.get()
        let wrongKind = try #require(throws: ScoringInputError.self) {
            try ValueScorer(model: .defaultStrategicCorporate).score(table: individuals)
        }
        #expect(wrongKind.code == .modelMismatch)
        var partial = handTable(2)
        try partial.setColumn(.aumDeposits, values: [1, 2], present: [true, true])
        let missing = try #require(throws: ScoringInputError.self) {
            try ValueScorer(model: .defaultIndividual).score(table: partial)
        }
        #expect(missing.code == .missingColumn)
        let dollars = IndicatorTable(customers: [], subject: .individual, currency: .usd, asOf: Day(number: 0))
        let currency = try #require(throws: ScoringInputError.self) {
            try ValueScorer(model: .defaultIndividual).score(table: dollars)
        }
        #expect(currency.code == .modelMismatch)
    }

    @Test func scoringIsDeterministicAndRanksBestFirst() async throws {
        let table = try ScoringFixture.individuals.get()
        let model = ScoringModel.defaultIndividual
        let first = try ValueScorer(model: model).score(table: table)
        let second = try await Task.detached { try ValueScorer(model: model).score(table: table) }.value
        #expect(first.totalHundredths == second.totalHundredths)
        #expect(first.dimensionHundredths == second.dimensionHundredths)
        let top = first.topRows(25)
        #expect(top.count == 25)
        let sorted = first.totalHundredths.indices.sorted {
            (first.totalHundredths[$0], -$0) > (first.totalHundredths[$1], -$1)
        }
        #expect(top == Array(sorted.prefix(25)))
        #expect(first.topRows(0).isEmpty)
        #expect(first.row(of: first.customers[77]) == 77)
        #expect(first.score(ofRow: first.count) == nil)
    }

    @Test func pointsPrintAsHundredths() {
        #expect(ScorePoints(hundredths: 7_345).description == "73.45")
        #expect(ScorePoints(hundredths: 5).description == "0.05")
        #expect(ScorePoints(hundredths: -120).description == "-1.20")
        #expect(ScorePoints(hundredths: 10_000).value == 100)
    }
}
