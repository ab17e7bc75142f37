import CustomerModel
import SyntheticBank
import ValueModel

/// The Customer Value Model on a whole synthetic bank: the transaction pass that feeds it, the
/// batch score of every client, an explanation, and re-scoring one client after one event.
enum ScoringBenchmarks {
    static func valueModel(clients: Int) throws {
        var configuration = SyntheticBank.Configuration(seed: 7, clientCount: clients)
        configuration.balanceSnapshots = .monthEnd
        let bank = SyntheticBank(configuration)
        let everyone = 0..<bank.clientCount
        let columns = bank.transactionColumns()
        let interactions = bank.interactions(clients: everyone)
        let balances = bank.balances(clients: everyone)
        let asOf = bank.period.upperBound
        let builder = IndicatorTableBuilder(asOf: asOf, currency: .cny)
        let label = "\(clients / 1000)k clients, \(Harness.format(Double(columns.count) / 1e6, 1))M tx"

        // The one pass over the transaction columns (activity window, fees, outflows, activity trend).
        let ids = bank.profiles.map(\.id)
        var activity: TransactionActivity?
        let pass = try Harness.timeSyncWithCPU(repetitions: 9) {
            activity = try TransactionActivity(columns: columns, customers: ids, asOf: asOf, currency: .cny)
        }
        Harness.report(
            "CVM transaction pass, \(label)",
            "median \(Harness.format(Harness.median(pass.wall) * 1e3, 1)) ms"
                + " (CPU \(Harness.format(Harness.median(pass.cpu) * 1e3, 1)) ms on all cores)"
        )
        _ = activity

        // Building the tables from profiles, holdings, relationships, interactions and balances.
        var individuals: IndicatorTable?
        var corporates: IndicatorTable?
        let build = try Harness.timeSync(repetitions: 1) {
            individuals = try builder.build(
                subject: .individual,
                profiles: bank.profiles,
                holdings: bank.holdings,
                relationships: bank.relationships,
                referrals: bank.referrals,
                interactions: interactions,
                balances: balances,
                transactions: columns
            )
            corporates = try builder.build(
                subject: .corporate,
                profiles: bank.profiles,
                holdings: bank.holdings,
                relationships: bank.relationships,
                referrals: bank.referrals,
                interactions: interactions,
                balances: balances,
                transactions: columns
            )
        }
        Harness.report(
            "CVM indicator tables (both kinds), \(label)",
            "median \(Harness.format(Harness.median(build), 2)) s (not a hot path)"
        )
        guard let individualTable = individuals, let corporateTable = corporates else { return }

        // The batch score of every client.
        let individualScorer = ValueScorer(model: .defaultIndividual)
        let corporateScorer = ValueScorer(model: .defaultStrategicCorporate)
        var book: ScoreBook?
        let batch = try Harness.timeSyncWithCPU(repetitions: 21) {
            book = try individualScorer.score(table: individualTable)
            _ = try corporateScorer.score(table: corporateTable)
        }
        let individualOnly = try Harness.timeSyncWithCPU(repetitions: 21) {
            _ = try individualScorer.score(table: individualTable)
        }
        Harness.report(
            "CVM batch score, \(clients / 1000)k clients",
            "median \(Harness.format(Harness.median(batch.wall) * 1e3, 2)) ms"
                + " (CPU \(Harness.format(Harness.median(batch.cpu) * 1e3, 2)) ms);"
                + " \(individualTable.rowCount) individuals alone"
                + " \(Harness.format(Harness.median(individualOnly.wall) * 1e3, 2)) ms"
                + " (CPU \(Harness.format(Harness.median(individualOnly.cpu) * 1e3, 2)) ms)"
        )
        guard var scored = book else { return }

        // Explanations on demand, and re-scoring one client after one event.
        var generator = SeededGenerator(seed: 3)
        var explain: [Double] = []
        var rescore: [Double] = []
        var event: [Double] = []
        var checksum = 0
        for sample in 0..<21_000 {
            let row = generator.nextInt(below: scored.count)
            var start = ContinuousClock.now
            let explained = scored.score(ofRow: row)
            let explainTime = Harness.seconds(ContinuousClock.now - start)
            // One event: a deposit of CNY 50,000 lands.
            start = ContinuousClock.now
            var inputs = scored.table.inputs(ofRow: row)
            if case .number(let deposits) = inputs[.aumDeposits] { inputs[.aumDeposits] = .number(deposits + 50_000) }
            let prepared = ContinuousClock.now
            let updated = try scored.rescore(row: row, with: inputs)
            let end = ContinuousClock.now
            checksum &+= updated.total.hundredths &+ (explained?.total.hundredths ?? 0)
            if sample >= 1_000 {  // the first 1000 warm up
                explain.append(explainTime * 1e6)
                rescore.append(Harness.seconds(end - prepared) * 1e6)
                event.append(Harness.seconds(end - start) * 1e6)
            }
        }
        Harness.report(
            "CVM explanation of one client",
            "p50 \(Harness.format(Harness.percentile(explain, 50), 1)) us, p99 \(Harness.format(Harness.percentile(explain, 99), 1)) us"
        )
        Harness.report(
            "CVM re-score one client after one event",
            "p50 \(Harness.format(Harness.percentile(rescore, 50), 2)) us, p99 \(Harness.format(Harness.percentile(rescore, 99), 2)) us"
                + " (target < 20 us); with reading its inputs p50 \(Harness.format(Harness.percentile(event, 50), 2)) us"
        )
        _ = try scored.update(row: 0, with: scored.table.inputs(ofRow: 0))
        if checksum == 42 { print("") }
    }
}

