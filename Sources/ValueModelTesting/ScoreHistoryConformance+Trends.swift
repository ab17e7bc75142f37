import CustomerModel
import CustomerModelTesting
import ValueModel

extension ScoreHistoryConformance {
    // MARK: Trend maths

    static func trendMaths(_ f: Fixture) async throws {
        try await f.seed()
        let records = [
            Samples.score(World.clientA1, day: -30, total: 60, aum: 1_000_000),
            Samples.score(World.clientA1, day: -15, total: 55, aum: 900_000),
            Samples.score(World.clientA1, day: 0, total: 48.5, aum: 800_000),
            Samples.score(World.clientB1, day: -30, total: 20, aum: 0),
            Samples.score(World.clientB1, day: 0, total: 25, aum: 5),
            Samples.score(World.clientC1, day: -30, total: 70, aum: 1_000),
            ScoreRecord(
                customer: World.clientC1,
                day: World.day(0),
                model: Samples.model,
                total: 70,
                aum: Money(major: 1_000, currency: .usd)
            ),
        ]
        try await f.record(records, "scores 30 days ago, 15 days ago and today")
        let month = try await f.trend(of: World.clientA1, over: World.days(-30, 0))
        guard let month else {
            throw ConformanceFailure(subject: "C-A1's trend over 30 days", expected: "a trend", actual: "none")
        }
        try expectEqual(month.start.day, World.day(-30), "the start day of C-A1's 30-day trend")
        try expectEqual(month.end.day, World.day(0), "the end day of C-A1's 30-day trend")
        try expectEqual(month.aumChangeRatio, -0.2, "C-A1's AUM change over 30 days, as a ratio (down 20%)")
        try expectEqual(month.aumChange, Money(major: -200_000, currency: .cny), "C-A1's AUM change over 30 days")
        try expectEqual(month.scoreChange, -11.5, "C-A1's score change over 30 days")
        try expectEqual(month.start.aum, Money(major: 1_000_000, currency: .cny), "C-A1's AUM at the start")
        try expectEqual(month.end.total, 48.5, "C-A1's total at the end")
        try expectTrue(month.coversWindow, "whether C-A1's trend covers the window", expected: "true", actual: "false")
        try expectEqual(month.model, Samples.model, "the model version of the trend")
        try expectEqual(month.window, World.days(-30, 0), "the window of the trend")

        let sugar = try await call("C-A1's trend of 30 days ending today") {
            try await f.history.trend(
                of: World.clientA1,
                model: Samples.model,
                days: 30,
                endingOn: World.today,
                as: World.system
            )
        }
        try expectEqual(sugar, month, "the trend of 30 days ending today against the trend over day -30 to today")

        let inner = try await f.trend(of: World.clientA1, over: World.days(-20, -1))
        try expectEqual(inner?.start.day, World.day(-30), "the start of a window between records (as of day -20)")
        try expectEqual(inner?.end.day, World.day(-15), "the end of a window between records (as of day -1)")
        try expectEqual(inner?.aumChangeRatio, -0.1, "C-A1's AUM change from day -30 to day -15")

        let fromZero = try await f.trend(of: World.clientB1, over: World.days(-30, 0))
        try expectEqual(fromZero?.aumChangeRatio, nil, "the AUM change ratio from a zero AUM")
        try expectEqual(fromZero?.aumChange, Money(major: 5, currency: .cny), "C-B1's AUM change from zero")
        try expectEqual(fromZero?.scoreChange, 5, "C-B1's score change")

        let currencies = try await f.trend(of: World.clientC1, over: World.days(-30, 0))
        try expectEqual(currencies?.aumChange, nil, "the AUM change between AUMs in CNY and USD")
        try expectEqual(currencies?.aumChangeRatio, nil, "the AUM change ratio between AUMs in CNY and USD")
        try expectEqual(currencies?.scoreChange, 0, "C-C1's score change")
    }

