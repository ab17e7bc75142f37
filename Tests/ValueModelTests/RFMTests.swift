import CustomerModel
import SyntheticBank
import Testing
import ValueModel

/// The documented quintile rule, by brute force: `1 + ⌊5·(C − 1)/n⌋`, `C` the values at or below.
func bruteForceScores(_ values: [Int64]) -> [Int] {
    let n = values.count
    let sorted = values.sorted()
    return values.map { v in
        var lo = 0
        var hi = n
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] <= v { lo = mid + 1 } else { hi = mid }
        }
        return 1 + 5 * (lo - 1) / n
    }
}

struct RFMQuintileTests {
    @Test func fiveDistinctValuesScoreOneToFive() {
        let cuts = QuintileCuts(values: [50, 10, 40, 20, 30])
        #expect([10, 20, 30, 40, 50].map { cuts.score($0) } == [1, 2, 3, 4, 5])
        #expect(cuts.cuts == [20, 30, 40, 50])
    }

    @Test func edgesOfTheQuintilesFollowTheFloorRule() {
        // n = 7: C - 1 = 0...6 gives 1 + ⌊5(C - 1)/7⌋ = 1, 1, 2, 3, 3, 4, 5.
        let values: [Int64] = [1, 2, 3, 4, 5, 6, 7]
        let cuts = QuintileCuts(values: values)
        #expect(values.map { cuts.score($0) } == [1, 1, 2, 3, 3, 4, 5])
        #expect(bruteForceScores(values) == [1, 1, 2, 3, 3, 4, 5])
        // One value alone scores 1 (no level is reachable); 100 equal values all score 5, the best.
        #expect(QuintileCuts(values: [9]).score(9) == 1 && QuintileCuts(values: [9]).cuts.isEmpty)
        let equal = QuintileCuts(values: [Int64](repeating: 4, count: 100))
        #expect(equal.score(4) == 5)
        // Two values: the better reaches 3 at most (C - 1 = 1 of n = 2).
        #expect(QuintileCuts(values: [1, 2]).score(2) == 3 && QuintileCuts(values: [1, 2]).score(1) == 1)
    }

    @Test func tiesScoreAlikeAsTheirBestPlacedMember() {
        // 45 clients share the lowest value: C = 45 of 100, all score 1 + ⌊220/100⌋ = 3.
        let values = [Int64](repeating: 1, count: 45) + (0..<55).map { Int64(2 + $0) }
        let cuts = QuintileCuts(values: values)
        #expect(cuts.score(1) == 3)
        #expect(cuts.score(2) == 3)
        #expect(cuts.score(56) == 5)
        // 72 of 100 share the best value: all score 5, and the rest keep their quintiles.
        let recent = (0..<28).map { Int64($0) } + [Int64](repeating: 99, count: 72)
        let top = QuintileCuts(values: recent)
        #expect(top.score(99) == 5 && top.score(0) == 1 && top.score(27) == 2)
        #expect(recent.map { top.score($0) } == bruteForceScores(recent))
        #expect(values.map { cuts.score($0) } == bruteForceScores(values))
    }

    @Test(arguments: [(1, 50), (7, 1_000), (19, 20_000), (23, 3), (31, 40_000)])
    func selectionAndHistogramAgreeWithTheRuleOnRandomValues(seed: UInt64, count: Int) {
        var random = TestRandom(state: seed)
        for spread in [Int64(4), 1_000, 1 << 40] {  // heavy ties, histogram path, selection path
            let values = (0..<count).map { _ in Int64(random.int(0..<Int(min(spread, 1 << 40)))) - 7 }
            let cuts = QuintileCuts(values: values)
            #expect(values.map { cuts.score($0) } == bruteForceScores(values), "spread \(spread), n \(count)")
        }
    }

    @Test func selectionHandlesSortedAndReversedRuns() {
        let sorted = (0..<30_000).map { Int64($0) * 1_000_003 }
        for values in [sorted, sorted.reversed(), sorted.map { $0 % 7 == 0 ? 5 : $0 }] {
            let cuts = QuintileCuts(values: values)
            #expect(values.map { cuts.score($0) } == bruteForceScores(values))
        }
    }
}

