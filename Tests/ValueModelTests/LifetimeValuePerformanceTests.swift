import CustomerModel
import Foundation
import Testing
import ValueModel

/// Opt-in timing of the whole lifetime-value pipeline on 100,000 clients and about 10 million
/// rows: `CLIENTELE_LTV_PERF=1 swift test -c release --filter LifetimeValuePerformanceTests`.
/// The figures that count come from Benchmarks/; this is a development aid.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["CLIENTELE_LTV_PERF"] != nil))
struct LifetimeValuePerformanceTests {
    /// Wall and process CPU time of `body` (CPU time is steadier on a shared machine).
    struct Timing: CustomStringConvertible {
        var wall: Duration
        var cpu: Double
        var description: String { "\(wall) wall, \((cpu * 1000).rounded() / 1000) s CPU" }
    }

    func cpuSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    func time(_ body: () throws -> Void) rethrows -> Timing {
        let cpu = cpuSeconds()
        let wall = try ContinuousClock().measure(body)
        return Timing(wall: wall, cpu: cpuSeconds() - cpu)
    }

    @Test func hundredThousandClientsTenMillionRows() throws {
        var random = TestRandom(state: 11)
        let clients = 100_000
        let days = 730
        let start = try #require(Day(year: 2023, month: 1, day: 1))
        var rate = [Double](repeating: 0, count: clients)
        var dropout = [Double](repeating: 0, count: clients)
        var next = [Double](repeating: 0, count: clients)
        var alive = [Bool](repeating: true, count: clients)
        var scale = [Double](repeating: 0, count: clients)
        for c in 0..<clients {
            rate[c] = random.gamma(2) / 10  // about 0.2 purchases a day
            dropout[c] = random.beta(1, 150)
            next[c] = Double(random.int(0..<365))
            scale[c] = random.gamma(3) * 3_000
        }
        var columns = TransactionColumns(customers: (0..<clients).map { CustomerID("P\($0)") })
        columns.reserveCapacity(11_000_000)
        for day in 0..<days {
            let number = start.adding(days: day).number
            for c in 0..<clients where alive[c] {
                while next[c] < Double(day + 1) {
                    columns.customerIndex.append(Int32(c))
                    columns.day.append(number)
                    columns.amountMinorUnits.append(Int64(100 + random.gamma(4) * scale[c]))
                    columns.currency.append(CurrencyCode.cny.packed)
                    if random.uniform() < dropout[c] {
                        alive[c] = false
                        break
                    }
                    next[c] += -log(random.uniform()) / rate[c]
                }
            }
        }
        print("rows: \(columns.count)")
        let calibrationEnd = start.adding(days: 546)
        let holdoutEnd = start.adding(days: days - 1)
        let selection = TransactionSelection(currency: .cny)

        var split = try CalibrationHoldoutSplit(
            columns: columns,
            calibrationEnd: calibrationEnd,
            holdoutEnd: holdoutEnd,
            timeUnit: .weeks,
            selection: selection
        )
        let tSummary = time {
            split =
                (try? CalibrationHoldoutSplit(
                    columns: columns,
                    calibrationEnd: calibrationEnd,
                    holdoutEnd: holdoutEnd,
                    timeUnit: .weeks,
                    selection: selection
                )) ?? split
        }
        var fit: BGNBDFit?
        let tFit = try time { fit = try BGNBDModel.fit(split.calibration) }
        let transactions = try #require(fit)
        var spendFit: GammaGammaFit?
        let tSpend = try time { spendFit = try GammaGammaModel.fit(split.calibration) }
        let spend = try #require(spendFit)
        var predicted: [Double] = []
        let tPredict = try time {
            predicted = try transactions.parameters.expectedTransactions(in: split.holdoutLength, split.calibration)
        }
        var alive2: [Double] = []
        let tAlive = time { alive2 = transactions.parameters.probabilityAlive(split.calibration) }
        let model = LifetimeValueModel(transactions: transactions.parameters, spend: spend.parameters)
        var values: [Int64] = []
        let tCLV = try time {
            values = try model.lifetimeValues(
                split.calibration,
                over: try LifetimeValueHorizon(length: 52, discountPeriod: 52.0 / 12, discountRate: 0.01)
            )
        }
        var order = Array(0..<columns.count)
        order.sort {
            columns.customerIndex[$0] != columns.customerIndex[$1]
                ? columns.customerIndex[$0] < columns.customerIndex[$1] : $0 < $1
        }
        var byClient = TransactionColumns(customers: columns.customers)
        byClient.customerIndex = order.map { columns.customerIndex[$0] }
        byClient.day = order.map { columns.day[$0] }
        byClient.amountMinorUnits = order.map { columns.amountMinorUnits[$0] }
        byClient.currency = order.map { columns.currency[$0] }
        var clientMajor = split
        let tClientMajor = try time {
            clientMajor = try CalibrationHoldoutSplit(
                columns: byClient,
                calibrationEnd: calibrationEnd,
                holdoutEnd: holdoutEnd,
                timeUnit: .weeks,
                selection: selection
            )
        }
        #expect(clientMajor.holdoutTransactions == split.holdoutTransactions)
        print("summary (rows in client order, as the synthetic bank writes them): \(tClientMajor)")
        var shuffled = columns
        for i in stride(from: shuffled.count - 1, to: 0, by: -1) {
            let j = random.int(0..<(i + 1))
            shuffled.customerIndex.swapAt(i, j)
            shuffled.day.swapAt(i, j)
            shuffled.amountMinorUnits.swapAt(i, j)
        }
        var unsorted = split
        let tShuffled = try time {
            unsorted = try CalibrationHoldoutSplit(
                columns: shuffled,
                calibrationEnd: calibrationEnd,
                holdoutEnd: holdoutEnd,
                timeUnit: .weeks,
                selection: selection
            )
        }
        #expect(unsorted.calibration.frequency == split.calibration.frequency)
        #expect(unsorted.holdoutTransactions == split.holdoutTransactions)
        print("clients in calibration: \(split.calibration.count)")
        print("summary (rows in day order): \(tSummary); shuffled rows: \(tShuffled)")
        print(
            "BG/NBD fit: \(tFit) \(transactions.parameters) \(transactions.report.message) evaluations \(transactions.report.evaluations) iterations \(transactions.report.nelderMeadIterations)+\(transactions.report.newtonIterations)"
        )
        print("Gamma-Gamma fit: \(tSpend) \(spend.parameters) evaluations \(spend.report.evaluations)")
        print("E[Y(t*)] all clients: \(tPredict); P(alive): \(tAlive); CLV 12 periods: \(tCLV)")
        print(
            "holdout actual \(split.holdoutTransactions.reduce(0) { $0 + Int($1) }) predicted \(predicted.reduce(0, +)); alive mean \(alive2.reduce(0, +) / Double(alive2.count)); CLV total \(values.reduce(0, +))"
        )
    }
}