    static func trendWindowEdges(_ f: Fixture) async throws {
        try await f.seed()
        let first = Samples.score(World.clientA1, day: -5, total: 40, aum: 500)
        let second = Samples.score(World.clientA1, day: 0, total: 45, aum: 600)
        try await f.record([second, first], "C-A1's first two scores")
        let late = try await f.trend(of: World.clientA1, over: World.days(-30, 0))
        try expectEqual(late?.start.day, World.day(-5), "the start of a window opening before the first record")
        try expectEqual(late?.coversWindow, false, "whether a trend starting inside its window covers it")
        try expectEqual(late?.scoreChange, 5, "C-A1's score change since its first record")
        let before = try await f.trend(of: World.clientA1, over: World.days(-30, -6))
        try expectEqual(before, nil, "a trend over a window ending before the first record")
        let after = try await f.trend(of: World.clientA1, over: World.days(5, 20))
        try expectEqual(after?.start.day, World.day(0), "the start of a window after the last record")
        try expectEqual(after?.end.day, World.day(0), "the end of a window after the last record")
        try expectEqual(after?.scoreChange, 0, "the score change over a window after the last record")
        try expectEqual(after?.aumChangeRatio, 0, "the AUM change over a window after the last record")
        let single = try await f.trend(of: World.clientA1, over: World.days(-5, -5))
        try expectEqual(single?.start, single?.end, "both ends of a one-day window on a record's day")
        let list = try await call("the trends of C-B1 (never scored), C-A1 and C-C1 (never scored)") {
            try await f.history.trends(
                of: [World.clientB1, World.clientA1, World.clientC1],
                model: Samples.model,
                over: World.days(-30, 0),
                as: World.system
            )
        }
        try expectEqual(list.map(\.customer), [World.clientA1], "the clients of a trend query with two never scored")
        let otherVersion = try await f.trend(of: World.clientA1, over: World.days(-30, 0), model: Samples.nextModel)
        try expectEqual(otherVersion, nil, "C-A1's trend under a version it was never scored with")
    }

    // MARK: Deciles

    static func decilesOverTheBook(_ f: Fixture) async throws {
        try await f.seed()
        let clients = World.clients + (try await f.seedBook(45))
        // Day -90: totals 0 to 49, C-A1 the highest; today C-A1 falls to 36.5 and the rest stay.
        var records: [ScoreRecord] = []
        let order = [World.clientA1] + clients.filter { $0 != World.clientA1 }
        for (rank, client) in order.enumerated() {
            let total = Double(49 - rank)
            records.append(Samples.score(client, day: -90, total: total))
            records.append(Samples.score(client, day: 0, total: client == World.clientA1 ? 36.5 : total))
        }
        try await f.record(records.reversed(), "two days of scores of a 50-client book")
        let quarter = World.days(-90, 0)
        let trend = try await f.trend(of: World.clientA1, over: quarter)
        try expectEqual(trend?.start.decile, 10, "C-A1's decile 90 days ago (the highest of 50)")
        try expectEqual(trend?.end.decile, 8, "C-A1's decile today (37 of 50 below it)")
        try expectEqual(trend?.decileChange, -2, "C-A1's decile change this quarter (fell two deciles)")
        try expectEqual(trend?.start.clientsScored, 50, "the clients scored 90 days ago")
        try expectEqual(trend?.end.clientsScored, 50, "the clients scored today")
        let book = try await call("the trends of the whole book this quarter") {
            try await f.history.trends(of: nil, model: Samples.model, over: quarter, as: World.system)
        }
        try expectEqual(book.map(\.customer), clients.sorted(), "the clients of the book-wide trends, by id")
        for trend in book {
            let below = Int(trend.start.total)  // distinct totals 0 to 49: the total is the count below
            try expectEqual(
                trend.start.decile,
                below / 5 + 1,
                "the decile of \(trend.customer) with total \(trend.start.total)"
            )
        }
        let perDecile = Dictionary(grouping: book, by: \.start.decile).mapValues(\.count)
        try expectEqual(
            perDecile.keys.sorted(),
            Array(1...10),
            "the deciles of 50 distinct totals"
        )
        try expectTrue(
            perDecile.values.allSatisfy { $0 == 5 },
            "clients in each decile of 50 distinct totals",
            expected: "5 in each",
            actual: "\(perDecile.sorted { $0.key < $1.key })"
        )
    }

    static func decileTiesAndCorrections(_ f: Fixture) async throws {
        try await f.seed()
        let w = World.self
        var records = w.clients.map { Samples.score($0, day: 0, total: 50) }
        records.append(Samples.score(w.clientA1, day: 1, total: 12))
        let day2: [(CustomerID, Double)] = [
            (w.clientA1, 10), (w.clientA2, 20), (w.clientB1, 20), (w.clientC1, 30), (w.clientH1, 40),
        ]
        records += day2.map { Samples.score($0.0, day: 2, total: $0.1) }
        records.append(Samples.score(w.clientA1, day: 2, total: 99, model: Samples.nextModel))
        try await f.record(records, "a day of equal totals, a day of one client, and a day with a tie")
        func deciles(on day: Int) async throws(ConformanceFailure) -> [CustomerID: Int] {
            var found: [CustomerID: Int] = [:]
            for client in w.clients {
                if let trend = try await f.trend(of: client, over: w.days(day, day)), trend.end.day == w.day(day) {
                    found[client] = trend.end.decile
                }
            }
            return found
        }
        try expectEqual(
            try await deciles(on: 0),
            Dictionary(uniqueKeysWithValues: w.clients.map { ($0, 6) }),
            "the deciles of five equal totals (mid-rank 50%)"
        )
        try expectEqual(try await deciles(on: 1), [w.clientA1: 6], "the decile of the only client scored on a day")
        try expectEqual(
            try await deciles(on: 2),
            [w.clientA1: 2, w.clientA2: 5, w.clientB1: 5, w.clientC1: 8, w.clientH1: 10],
            "the deciles of totals 10, 20, 20, 30, 40 (another version's 99 not counted)"
        )
        var corrected = Samples.score(w.clientA1, day: 2, total: 45)
        corrected.aum = Money(major: 2_000_000, currency: .cny)
        try await f.record([corrected], replacing: true, "correcting C-A1's score on day 2 to 45")
        try expectEqual(
            try await deciles(on: 2),
            [w.clientA1: 10, w.clientA2: 3, w.clientB1: 3, w.clientC1: 6, w.clientH1: 8],
            "the deciles of totals 45, 20, 20, 30, 40 after the correction"
        )
        let count = try await f.trend(of: w.clientA1, over: w.days(2, 2))
        try expectEqual(count?.end.clientsScored, 5, "the clients scored on day 2 after the correction")
    }

