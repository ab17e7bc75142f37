import CustomerModel
import Foundation
import SyntheticBank
import ValueModel

/// The lifetime-value pipeline on a book of 100 k clients and about 10 M transactions: summaries
/// from the columnar snapshot, BG/NBD fit, Gamma-Gamma fit, and predictions (P(alive), expected
/// transactions and CLV over a year), timed as medians of repeated runs.
///
/// With an export directory
/// it also writes the transaction log (for `python/lifetimes_peer.py`, which times the Python
/// package `lifetimes` on the same rows), the summaries with Clientele's predictions, and the
/// fitted parameters and timings as JSON.
///
/// Two books:
/// - `process` (the default, and the one the peer script compares): clients simulated from the
///   BG/NBD and Gamma-Gamma processes themselves (``Process``), two years of purchases, client
///   by client as `SyntheticBank` lays out its columns. The fits are well posed, so both
///   libraries must land on the same parameters.
/// - `synthetic`: the ``/CustomerModelTesting/SyntheticBank`` transaction stream (every row in
///   the bank's currency counts). Its clients stay active all year (few drop out), so the BG/NBD
///   likelihood keeps rising as `a` and `b` grow without bound: the fit reports no convergence and
///   the parameters are not identifiable. Timing only.
///
/// Definitions shared with the peer script: rows of one client on one day are one transaction
/// whose amount is their sum; the time unit is the week (days / 7); calibration ends on the last
/// day of the book; the horizon is 12 months of 4.345 weeks, discounted 1% a month (lifetimes'
/// `customer_lifetime_value` with `freq="W"`); expected transactions are for the next 52 weeks.
enum LifetimeBenchmarks {
    static let monthInWeeks = 4.345
    static let horizonWeeks = 52.0

    /// The simulated purchase process of the `process` book (rates per week, spend in major units).
    enum Process {
        static let r = 2.0, alpha = 1.1  // λ ~ Gamma(r, rate α) purchases a week: mean 1.82
        static let a = 1.0, b = 150.0  // p ~ Beta(a, b): drop-out chance after each purchase
        static let p = 4.0, q = 5.0, gamma = 300.0  // z ~ Gamma(p, rate ν), ν ~ Gamma(q, rate γ): mean 300
        static let days = 730  // first purchases spread over the first 365 days
    }

    /// Two years of purchases of `clients` clients drawn from ``Process``, client by client and
    /// in day order within a client (the layout of `SyntheticBank.transactionColumns()`).
    static func processBook(clients: Int, seed: UInt64) -> (columns: TransactionColumns, end: Day) {
        var random = SeededGenerator(seed: seed)
        let start = Day(year: 2024, month: 1, day: 1) ?? Day(number: 19_723)
        var columns = TransactionColumns(customers: (0..<clients).map { CustomerID("P\($0)") })
        columns.reserveCapacity(clients * 110)
        let currency = CurrencyCode.cny.packed
        let days = Double(Process.days)
        for c in 0..<clients {
            let rate = gamma(Process.r, &random) / Process.alpha / 7  // per day
            let x = gamma(Process.a, &random)
            let dropout = x / (x + gamma(Process.b, &random))
            let spendRate = gamma(Process.q, &random) / Process.gamma
            var next = Double(random.nextInt(below: 365)) + random.nextDouble()
            while next < days {
                let amount = gamma(Process.p, &random) / spendRate
                columns.customerIndex.append(Int32(c))
                columns.day.append(start.number + Int32(next))
                columns.amountMinorUnits.append(max(1, Int64((amount * 100).rounded())))
                columns.currency.append(currency)
                if random.nextDouble() < dropout { break }
                next += -log(random.nextPositiveDouble()) / rate
            }
        }
        return (columns, start.adding(days: Process.days - 1))
    }

