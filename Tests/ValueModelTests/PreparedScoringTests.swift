import CustomerModel
import SyntheticBank
import Testing
import ValueModel

/// A scorer prepared once for the table without transactions scores every night's table exactly
/// as a fresh scorer does: totals, dimensions, explanations and re-scores, to the last bit.
@Suite("Prepared scoring")
struct PreparedScoringTests {
    /// The synthetic bank's table without transactions for `kind`, and its filler.
    private static func filler(_ kind: CustomerKind) throws -> TransactionIndicatorFiller {
        let bank = ScoringFixture.bank
        let everyone = 0..<bank.clientCount
        let base = try ScoringFixture.builder.build(
            subject: kind,
            profiles: bank.profiles,
            holdings: bank.holdings,
            relationships: bank.relationships,
            referrals: bank.referrals,
            interactions: bank.interactions(clients: everyone),
            balances: bank.balances(clients: everyone)
        )
        return try TransactionIndicatorFiller(base: base, snapshotCustomers: bank.transactionColumns().customers)
    }

    /// The aggregates of the bank's snapshot as of `daysBefore` days before the fixture's day.
    private static func aggregates(daysBefore: Int) throws -> ActivityAggregates {
        let asOf = ScoringFixture.asOf.adding(days: -daysBefore)
        let windows = ActivityWindows(asOf: asOf, selection: TransactionSelection(currency: .cny))
        return try ActivityAggregates(
            columns: ScoringFixture.bank.transactionColumns(),
            windows: windows,
            scoring: ScoringFixture.builder.derivation
        )
    }

    /// Checks that two books of the same table hold the same scores, explanations and re-scores.
    private func expectSame(_ prepared: ScoreBook, _ plain: ScoreBook, rows: StrideTo<Int>) throws {
        #expect(prepared.count == plain.count)
        #expect(prepared.totalHundredths == plain.totalHundredths)
        #expect(prepared.dimensionHundredths == plain.dimensionHundredths)
        for row in rows {
            #expect(prepared.score(ofRow: row) == plain.score(ofRow: row))
            let inputs = plain.table.inputs(ofRow: row)
            #expect(try prepared.rescore(row: row, with: inputs) == (try plain.rescore(row: row, with: inputs)))
        }
    }

    @Test(arguments: [CustomerKind.individual, .corporate])
    func aPreparedScorerScoresEveryNightLikeAFreshOne(kind: CustomerKind) throws {
        let model: ScoringModel = kind == .individual ? .defaultIndividual : .defaultStrategicCorporate
        let filler = try Self.filler(kind)
        let scorer = ValueScorer(model: model).prepared(for: filler)
        #expect(scorer.isPrepared && !ValueScorer(model: model).isPrepared)
        for daysBefore in [0, 45] {
            let table = try filler.fill(from: try Self.aggregates(daysBefore: daysBefore))
            let plain = try ValueScorer(model: model).score(table: table)
            let prepared = try scorer.score(table: table)
            try expectSame(prepared, plain, rows: stride(from: 0, to: table.rowCount, by: 5))
        }
    }

    @Test func aColumnSetAnewIsComparedAndAChangedOneScoredAfresh() throws {
        let filler = try Self.filler(.individual)
        var table = try filler.fill(from: try Self.aggregates(daysBefore: 0))
        // Prepared with nothing expected to change: the night's columns are the prepared ones.
        let scorer = ValueScorer(model: .defaultIndividual).prepared(for: table, changing: [])
        try expectSame(
            try scorer.score(table: table),
            try ValueScorer(model: .defaultIndividual).score(table: table),
            rows: stride(from: 0, to: table.rowCount, by: 97)
        )
        // The same values in new storage, then other values, in a prefix column (deposits), a
        // column scored after a changing one (products held), a percentile column (FTP) and a
        // column whose missing rows take the median (life stage's lookup values cannot change; use
        // satisfaction).
        for id in [IndicatorID.aumDeposits, .productsHeld, .ftpContribution, .satisfaction] {
            let column = try #require(table.column(id))
            let present = (0..<table.rowCount).map { column.presence[$0] }
            try table.setColumn(id, values: column.values.map { $0 + 0 }, present: present)
            try expectSame(
                try scorer.score(table: table),
                try ValueScorer(model: .defaultIndividual).score(table: table),
                rows: stride(from: 0, to: table.rowCount, by: 131)
            )
            let changed = column.values.enumerated().map { row, value in
                id == .satisfaction ? Double(1 + row % 5) : value * 1.5 + Double(row % 3)
            }
            try table.setColumn(
                id,
                values: changed,
                present: present.enumerated().map { $0.offset % 4 != 0 && $0.element }
            )
            try expectSame(
                try scorer.score(table: table),
                try ValueScorer(model: .defaultIndividual).score(table: table),
                rows: stride(from: 0, to: table.rowCount, by: 131)
            )
        }
    }

    @Test func preparationHidesNoError() throws {
        let filler = try Self.filler(.individual)
        let scorer = ValueScorer(model: .defaultIndividual).prepared(for: filler)
        // Another kind of client.
        let corporates = try Self.filler(.corporate).fill(from: try Self.aggregates(daysBefore: 0))
        let wrongKind = #expect(throws: ScoringInputError.self) { try scorer.score(table: corporates) }
        #expect(wrongKind?.code == .modelMismatch)
        // Other clients: nothing prepared applies, and a missing column is still reported.
        var other = handTable(3)
        try other.setColumn(.aumDeposits, values: [1, 2, 3], present: [true, true, false])
        let missing = #expect(throws: ScoringInputError.self) { try scorer.score(table: other) }
        #expect(missing?.code == .missingColumn)
        // Preparing for a table of the wrong kind prepares nothing and still scores right.
        let unfit = ValueScorer(model: .defaultIndividual).prepared(for: corporates, changing: [])
        let table = try filler.fill(from: try Self.aggregates(daysBefore: 0))
        #expect(
            try unfit.score(table: table).totalHundredths
                == (try ValueScorer(model: .defaultIndividual).score(table: table).totalHundredths)
        )
    }
}
