import CustomerModel
import SyntheticBank
import Testing

@testable import ValueModel

/// The vector form of the activity pass (`CActivityPass`, AVX2) against the Swift loop: the same
/// columns, cells and errors on a synthetic book and on hand-made edge cases. On a machine without
/// AVX2 both calls run the Swift loop and the checks still hold.
@Suite("Activity pass: vector and Swift loops agree")
struct ActivityVectorPassTests {
    static let asOf = Day(number: 20_453)
    static let windows = ActivityWindows(
        asOf: asOf,
        selection: TransactionSelection(currency: .cny, types: ActivityWindows.clientTransactionTypes)
    )

    /// Both loops over `columns` (recorded as one currency), with and without the CVM's measures.
    static func compare(
        _ columns: TransactionColumns,
        windows: ActivityWindows = windows,
        derivation: IndicatorDerivation = IndicatorDerivation(),
        vectorizes: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        var columns = columns
        columns.recordUniformCurrency()
        let spec = ScoringPassSpec(asOf: windows.asOf, derivation: derivation)
        for scoring in [spec, nil] {
            let vector = try ActivityPass.aggregateReporting(columns, windows: windows, scoring: scoring, vector: true)
            let swift = try ActivityPass.aggregateReporting(columns, windows: windows, scoring: scoring, vector: false)
            #expect(vector.columns == swift.columns, sourceLocation: sourceLocation)
            // The vector loop ran wherever the CPU has it, unless a row sent it back.
            #expect(
                vector.vectorized == (ActivityPass.vectorPassAvailable && vectorizes),
                sourceLocation: sourceLocation
            )
            #expect(!swift.vectorized, sourceLocation: sourceLocation)
        }
    }

    /// Seeded rows: `clients` clients in runs of 1 to `longest` rows, days from `span` days before
    /// the analysis day to 10 days after it, every type and direction, amounts up to `largest`.
    static func rows(
        seed: UInt64,
        clients: Int,
        count: Int,
        longest: Int = 40,
        span: Int32 = 800,
        largest: Int64 = 900_000_00
    ) -> TransactionColumns {
        var random = SeededGenerator(seed: seed)
        var columns = TransactionColumns(customers: (0..<clients).map { CustomerID("C\($0)") })
        while columns.count < count {
            let client = Int32(Int.random(in: 0..<clients, using: &random))
            for _ in 0..<Int.random(in: 1...longest, using: &random) where columns.count < count {
                columns.customerIndex.append(client)
                columns.day.append(asOf.number - Int32.random(in: -10...span, using: &random))
                columns.amountMinorUnits.append(Int64.random(in: 0...largest, using: &random))
                columns.currency.append(CurrencyCode.cny.packed)
                columns.type.append(UInt8.random(in: 0...15, using: &random))
                columns.direction.append(UInt8.random(in: 0...1, using: &random))
                columns.channel.append(0)
                columns.merchantCategory.append(255)
                columns.isOverseas.append(false)
            }
        }
        return columns
    }

    @Test func aSyntheticBookGivesTheSameColumns() throws {
        let bank = SyntheticBank(SyntheticBank.Configuration(seed: 5, clientCount: 300))
        let columns = bank.transactionColumns()
        try Self.compare(columns)
        let windows = ActivityWindows(
            asOf: bank.configuration.endDay,
            selection: TransactionSelection(currency: .cny, types: ActivityWindows.clientTransactionTypes)
        )
        try Self.compare(columns, windows: windows)
    }

    @Test(arguments: [1, 2, 7, 8, 9, 15, 16, 17, 1_000, 4_099])
    func everyRowCountAndRunLengthGivesTheSameColumns(count: Int) throws {
        // Runs shorter and longer than a step of eight, clients in several runs, rows after the
        // analysis day and older than every window, the last rows of the columns in a short step.
        try Self.compare(Self.rows(seed: UInt64(count), clients: 37, count: count))
    }

    @Test func twoWorkersMergeTheSameColumns() throws {
        // Enough rows for both cores: clients in runs on both sides of the split, and clients one
        // worker never sees (their cells stay unwritten in that worker).
        let columns = Self.rows(seed: 21, clients: 3_000, count: 140_000)
        #expect(Set(columns.customerIndex[..<70_000]).count > 2_000)
        try Self.compare(columns)
        var grouped = Self.rows(seed: 22, clients: 3_000, count: 140_000)
        let order = grouped.customerIndex.indices.sorted { grouped.customerIndex[$0] < grouped.customerIndex[$1] }
        grouped.customerIndex = order.map { grouped.customerIndex[$0] }
        grouped.day = order.map { grouped.day[$0] }
        grouped.amountMinorUnits = order.map { grouped.amountMinorUnits[$0] }
        grouped.type = order.map { grouped.type[$0] }
        grouped.direction = order.map { grouped.direction[$0] }
        grouped.currency = order.map { grouped.currency[$0] }
        try Self.compare(grouped)
    }

    @Test func otherWindowsAndThresholdsGiveTheSameColumns() throws {
        let columns = Self.rows(seed: 11, clients: 50, count: 3_000, span: 3_000)
        let windows = ActivityWindows(
            asOf: Self.asOf,
            rfmDays: 30,
            recentDays: 7,
            selection: TransactionSelection(currency: .cny, types: [.cardSpend, .fee], direction: .outflow),
            activityTypes: [.deposit, .cardSpend],
            leavingTypes: [.fee, .transferOut],
            arrivingTypes: [.interest]
        )
        let derivation = IndicatorDerivation(
            transactionWindowMonths: 40,
            feeWindowDays: 2_000,
            largeOutflowMinorUnits: 1,
            largeOutflowWindowDays: 0,
            activityWindowDays: 1
        )
        try Self.compare(columns, windows: windows, derivation: derivation)
    }

    @Test func aLongRunIsSplitTheSameWay() throws {
        // One client with more rows than a run of the vector loop holds (4,096).
        var columns = Self.rows(seed: 3, clients: 1, count: 70_000, longest: 70_000)
        columns.customerIndex = [Int32](repeating: 0, count: columns.count)
        try Self.compare(columns)
    }

    @Test func rowsOutsideTheVectorTablesFallBackToTheSwiftLoop() throws {
        var columns = Self.rows(seed: 8, clients: 20, count: 500)
        columns.type[250] = 200
        try Self.compare(columns, vectorizes: false)
        columns.type[250] = 1
        columns.direction[499] = 2
        try Self.compare(columns, vectorizes: false)
    }

    @Test func daysFarFromTheAnalysisDayGiveTheSameColumns() throws {
        var columns = Self.rows(seed: 9, clients: 10, count: 200)
        columns.day[3] = .min
        columns.day[4] = .max
        columns.day[5] = Self.asOf.number - 20_000
        try Self.compare(columns)
    }

    @Test func badInputGivesTheSameErrors() throws {
        var columns = Self.rows(seed: 4, clients: 10, count: 300)
        columns.recordUniformCurrency()
        let spec = ScoringPassSpec(asOf: Self.asOf, derivation: IndicatorDerivation())
        func errors(_ columns: TransactionColumns) -> [ActivityError?] {
            [true, false].map { vector -> ActivityError? in
                do throws(ActivityError) {
                    _ = try ActivityPass.aggregate(columns, windows: Self.windows, scoring: spec, vector: vector)
                    return nil
                } catch { return error }
            }
        }
        var badClient = columns
        badClient.customerIndex[123] = 10
        var negative = columns
        negative.amountMinorUnits[77] = -5
        var overflowing = columns
        for row in 0..<overflowing.count where overflowing.customerIndex[row] == overflowing.customerIndex[0] {
            overflowing.amountMinorUnits[row] = .max / 2
        }
        for bad in [badClient, negative, overflowing] {
            let found = errors(bad)
            #expect(found[0] != nil)
            #expect(found[0] == found[1])
        }
        // Amounts large enough to need the exact recount but not overflowing.
        var large = columns
        for row in 0..<large.count { large.amountMinorUnits[row] = 1 << 58 }
        #expect(errors(large) == [nil, nil])
        try Self.compare(large)
    }
}