    /// CPU seconds this process has used, on every thread.
    static func cpuSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// A Gamma(shape, 1) draw (Marsaglia and Tsang 2000).
    static func gamma(_ shape: Double, _ random: inout SeededGenerator) -> Double {
        if shape < 1 {
            return gamma(shape + 1, &random) * pow(random.nextPositiveDouble(), 1 / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            let x = random.normal()
            let v = pow(1 + c * x, 3)
            if v <= 0 { continue }
            if log(random.nextPositiveDouble()) < 0.5 * x * x + d - d * v + d * log(v) { return d * v }
        }
    }

    /// One timed run's outputs.
    struct Outputs {
        var summaries: CustomerSummaries
        var transactions: BGNBDFit
        var spend: GammaGammaFit
        var alive: [Double]
        var expected: [Double]
        var expectedSpend: [Int64]
        var lifetimeValues: [Int64]
    }

    static func run(book: String, clients: Int, repetitions: Int, export directory: String?) throws {
        let bankStart = ContinuousClock.now
        let columns: TransactionColumns
        let end: Day
        if book == "synthetic" {
            let synthetic = SyntheticBank(.init(seed: 7, clientCount: clients))
            columns = synthetic.transactionColumns()
            end = synthetic.configuration.endDay
        } else {
            (columns, end) = processBook(clients: clients, seed: 7)
        }
        let selection = TransactionSelection(currency: .cny)
        Harness.report(
            "lifetime: \(book) book",
            "\(clients) clients, \(columns.count) transactions (\(Harness.format(Harness.seconds(ContinuousClock.now - bankStart), 1)) s to generate)"
        )
        let horizon = try LifetimeValueHorizon(
            length: 12 * monthInWeeks,
            discountPeriod: monthInWeeks,
            discountRate: 0.01
        )

        var steps: [String: [Double]] = [:]
        var cpu: [Double] = []
        var outputs: Outputs?
        for _ in 0..<repetitions {
            let cpuStart = cpuSeconds()
            defer { cpu.append(cpuSeconds() - cpuStart) }
            var t = ContinuousClock.now
            func lap(_ name: String) {
                let now = ContinuousClock.now
                steps[name, default: []].append(Harness.seconds(now - t))
                t = now
            }
            let summaries = try CustomerSummaries(
                columns: columns,
                calibrationEnd: end,
                timeUnit: .weeks,
                selection: selection
            )
            lap("summary")
            let transactions = try BGNBDModel.fit(summaries)
            lap("bgnbd")
            let spend = try GammaGammaModel.fit(summaries)
            lap("gammagamma")
            var part = ContinuousClock.now
            func split(_ name: String) {
                let now = ContinuousClock.now
                steps[name, default: []].append(Harness.seconds(now - part))
                part = now
            }
            let alive = transactions.parameters.probabilityAlive(summaries)
            split("  P(alive)")
            let expected = try transactions.parameters.expectedTransactions(in: horizonWeeks, summaries)
            split("  expected transactions")
            let expectedSpend = try spend.parameters.conditionalExpectedSpend(summaries)
            split("  expected spend")
            let values = try LifetimeValueModel(transactions: transactions.parameters, spend: spend.parameters)
                .lifetimeValues(summaries, over: horizon)
            split("  CLV")
            lap("predictions")
            outputs = Outputs(
                summaries: summaries,
                transactions: transactions,
                spend: spend,
                alive: alive,
                expected: expected,
                expectedSpend: expectedSpend,
                lifetimeValues: values
            )
        }
        guard let outputs else { return }
        let total = (0..<repetitions).map { run in
            ["summary", "bgnbd", "gammagamma", "predictions"].reduce(0.0) { $0 + (steps[$1]?[run] ?? 0) }
        }
        for name in [
            "summary", "bgnbd", "gammagamma", "predictions", "  P(alive)", "  expected transactions",
            "  expected spend",
            "  CLV",
        ] {
            Harness.report(
                "lifetime: \(name)",
                "\(Harness.format((Harness.median(steps[name] ?? []) * 1000), 1)) ms median of \(repetitions)"
            )
        }
        Harness.report(
            "lifetime: total (summary+fits+predictions)",
            "\(Harness.format(Harness.median(total) * 1000, 1)) ms median of \(repetitions) (runs: \(total.map { Harness.format($0 * 1000, 0) }.joined(separator: ", ")) ms)"
        )
        Harness.report(
            "lifetime: process CPU time",
            "\(Harness.format(Harness.median(cpu), 2)) s median of \(repetitions) (both cores; wall-clock ratios on a busy machine understate what the cores do)"
        )
        let bg = outputs.transactions.parameters
        let gg = outputs.spend.parameters
        Harness.report(
            "lifetime: BG/NBD",
            "r=\(bg.r) alpha=\(bg.alpha) a=\(bg.a) b=\(bg.b) LL=\(outputs.transactions.report.logLikelihood) converged=\(outputs.transactions.report.converged)"
        )
        Harness.report(
            "lifetime: Gamma-Gamma",
            "p=\(gg.p) q=\(gg.q) gamma=\(gg.gamma) LL=\(outputs.spend.report.logLikelihood) converged=\(outputs.spend.report.converged)"
        )
        guard let directory else { return }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let exportStart = ContinuousClock.now
        let rows = try writeTransactions(columns, selection: selection, end: end, to: directory + "/transactions.csv")
        let dense = Dictionary(columns.customers.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        try writeSummaries(outputs, dense: dense, to: directory + "/summary.csv")
        try writeReport(
            outputs,
            book: book,
            steps: steps,
            total: total,
            cpu: cpu,
            clients: clients,
            rows: rows,
            end: end,
            to: directory + "/clientele.json"
        )
        Harness.report(
            "lifetime: export",
            "\(rows) rows to \(directory)/transactions.csv, summaries and parameters (\(Harness.format(Harness.seconds(ContinuousClock.now - exportStart), 1)) s)"
        )
    }

    // MARK: Files

    /// `customer,date,amount`: dense client index, ISO day, amount in major units with two decimals.
    static func writeTransactions(
        _ columns: TransactionColumns,
        selection: TransactionSelection,
        end: Day,
        to path: String
    )
        throws -> Int
    {
        var dayText: [Int32: [UInt8]] = [:]
        var out: [UInt8] = []
        out.reserveCapacity(columns.count * 28)
        out.append(contentsOf: Array("customer,date,amount\n".utf8))
        let wanted = selection.currency.packed
        var rows = 0
        for i in 0..<columns.count where columns.currency[i] == wanted && columns.day[i] <= end.number {
            appendDecimal(Int64(columns.customerIndex[i]), to: &out)
            out.append(UInt8(ascii: ","))
            let day = columns.day[i]
            if let text = dayText[day] {
                out.append(contentsOf: text)
            } else {
                let text = Array(Day(number: day).description.utf8)
                dayText[day] = text
                out.append(contentsOf: text)
            }
            out.append(UInt8(ascii: ","))
            appendMoney(columns.amountMinorUnits[i], to: &out)
            out.append(UInt8(ascii: "\n"))
            rows += 1
        }
        try Data(out).write(to: URL(fileURLWithPath: path))
        return rows
    }

    /// `customer,frequency,recency,T,monetary_value,p_alive,expected_52w,expected_spend,clv`: one line a
    /// client, `customer` its dense index as in the transaction log.
    static func writeSummaries(_ outputs: Outputs, dense: [CustomerID: Int], to path: String) throws {
        let s = outputs.summaries
        var text = "customer,frequency,recency,T,monetary_value,p_alive,expected_52w,expected_spend,clv\n"
        text.reserveCapacity(s.count * 100)
        for i in 0..<s.count {
            let x = Int(s.frequency[i])
            let mean = x > 0 ? Double(s.repeatSpendMinorUnits[i]) / 100 / Double(x) : 0
            let index = dense[s.customers[i]] ?? -1
            text += "\(index),\(x),\(s.recency[i]),\(s.age[i]),\(mean),\(outputs.alive[i]),\(outputs.expected[i]),"
            text += "\(Double(outputs.expectedSpend[i]) / 100),\(Double(outputs.lifetimeValues[i]) / 100)\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func writeReport(
        _ outputs: Outputs,
        book: String,
        steps: [String: [Double]],
        total: [Double],
        cpu: [Double],
        clients: Int,
        rows: Int,
        end: Day,
        to path: String
    ) throws {
        let bg = outputs.transactions.parameters
        let gg = outputs.spend.parameters
        let report: [String: Any] = [
            "book": book,
            "clients": clients,
            "rows": rows,
            "summaries": outputs.summaries.count,
            "observation_end": end.description,
            "time_unit_days": 7,
            "horizon_weeks": horizonWeeks,
            "month_weeks": monthInWeeks,
            "discount_rate": 0.01,
            "bgnbd": [
                "r": bg.r, "alpha": bg.alpha, "a": bg.a, "b": bg.b,
                "log_likelihood": outputs.transactions.report.logLikelihood,
                "converged": outputs.transactions.report.converged,
            ],
            "gammagamma": [
                "p": gg.p, "q": gg.q, "gamma": gg.gamma, "log_likelihood": outputs.spend.report.logLikelihood,
                "converged": outputs.spend.report.converged,
            ],
            "seconds": steps.filter { !$0.key.hasPrefix(" ") }.mapValues { Harness.median($0) }
                .merging(["total": Harness.median(total)]) { a, _ in a },
            "cpu_seconds_total": Harness.median(cpu),
            "runs": total.count,
        ]
        let data = try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: path))
    }

    static func appendDecimal(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 {
            out.append(UInt8(ascii: "-"))
            appendDecimal(0 - value, to: &out)
            return
        }
        if value >= 10 { appendDecimal(value / 10, to: &out) }
        out.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    static func appendMoney(_ minor: Int64, to out: inout [UInt8]) {
        let magnitude = minor < 0 ? 0 - minor : minor
        if minor < 0 { out.append(UInt8(ascii: "-")) }
        appendDecimal(magnitude / 100, to: &out)
        out.append(UInt8(ascii: "."))
        out.append(UInt8(ascii: "0") + UInt8(magnitude % 100 / 10))
        out.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
    }
}
