import CustomerModel
import Foundation
import SyntheticBank
import ValueModel

/// Issue 3's first figure: "RFM plus the CVM for 100k clients over 10M transactions, from the
/// columnar snapshot: under 50 ms".
///
/// `clientele-bench rfm-cvm [CLIENTS] [RUNS]` times, from the bank's columnar snapshot and the
/// indicator tables prebuilt without transactions (profiles, holdings, relationships, referrals,
/// interactions, balances: inputs that do not come from the snapshot), the whole nightly step:
/// the one fused pass (RFM, churn and CVM measures), RFM scores and segments, the CVM's
/// transaction-derived indicator columns, and the CVM batch score of every client (individuals
/// and corporates). The plain 3-column loop runs as the machine's yardstick in the same run. The
/// tables the step fills are checked against ``IndicatorTableBuilder`` with the transactions.
///
/// Prepared before the night (not timed in the step): the indicator tables without transactions,
/// their fillers, and the scorers prepared for them (``ValueScorer/prepared(for:)``: the compiled
/// indicators of the columns that do not change, their normalised values and the dimensions'
/// partial sums). Timed: the fused pass over the snapshot, RFM (cuts, scores, segments), filling
/// the transaction columns, and scoring both tables, whose changed indicators (six-month count,
/// fee income, churn signals) are compiled and ranked afresh. The prepared scores are checked
/// equal to an unprepared scorer's, and the unprepared batch is timed too, for the record.
enum RFMCVMBenchmarks {
    static func run(clients: Int, repetitions: Int) throws {
        var configuration = SyntheticBank.Configuration(seed: 7, clientCount: clients)
        configuration.balanceSnapshots = .monthEnd
        let bank = SyntheticBank(configuration)
        let everyone = 0..<bank.clientCount
        var columns = bank.transactionColumns()
        let asOf = bank.configuration.endDay
        let selection = TransactionSelection(currency: .cny, types: ActivityWindows.clientTransactionTypes)
        let windows = ActivityWindows(asOf: asOf, rfmDays: 365, selection: selection)
        let builder = IndicatorTableBuilder(asOf: asOf, currency: .cny)
        let interactions = bank.interactions(clients: everyone)
        let balances = bank.balances(clients: everyone)
        let label = "\(clients / 1000)k clients, \(Harness.format(Double(columns.count) / 1e6, 1))M rows"

        // Inputs prepared before the night: the tables without transactions and their fillers.
        var fillers: [TransactionIndicatorFiller] = []
        var scorers: [ValueScorer] = []
        var unprepared: [ValueScorer] = []
        var preparation: [Double] = []
        for (kind, model) in [
            (CustomerKind.individual, ScoringModel.defaultIndividual), (.corporate, .defaultStrategicCorporate),
        ] {
            let base = try builder.build(
                subject: kind,
                profiles: bank.profiles,
                holdings: bank.holdings,
                relationships: bank.relationships,
                referrals: bank.referrals,
                interactions: interactions,
                balances: balances
            )
            let filler = try TransactionIndicatorFiller(base: base, snapshotCustomers: columns.customers)
            fillers.append(filler)
            unprepared.append(ValueScorer(model: model))
            var prepared = ValueScorer(model: model)
            preparation += Harness.timeSync(repetitions: 1) {
                prepared = ValueScorer(model: model).prepared(for: filler)
            }
            scorers.append(prepared)
            // The fused path must give the table the builder gives with the transactions.
            let direct = try builder.build(
                subject: kind,
                profiles: bank.profiles,
                holdings: bank.holdings,
                relationships: bank.relationships,
                referrals: bank.referrals,
                interactions: interactions,
                balances: balances,
                transactions: columns
            )
            let aggregates = try ActivityAggregates(columns: columns, windows: windows, scoring: builder.derivation)
            guard try fillers[fillers.count - 1].fill(from: aggregates) == direct else {
                print("ERROR: the filled \(kind) table differs from the builder's")
                exit(1)
            }
            // The prepared scorer must score exactly as an unprepared one.
            let fresh = try ValueScorer(model: model).score(table: direct)
            let reused = try prepared.score(table: try filler.fill(from: aggregates))
            guard fresh.totalHundredths == reused.totalHundredths,
                fresh.dimensionHundredths == reused.dimensionHundredths,
                (0..<min(fresh.count, 200)).allSatisfy({
                    fresh.score(ofRow: $0 * 97 % fresh.count) == reused.score(ofRow: $0 * 97 % fresh.count)
                })
            else {
                print("ERROR: the prepared \(kind) scores differ from the unprepared scorer's")
                exit(1)
            }
        }

        // Once per snapshot: does every row have the book's currency? (one read of that column)
        var uniform: CurrencyCode?
        let scan = Harness.timeSync(repetitions: 5) {
            var copy = columns
            uniform = copy.recordUniformCurrency()
        }
        columns.recordUniformCurrency()
        Harness.report(
            "uniform-currency scan (once per snapshot)",
            Harness.milliseconds(scan) + ": \(uniform.map { "\($0)" } ?? "mixed")"
        )

        var checksum = 0
        // Where the step's time goes, per run: pass, RFM, fill + score.
        var phases: [[Double]] = [[], [], []]
        func step(_ columns: TransactionColumns, scorers: [ValueScorer], record: Bool = false) throws {
            let start = ContinuousClock.now
            let aggregates = try ActivityAggregates(columns: columns, windows: windows, scoring: builder.derivation)
            let passed = ContinuousClock.now
            let rfm = RFMBook(activity: aggregates)
            checksum &+= Int(rfm.segment[0].hashValue & 1)
            let ranked = ContinuousClock.now
            for (filler, scorer) in zip(fillers, scorers) {
                let book = try scorer.score(table: try filler.fill(from: aggregates))
                checksum &+= book.count
            }
            if record {
                phases[0].append(Harness.seconds(passed - start))
                phases[1].append(Harness.seconds(ranked - passed))
                phases[2].append(Harness.seconds(ContinuousClock.now - ranked))
            }
        }
        // Parts, for the record.
        var aggregates: ActivityAggregates?
        let baseline = Harness.timeSync(repetitions: repetitions) { Baseline.run(columns, asOf: asOf.number) }
        let fused = try Harness.timeSync(repetitions: repetitions) {
            aggregates = try ActivityAggregates(columns: columns, windows: windows, scoring: builder.derivation)
        }
        var readingCurrency = columns
        readingCurrency.currency[0] = readingCurrency.currency[0]  // forgets the uniform currency
        let fusedReadingCurrency = try Harness.timeSync(repetitions: repetitions) {
            _ = try ActivityAggregates(columns: readingCurrency, windows: windows, scoring: builder.derivation)
        }
        guard let aggregates else { return }
        let rfm = Harness.timeSync(repetitions: repetitions) { checksum &+= RFMBook(activity: aggregates).activeCount }
        var tables: [IndicatorTable] = []
        let fill = try Harness.timeSync(repetitions: repetitions) {
            tables = try fillers.map { filler throws in try filler.fill(from: aggregates) }
        }
        let score = try Harness.timeSync(repetitions: repetitions) {
            for (table, scorer) in zip(tables, scorers) { checksum &+= try scorer.score(table: table).count }
        }
        let scoreUnprepared = try Harness.timeSync(repetitions: repetitions) {
            for (table, scorer) in zip(tables, unprepared) { checksum &+= try scorer.score(table: table).count }
        }
        // The whole step, with the plain loop interleaved as the peer.
        var whole: [Double] = []
        var wholeUnprepared: [Double] = []
        var peer: [Double] = []
        var cpu: [Double] = []
        for _ in 0..<repetitions {
            peer += Harness.timeSync(repetitions: 1) { Baseline.run(columns, asOf: asOf.number) }
            let measured = try Harness.timeSyncWithCPU(repetitions: 1) {
                try step(columns, scorers: scorers, record: true)
            }
            whole += measured.wall
            cpu += measured.cpu
            wholeUnprepared += try Harness.timeSync(repetitions: 1) { try step(columns, scorers: unprepared) }
        }
        Harness.report(
            "activity pass loop on this machine",
            ActivityAggregates.vectorLoopAvailable ? "vector (AVX2)" : "portable Swift"
        )
        Harness.report("baseline: plain 3-column loop, 2 cores", Harness.milliseconds(baseline))
        Harness.report("fused pass (RFM + churn + CVM), \(label)", Harness.milliseconds(fused))
        Harness.report("fused pass reading the currency column", Harness.milliseconds(fusedReadingCurrency))
        Harness.report("RFM scores and segments", Harness.milliseconds(rfm))
        Harness.report("CVM transaction indicator columns", Harness.milliseconds(fill))
        Harness.report("CVM batch score, both kinds, prepared scorers", Harness.milliseconds(score))
        Harness.report("  unprepared scorers (every indicator compiled)", Harness.milliseconds(scoreUnprepared))
        Harness.report("  preparing both scorers (once, before the night)", Harness.milliseconds(preparation))
        Harness.report("RFM + CVM step, \(label)", Harness.milliseconds(whole) + " (target < 50 ms)")
        Harness.report(
            "  inside the step: pass, RFM, fill + score",
            phases.map { Harness.format(Harness.median($0) * 1e3, 1) + " ms" }.joined(separator: ", ") + " (medians)"
        )
        Harness.report("  the same step with unprepared scorers", Harness.milliseconds(wholeUnprepared))
        Harness.report(
            "  CPU of the step; peer loop in the same runs",
            "median \(Harness.format(Harness.median(cpu) * 1e3, 1)) ms CPU; loop "
                + Harness.milliseconds(peer)
                + "; step / loop \(Harness.format(Harness.median(whole) / Harness.median(peer), 2))x"
        )
        if checksum == 42 { print("") }
    }
}