    // MARK: Volume

    static func hundredThousandInOneBatch(_ f: Fixture) async throws {
        try await f.seed()
        let clients = try await f.seedBook(20_000)
        let nights = 5
        var records: [ScoreRecord] = []
        records.reserveCapacity(clients.count * nights)
        for night in 0..<nights {
            for (index, client) in clients.enumerated() {
                let total = Double((index * 7_919 + night * 104_729) % 10_001) / 100
                records.append(
                    ScoreRecord(
                        customer: client,
                        day: World.day(night - nights),
                        model: Samples.model,
                        total: total,
                        dimensions: [total, 100 - total, total / 4, 0],
                        aum: Money(minorUnits: Int64(index) * 1_000 + Int64(night), currency: .cny),
                        rfm: ScoreRecord.RFMCell(recency: index % 5 + 1, frequency: night + 1, monetary: 5 - index % 5),
                        churn: ScoreRecord.ChurnLevel(rawValue: (index + night) % 4)
                    )
                )
            }
        }
        let report = try await f.record(records, "100,000 scores in one batch")
        try expectEqual(report, ScoreRecordingReport(recorded: 100_000, unchanged: 0, replaced: 0), "the report")
        for index in [0, 1, 9_999, 19_999] {
            try expectElements(
                try await f.series(of: clients[index]),
                (0..<nights).map { records[$0 * clients.count + index] },
                "the series of \(clients[index])"
            )
        }
        let lastNight = World.day(-1)
        let sample = stride(from: 0, to: clients.count, by: 97).map { clients[$0] }
        let asOf = try await call("the scores of \(sample.count) clients as of the last night") {
            try await f.history.scores(of: sample, asOf: lastNight, model: Samples.model, as: World.system)
        }
        try expectElements(
            asOf,
            stride(from: 0, to: clients.count, by: 97).map { records[(nights - 1) * clients.count + $0] },
            "the scores of every 97th client as of the last night"
        )
        let window = World.days(-nights, -1)
        let trends = try await call("the trends of the whole book over the five nights") {
            try await f.history.trends(of: nil, model: Samples.model, over: window, as: World.system)
        }
        try expectEqual(trends.count, clients.count, "trends of the 20,000 scored clients")
        let firstTotals = records[0..<clients.count].map(\.total).sorted()
        let lastTotals = records[((nights - 1) * clients.count)...].map(\.total).sorted()
        func decile(_ total: Double, _ sorted: [Double]) -> Int {
            let below = sorted.prefix { $0 < total }.count
            let equal = sorted.dropFirst(below).prefix { $0 == total }.count
            return min(10, (10 * (2 * below + equal)) / (2 * sorted.count) + 1)
        }
        for trend in trends.enumerated().filter({ $0.offset % 1_009 == 0 }).map(\.element) {
            guard let index = clients.firstIndex(of: trend.customer) else {
                throw ConformanceFailure(
                    subject: "the clients of the book-wide trends",
                    expected: "book clients only",
                    actual: "\(trend.customer)"
                )
            }
            let start = records[index]
            let end = records[(nights - 1) * clients.count + index]
            try expectEqual(trend.start.total, start.total, "the start total of \(trend.customer)")
            try expectEqual(trend.end.aum, end.aum, "the end AUM of \(trend.customer)")
            try expectEqual(
                trend.start.decile,
                decile(start.total, firstTotals),
                "the first-night decile of \(trend.customer)"
            )
            try expectEqual(
                trend.end.decile,
                decile(end.total, lastTotals),
                "the last-night decile of \(trend.customer)"
            )
            try expectEqual(trend.end.clientsScored, clients.count, "the clients scored on the last night")
        }
        let again = try await f.record(records, "the same 100,000 scores again")
        try expectEqual(again.unchanged, 100_000, "records unchanged when the batch is delivered again")
    }
}