struct RFMSegmentMapTests {
    @Test func theGridIsTheDocumentedMap() {
        let grid: [[RFMSegment]] = [  // R 5 first, FM 1...5
            [.newCustomers, .potentialLoyalist, .potentialLoyalist, .champions, .champions],
            [.promising, .potentialLoyalist, .potentialLoyalist, .loyal, .loyal],
            [.aboutToSleep, .aboutToSleep, .needAttention, .loyal, .loyal],
            [.hibernating, .hibernating, .atRisk, .atRisk, .cannotLoseThem],
            [.lost, .hibernating, .atRisk, .atRisk, .cannotLoseThem],
        ]
        for (row, r) in zip(grid, [5, 4, 3, 2, 1]) {
            for (fm, segment) in zip(1...5, row) {
                #expect(RFMSegmentMap.segment(recency: r, fm: fm) == segment, "R \(r) FM \(fm)")
            }
        }
        #expect(Set(grid.flatMap { $0 }) == Set(RFMSegment.allCases))
    }

    @Test func fmIsTheMeanRoundedHalfUp() {
        #expect(RFMSegmentMap.fm(frequency: 4, monetary: 3) == 4)
        #expect(RFMSegmentMap.fm(frequency: 1, monetary: 2) == 2)
        #expect(RFMSegmentMap.fm(frequency: 5, monetary: 5) == 5)
        #expect(RFMSegmentMap.fm(frequency: 1, monetary: 1) == 1)
    }

    @Test func valueLayersAndAtRiskFollowTheDocumentedRule() {
        let layers: [[ValueLayer]] = [  // R 5 first, FM 1...5
            [.growing, .growing, .growing, .highValue, .highValue],
            [.growing, .growing, .growing, .highValue, .highValue],
            [.potential, .potential, .potential, .highValue, .highValue],
            [.dormant, .dormant, .potential, .highValue, .highValue],
            [.dormant, .dormant, .potential, .highValue, .highValue],
        ]
        for (row, r) in zip(layers, [5, 4, 3, 2, 1]) {
            for (fm, layer) in zip(1...5, row) {
                #expect(RFMSegmentMap.layer(recency: r, fm: fm) == layer, "R \(r) FM \(fm)")
                let segment = RFMSegmentMap.segment(recency: r, fm: fm)
                #expect(
                    RFMSegmentMap.isAtRisk(recency: r, fm: fm) == (segment == .atRisk || segment == .cannotLoseThem)
                )
            }
        }
        #expect(ValueLayer.highValue.name == "high value" && RFMSegment.cannotLoseThem.name == "cannot lose them")
    }
}

struct RFMBookTests {
    /// Ten clients, client k with k + 1 purchases of 100·(10 - k) each, the last one k days
    /// before the analysis day; client 10 transacted only before the window; client 11 never.
    func smallBook() throws -> (TransactionColumns, ActivityWindows) {
        let asOf = try Day(parsing: "2025-12-31")
        var rows: [(Int32, Day, Int64, TransactionType, Direction)] = []
        for k in 0..<10 {
            for j in 0...k {
                let day = asOf.adding(days: -k - j)
                let amount = Int64(100 * (10 - k))
                rows.append((Int32(k), day, amount, TransactionType.cardSpend, Direction.outflow))
            }
        }
        rows.append((10, asOf.adding(days: -400), 5_000, .cardSpend, .outflow))
        return (
            makeColumns(clients: 12, rows),
            ActivityWindows(asOf: asOf, rfmDays: 365, selection: .init(currency: .cny))
        )
    }