extension ScoringBenchmarks {
    /// For profilers: the transaction pass and the batch score, `rounds` times each, on a bank
    /// without interactions or balances (quick to set up).
    static func hotLoops(clients: Int, rounds: Int) throws {
        let bank = SyntheticBank(SyntheticBank.Configuration(seed: 7, clientCount: clients))
        let columns = bank.transactionColumns()
        let asOf = bank.period.upperBound
        let ids = bank.profiles.map(\.id)
        let table = try IndicatorTableBuilder(asOf: asOf, currency: .cny).build(
            subject: .individual,
            profiles: bank.profiles,
            holdings: bank.holdings,
            relationships: bank.relationships,
            referrals: bank.referrals,
            transactions: columns
        )
        let scorer = ValueScorer(model: .defaultIndividual)
        let pass = try Harness.timeSyncWithCPU(repetitions: rounds) {
            _ = try TransactionActivity(columns: columns, customers: ids, asOf: asOf, currency: .cny)
        }
        let batch = try Harness.timeSyncWithCPU(repetitions: rounds) { _ = try scorer.score(table: table) }
        let book = try scorer.score(table: table)
        var generator = SeededGenerator(seed: 5)
        let samples = (0..<1_000).map { _ in generator.nextInt(below: book.count) }
        let inputs = samples.map { row -> IndicatorRow in
            var inputs = book.table.inputs(ofRow: row)
            if case .number(let deposits) = inputs[.aumDeposits] { inputs[.aumDeposits] = .number(deposits + 50_000) }
            return inputs
        }
        var checksum = 0
        let rescore = try Harness.timeSyncWithCPU(repetitions: rounds) {
            for (row, input) in zip(samples, inputs) {
                checksum &+= try book.rescore(row: row, with: input).total.hundredths
            }
        }
        Harness.report(
            "hot loops: re-score",
            "\(Harness.format(Harness.median(rescore.cpu) * 1e3, 2)) us CPU per client (\(checksum % 7))"
        )
        Harness.report(
            "hot loops: pass / batch",
            "wall \(Harness.format(Harness.median(pass.wall) * 1e3, 1)) / \(Harness.format(Harness.median(batch.wall) * 1e3, 1)) ms,"
                + " CPU \(Harness.format(Harness.median(pass.cpu) * 1e3, 1)) / \(Harness.format(Harness.median(batch.cpu) * 1e3, 1)) ms"
        )
    }
}