    @Test func scoresSegmentsAndLayersOfAKnownBook() throws {
        let (columns, windows) = try smallBook()
        let book = try RFMBook(columns: columns, windows: windows)
        #expect(book.activeCount == 10)
        // Recency: client k last transacted k days ago, so C - 1 = 9 - k: R = 1 + ⌊5(9-k)/10⌋.
        let clients: [Int] = Array(0..<10)
        let expectedRecency: [Int] = clients.map { (k: Int) -> Int in 1 + 5 * (9 - k) / 10 }
        let recency: [Int] = book.recencyScore.prefix(10).map { Int($0) }
        #expect(recency == expectedRecency)
        // Frequency k + 1: C - 1 = k.
        let expectedFrequency: [Int] = clients.map { (k: Int) -> Int in 1 + 5 * k / 10 }
        let frequency: [Int] = book.frequencyScore.prefix(10).map { Int($0) }
        #expect(frequency == expectedFrequency)
        // Monetary (k + 1)·100·(10 - k): 1000, 1800, 2400, 2800, 3000, 3000, 2800, 2400, 1800, 1000.
        let monetary: [Int64] = clients.map { (k: Int) -> Int64 in Int64((k + 1) * 100 * (10 - k)) }
        let monetaryScores: [Int] = book.monetaryScore.prefix(10).map { Int($0) }
        #expect(monetaryScores == bruteForceScores(monetary))
        #expect(book.monetaryScore[4] == book.monetaryScore[5], "equal values score alike")
        for i in 0..<10 {
            let fm = RFMSegmentMap.fm(frequency: Int(book.frequencyScore[i]), monetary: Int(book.monetaryScore[i]))
            #expect(book.segment[i] == RFMSegmentMap.segment(recency: Int(book.recencyScore[i]), fm: fm))
            #expect(book.layer[i] == RFMSegmentMap.layer(recency: Int(book.recencyScore[i]), fm: fm))
        }
        // Re-scoring a client against the book's cuts gives the batch's scores for its own measures.
        for i in 0..<12 {
            let rescored = book.rescore(book.customers[i], book.activity.client(i))
            #expect(rescored.recencyScore == Int(book.recencyScore[i]) && rescored.segment == book.segment[i])
            #expect(rescored.frequencyScore == Int(book.frequencyScore[i]) && rescored.layer == book.layer[i])
            #expect(rescored.monetaryScore == Int(book.monetaryScore[i]))
        }
        // One more purchase today moves client 9 (last seen 9 days ago, 10 purchases) to R 5 and F 5.
        var fresh = book.activity.client(9)
        fresh.lastDay = windows.asOf
        fresh.frequency += 1
        fresh.monetaryMinorUnits += 100
        let moved = book.rescore("K9", fresh)
        #expect(moved.recencyScore == 5 && moved.frequencyScore == 5 && moved.recencyDays == 0)
        #expect(
            book.rescore(
                "K11",
                ClientActivity(
                    lastDay: nil,
                    frequency: 0,
                    monetaryMinorUnits: 0,
                    sixMonthCount: 0,
                    recentCount: 0,
                    previousCount: 0,
                    leavingMinorUnits: 0,
                    arrivingMinorUnits: 0,
                    largestLeavingMinorUnits: 0
                )
            ).segment == .lost
        )
        let score = book.score(4)
        #expect(score.customer == "K4" && score.recencyDays == 4 && score.frequency == 5)
        #expect(score.monetary == Money(minorUnits: 3_000, currency: .cny))
        #expect(score.cell == "\(book.recencyScore[4])\(book.frequencyScore[4])\(book.monetaryScore[4])")
        #expect(score.explanation.contains(score.segment.name) && score.explanation.contains("Recency 4 days"))
        #expect(book.index(of: "K4") == 4)
    }

    @Test func clientsWithoutATransactionInTheWindowAreInactiveAndLost() throws {
        let (columns, windows) = try smallBook()
        let book = try RFMBook(columns: columns, windows: windows)
        for i in [10, 11] {
            #expect(!book.isActive(i))
            #expect(book.recencyScore[i] == 1 && book.frequencyScore[i] == 1 && book.monetaryScore[i] == 1)
            #expect(book.segment[i] == .lost && book.layer[i] == .dormant && !book.isAtRisk(i))
        }
        #expect(book.recencyDays(10) == 400)
        #expect(book.recencyDays(11) == nil)
        let old = book.score(10)
        #expect(!old.isActive && old.lastDay == windows.asOf.adding(days: -400))
        #expect(old.explanation.contains("No transaction in the 365-day window"))
        #expect(book.score(11).explanation.contains("no transaction on or before"))
    }

    @Test func anEmptyWindowScoresEveryoneLost() throws {
        let (columns, windows) = try smallBook()
        var early = windows
        early.asOf = windows.asOf.adding(days: -1000)
        let book = try RFMBook(columns: columns, windows: early)
        #expect(book.activeCount == 0)
        #expect(book.segment.allSatisfy { $0 == .lost })
        #expect(book.segmentCounts == [.lost: 12])
        #expect(book.layerCounts == [.dormant: 12])
    }

    @Test func aSyntheticBookScoresByTheRuleWhateverTheRowOrder() throws {
        let columns = TestBook.columns
        let windows = ActivityWindows(asOf: TestBook.end, selection: .init(currency: .cny))
        let book = try RFMBook(columns: columns, windows: windows)
        let active = (0..<book.count).filter { book.isActive($0) }
        #expect(active.count > book.count / 2)
        let a = book.activity
        let r = bruteForceScores(active.map { Int64(a.lastDay[$0]) })
        let f = bruteForceScores(active.map { Int64(a.frequency[$0]) })
        let m = bruteForceScores(active.map { a.monetaryMinorUnits[$0] })
        for (k, i) in active.enumerated() {
            #expect(Int(book.recencyScore[i]) == r[k] && Int(book.frequencyScore[i]) == f[k])
            #expect(Int(book.monetaryScore[i]) == m[k])
        }
        if let champion = book.segment.firstIndex(of: .champions) { print(book.score(champion).explanation) }
        // The per-client value (scored from the cuts) agrees with the batch columns for every client.
        for i in 0..<book.count {
            let score = book.score(i)
            #expect(score.cell == "\(book.recencyScore[i])\(book.frequencyScore[i])\(book.monetaryScore[i])")
            #expect(score.segment == book.segment[i] && score.layer == book.layer[i])
            #expect(score.isAtRisk == book.isAtRisk(i))
        }
        // Every segment's count adds up, and the dormant clients of the synthetic bank are not champions.
        #expect(book.segmentCounts.values.reduce(0, +) == book.count)
        for (i, scenario) in TestBook.bank.scenarios.enumerated() where scenario.isDormant {
            #expect(book.segment[i] != .champions)
        }
        var order = Array((0..<columns.count).reversed())
        order.swapAt(0, order.count / 2)
        let reversed = try RFMBook(columns: reordered(columns, order), windows: windows)
        #expect(reversed.recencyScore == book.recencyScore && reversed.segment == book.segment)
        #expect(reversed.monetaryScore == book.monetaryScore && reversed.layer == book.layer)
    }

    @Test func theRFMOnlyPassScoresLikeTheFullAggregates() throws {
        let columns = TestBook.columns
        for selection in [
            TransactionSelection(currency: .cny),
            TransactionSelection(currency: .cny, types: ActivityWindows.clientTransactionTypes),
            TransactionSelection(currency: .cny, types: [.cardSpend], direction: .outflow),
        ] {
            let windows = ActivityWindows(asOf: TestBook.end.adding(days: -40), rfmDays: 180, selection: selection)
            let light = try RFMBook(columns: columns, windows: windows)
            let full = RFMBook(activity: try ActivityAggregates(columns: columns, windows: windows))
            #expect(!light.activity.includesChurnMeasures && full.activity.includesChurnMeasures)
            #expect(light.activity.lastDay == full.activity.lastDay)
            #expect(light.activity.frequency == full.activity.frequency)
            #expect(light.activity.monetaryMinorUnits == full.activity.monetaryMinorUnits)
            #expect(light.recencyScore == full.recencyScore && light.frequencyScore == full.frequencyScore)
            #expect(light.monetaryScore == full.monetaryScore && light.segment == full.segment)
        }
        // Without a type or direction filter the light pass needs neither column.
        var bare = makeColumns(clients: 2, [(0, TestBook.end, 5, .cardSpend, .outflow)])
        bare.type = []
        bare.direction = []
        let windows = ActivityWindows(asOf: TestBook.end, selection: .init(currency: .cny))
        #expect(try RFMBook(columns: bare, windows: windows).activity.frequency == [1, 0])
        // Churn needs the full aggregates.
        let light = try RFMBook(columns: TestBook.columns, windows: windows)
        let error = try #require(throws: ActivityError.self) {
            try ChurnBook(activity: light.activity, holdings: [], interactions: [], balances: [], policy: ChurnPolicy())
        }
        #expect(error.code == .invalidInput && error.field == "activity")
    }

    @Test func theRFMOnlyPassRejectsBadRows() throws {
        let asOf = TestBook.end
        let windows = ActivityWindows(asOf: asOf, selection: .init(currency: .cny))
        let negative = makeColumns(clients: 2, [(0, asOf, 1, .deposit, .inflow), (1, asOf, -2, .deposit, .inflow)])
        let sign = try #require(throws: ActivityError.self) { try RFMBook(columns: negative, windows: windows) }
        #expect(sign.code == .negativeAmount && sign.row == 1)
        let outOfRange = makeColumns(clients: 1, [(0, asOf, 1, .deposit, .inflow), (3, asOf, 2, .deposit, .inflow)])
        let range = try #require(throws: ActivityError.self) { try RFMBook(columns: outOfRange, windows: windows) }
        #expect(range.code == .invalidInput && range.row == 1 && range.field == "customerIndex")
        let huge = makeColumns(
            clients: 1,
            [(0, asOf, .max / 2 + 1, .cardSpend, .outflow), (0, asOf, .max / 2 + 1, .cardSpend, .outflow)]
        )
        let overflow = try #require(throws: ActivityError.self) { try RFMBook(columns: huge, windows: windows) }
        #expect(overflow.code == .overflow && overflow.customer == "K0")
    }
}
