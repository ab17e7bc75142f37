import CustomerModel
import CustomerModelTesting
import ValueModel

extension ScoreHistoryConformance {
    typealias World = ConformanceWorld
    typealias Samples = ScoreSamples

    // MARK: Round trips

    static func recordsRoundTrip(_ f: Fixture) async throws {
        try await f.seed()
        let full = ScoreRecord(
            customer: World.clientA1,
            day: World.day(-1),
            model: Samples.model,
            total: 73.25,
            dimensions: (0..<ScoreRecord.maximumDimensions).map { Double($0) * 6.25 + 0.125 },
            aum: Money(minorUnits: 523_456_789_01, currency: .usd),
            rfm: ScoreRecord.RFMCell(recency: 5, frequency: 1, monetary: 3),
            churn: .high
        )
        let bare = ScoreRecord(
            customer: World.clientA2,
            day: World.day(-1),
            model: Samples.model,
            total: 0,
            dimensions: [],
            aum: .zero(.cny)
        )
        let top = ScoreRecord(
            customer: World.clientB1,
            day: World.day(-1),
            model: Samples.model,
            total: 100,
            dimensions: [100, 0],
            aum: Money(minorUnits: 1, currency: .hkd),
            rfm: ScoreRecord.RFMCell(recency: 1, frequency: 5, monetary: 5),
            churn: ScoreRecord.ChurnLevel.none
        )
        let levels = ScoreRecord.ChurnLevel.allCases.enumerated().map { index, level in
            ScoreRecord(
                customer: World.clientC1,
                day: World.day(index),
                model: Samples.model,
                total: Double(index) + 0.5,
                dimensions: [1.0 / 3.0],
                aum: Money(major: Int64(index) * 1_000, currency: .eur),
                rfm: ScoreRecord.RFMCell(recency: index + 1, frequency: 4 - index, monetary: 2),
                churn: level
            )
        }
        let all = [full, bare, top] + levels
        let report = try await f.record(all, "recording records with every field set and with none")
        try expectEqual(report, ScoreRecordingReport(recorded: all.count, unchanged: 0, replaced: 0), "the report")
        for record in [full, bare, top] {
            try expectElements(try await f.series(of: record.customer), [record], "the series of \(record.customer)")
            let asOf = try await call("the score of \(record.customer) as of its day") {
                try await f.history.score(of: record.customer, asOf: record.day, model: Samples.model, as: World.system)
            }
            try expectEqual(asOf, record, "the score of \(record.customer) as of its day")
            let latest = try await call("the latest score of \(record.customer)") {
                try await f.history.latest(of: record.customer, model: Samples.model, as: World.system)
            }
            try expectEqual(latest, record, "the latest score of \(record.customer)")
        }
        try expectElements(try await f.series(of: World.clientC1), levels, "the series of C-C1, one churn level a day")
        let batch = try await call("the scores of every client as of yesterday") {
            try await f.history.scores(
                of: [World.clientB1, World.clientH1, World.clientA1],
                asOf: World.day(-1),
                model: Samples.model,
                as: World.system
            )
        }
        try expectElements(
            batch,
            [top, full],
            "the scores of C-B1, C-H1 (none) and C-A1 as of yesterday, in input order"
        )
    }

    static func modelVersionsStayDistinct(_ f: Fixture) async throws {
        try await f.seed()
        let models = [
            Samples.model, Samples.nextModel, Samples.corporateModel,
            ScoreModelVersion(id: "cvm-individual", version: "30"),
            ScoreModelVersion(id: "CVM-INDIVIDUAL", version: "3"),
            ScoreModelVersion(id: "cvm-individual ", version: "3"),
            ScoreModelVersion(id: "m", version: String(repeating: "v", count: 64)),
        ]
        let records = models.enumerated().map { index, model in
            Samples.score(World.clientA1, day: 0, total: Double(index * 10), model: model)
        }
        try await f.record(records, "one score of C-A1 under each of \(models.count) model versions on one day")
        try expectElements(
            try await f.series(of: World.clientA1),
            seriesOrder(records),
            "the series of C-A1 (by model version within the day)"
        )
        for record in records {
            try expectElements(
                try await f.series(of: World.clientA1, model: record.model),
                [record],
                "the series of C-A1 filtered to \(record.model)"
            )
        }
        let unknown = try await f.series(
            of: World.clientA1,
            model: ScoreModelVersion(id: "cvm-individual", version: "5")
        )
        try expectElements(unknown, [], "the series of C-A1 filtered to a version never recorded")
    }

    // MARK: Idempotency, conflicts and corrections

    static func repeatedRecordingIsNoOp(_ f: Fixture) async throws {
        try await f.seed()
        let batch = World.clients.enumerated().flatMap { index, client in
            (0..<3).map { day in Samples.score(client, day: day, total: Double(index * 10 + day)) }
        }
        try await f.record(batch, "the first delivery")
        let again = try await f.record(batch, "the same batch again")
        try expectEqual(
            again,
            ScoreRecordingReport(recorded: 0, unchanged: batch.count, replaced: 0),
            "the second report"
        )
        let replacing = try await f.record(batch, replacing: true, "the same batch again, replacing")
        try expectEqual(
            replacing,
            ScoreRecordingReport(recorded: 0, unchanged: batch.count, replaced: 0),
            "the report of an identical batch recorded with replacing: true"
        )
        let fresh = Samples.score(World.clientA1, day: 9, total: 42)
        let doubled = try await f.record([fresh, fresh, batch[0]], "a new key twice and a stored one in one batch")
        try expectEqual(
            doubled,
            ScoreRecordingReport(recorded: 1, unchanged: 2, replaced: 0),
            "the report of a batch repeating a new key"
        )
        try expectElements(
            try await f.everything(),
            keyOrder(batch + [fresh]),
            "every record after four deliveries"
        )
    }

    static func redeliveryInPiecesStoresOnce(_ f: Fixture) async throws {
        try await f.seed()
        let batch = (0..<40).map { index in
            Samples.score(World.clients[index % 5], day: index / 5 - 4, total: Double(index) * 2.5, aum: Int64(index))
        }
        try await f.record(Array(batch[0..<20]), "the first half")
        let whole = try await f.record(batch, "the whole batch")
        try expectEqual(
            whole,
            ScoreRecordingReport(recorded: 20, unchanged: 20, replaced: 0),
            "the whole batch's report"
        )
        let reversed = try await f.record(batch.reversed(), "the batch in reverse")
        try expectEqual(
            reversed,
            ScoreRecordingReport(recorded: 0, unchanged: 40, replaced: 0),
            "the reversed batch's report"
        )
        try await f.record(Array(batch[20...]), "the second half")
        try expectElements(try await f.everything(), keyOrder(batch), "every record after the redeliveries")
    }

    static func differentScoreIsConflict(_ f: Fixture) async throws {
        try await f.seed()
        let stored = Samples.score(World.clientA1, day: 0, total: 50)
        try await f.record([stored], "the first score")
        var changes: [(String, ScoreRecord)] = []
        var other = stored
        other.total = 50.01
        changes.append(("total", other))
        other = stored
        other.dimensions[3] = 49
        changes.append(("a dimension", other))
        other = stored
        other.dimensions.removeLast()
        changes.append(("the number of dimensions", other))
        other = stored
        other.aum = Money(major: 1_000_000, currency: .usd)
        changes.append(("the AUM currency", other))
        other = stored
        other.aum.minorUnits += 1
        changes.append(("the AUM", other))
        other = stored
        other.rfm = ScoreRecord.RFMCell(recency: 1, frequency: 1, monetary: 1)
        changes.append(("the RFM cell", other))
        other = stored
        other.churn = ScoreRecord.ChurnLevel.none
        changes.append(("the churn level", other))
        let bystander = Samples.score(World.clientB1, day: 0, total: 10)
        for (what, changed) in changes {
            let error = try await expectStoreError(.conflict, "recording C-A1's score again with another \(what)") {
                try await f.history.record([bystander, changed], as: World.system)
            }
            try expectEqual(error.customer, World.clientA1, "the client the conflict names (\(what))")
        }
        try expectElements(try await f.everything(), [stored], "every record after the refused changes")
    }

    static func replacingCorrects(_ f: Fixture) async throws {
        try await f.seed()
        let original = [
            Samples.score(World.clientA1, day: 0, total: 50), Samples.score(World.clientB1, day: 0, total: 60),
        ]
        try await f.record(original, "the first scores")
        var corrected = original[0]
        corrected.total = 55
        corrected.dimensions = [1, 2]
        corrected.aum = Money(major: 900_000, currency: .cny)
        corrected.rfm = ScoreRecord.RFMCell(recency: 2, frequency: 3, monetary: 4)
        corrected.churn = .medium
        let added = Samples.score(World.clientC1, day: 0, total: 70)
        let report = try await f.record(
            [corrected, original[1], added],
            replacing: true,
            "a correction, an unchanged score and a new one"
        )
        try expectEqual(report, ScoreRecordingReport(recorded: 1, unchanged: 1, replaced: 1), "the correction's report")
        try expectElements(try await f.series(of: World.clientA1), [corrected], "C-A1's series after the correction")
        try expectElements(
            try await f.everything(),
            keyOrder([corrected, original[1], added]),
            "every record after the correction"
        )
        var twice = corrected
        twice.dimensions = [1, 2, 3, 4, 5]
        try await f.record([twice], replacing: true, "a second correction with more dimensions")
        try expectElements(try await f.series(of: World.clientA1), [twice], "C-A1's series after the second correction")
    }

    static func conflictWithinBatch(_ f: Fixture) async throws {
        try await f.seed()
        let first = Samples.score(World.clientA1, day: 0, total: 50)
        var second = first
        second.total = 51
        let other = Samples.score(World.clientB1, day: 0, total: 10)
        for replacing in [false, true] {
            try await expectStoreError(.conflict, "a batch holding two scores for C-A1's day (replacing: \(replacing))")
            {
                try await f.history.record([first, other, second], replacing: replacing, as: World.system)
            }
        }
        try expectElements(try await f.everything(), [], "every record after the refused batches")
    }

    // MARK: Atomic batches

    static func invalidRecordRejectsBatch(_ f: Fixture) async throws {
        try await f.seed()
        let batch = (0..<10_000).map { index in
            Samples.score(World.clients[index % 5], day: index / 5 - 2_000, total: Double(index % 101))
        }
        var faults: [(String, String, (inout ScoreRecord) -> Void)] = [
            ("total", "a total above 100", { $0.total = 100.5 }),
            ("total", "a negative total", { $0.total = -0.5 }),
            ("total", "a NaN total", { $0.total = .nan }),
            ("total", "an infinite total", { $0.total = .infinity }),
            ("dimensions[1]", "a dimension above 100", { $0.dimensions[1] = 101 }),
            ("dimensions[3]", "a NaN dimension", { $0.dimensions[3] = .nan }),
            ("dimensions", "17 dimensions", { $0.dimensions = Array(repeating: 1, count: 17) }),
            ("aum", "a negative AUM", { $0.aum = Money(minorUnits: -1, currency: .cny) }),
            (
                "rfm.recency", "an RFM recency of 0",
                { $0.rfm = ScoreRecord.RFMCell(recency: 0, frequency: 1, monetary: 1) }
            ),
            (
                "rfm.monetary", "an RFM monetary of 6",
                { $0.rfm = ScoreRecord.RFMCell(recency: 5, frequency: 5, monetary: 6) }
            ),
            ("model.id", "an empty model id", { $0.model = ScoreModelVersion(id: "", version: "3") }),
            ("model.version", "an empty model version", { $0.model = ScoreModelVersion(id: "cvm", version: "") }),
        ]
        faults.append(("customer", "an empty client id", { $0.customer = CustomerID("") }))
        for (field, what, breakRecord) in faults {
            var bad = batch
            breakRecord(&bad[4_999])
            let error = try await expectStoreError(.invalid, "a batch with \(what) in row 5,000 of 10,000") {
                try await f.history.record(bad, as: World.system)
            }
            try expectEqual(error.field, field, "the field the error names for \(what)")
            if field != "customer" {
                try expectEqual(error.customer, bad[4_999].customer, "the client the error names for \(what)")
            }
        }
        try expectElements(try await f.everything(), [], "every record after the refused batches")
        let report = try await f.record(batch, "the batch without the faults")
        try expectEqual(report.recorded, 10_000, "records the clean batch stores")
    }

    static func unknownClient(_ f: Fixture) async throws {
        try await f.seed()
        let batch = [
            Samples.score(World.clientA1, day: 0, total: 1), Samples.score("C-NOBODY", day: 0, total: 2),
            Samples.score(World.clientB1, day: 0, total: 3),
        ]
        for principal in [World.system, World.headOffice] {
            let error = try await expectStoreError(.notFound, "recording a score of an unknown client as \(principal)")
            {
                try await f.history.record(batch, replacing: false, as: principal)
            }
            try expectEqual(error.customer, CustomerID("C-NOBODY"), "the client the error names")
        }
        try expectElements(try await f.everything(), [], "every record after the refused batches")
        try expectElements(try await f.series(of: "C-NOBODY"), [], "the series of the unknown client")
    }

    static func conflictLeavesStoreAsBefore(_ f: Fixture) async throws {
        try await f.seed()
        let before = (0..<50).map { index in
            Samples.score(World.clients[index % 5], day: index / 5, total: Double(index))
        }
        try await f.record(before, "the first 50 scores")
        var changed = before[25]
        changed.total += 1
        let next = (0..<50).map { index in
            Samples.score(
                World.clients[index % 5],
                day: 10 + index / 5,
                total: Double(index) + 0.5,
                model: Samples.nextModel
            )
        }
        let batch = Array(next[0..<25]) + [changed] + Array(next[25...])
        try await expectStoreError(.conflict, "a batch of 51 whose 26th score changes a stored one") {
            try await f.history.record(batch, as: World.system)
        }
        try expectElements(try await f.everything(), keyOrder(before), "every record after the refused batch")
        let latest = try await call("the latest score of C-A1 under the next model version") {
            try await f.history.latest(of: World.clientA1, model: Samples.nextModel, as: World.system)
        }
        try expectEqual(latest, nil, "the latest score under a version only the refused batch used")
        let report = try await f.record(next, "the batch without the change")
        try expectEqual(report.recorded, 50, "records the batch without the change stores")
    }

    // MARK: Order, ranges and as-of

    static func seriesOrderedAndInclusive(_ f: Fixture) async throws {
        try await f.seed()
        let days = [-30, -7, -6, 0, 3, 4, 10]
        var records: [ScoreRecord] = []
        for (index, day) in days.enumerated().reversed() {
            records.append(Samples.score(World.clientA1, day: day, total: Double(index), model: Samples.nextModel))
            if index % 2 == 0 {
                records.append(Samples.score(World.clientA1, day: day, total: Double(index) + 0.5))
            }
        }
        try await f.record(records, "scores of C-A1 on seven days under two versions, newest first")
        let all = try await f.series(of: World.clientA1)
        try expectElements(all, seriesOrder(records), "C-A1's whole series, by day then model version")
        let windows: [(ClosedRange<Day>, String)] = [
            (World.days(-7, 4), "from a record's day to a record's day"),
            (World.days(-6, -6), "one day with one record"),
            (World.days(-5, -1), "a gap between records"),
            (World.days(-60, -31), "days before the first record"),
            (World.days(11, 40), "days after the last record"),
            (World.days(-30, 10), "exactly the first to the last record"),
        ]
        for (window, what) in windows {
            try expectElements(
                try await f.series(of: World.clientA1, in: window),
                seriesOrder(records.filter { window.contains($0.day) }),
                "C-A1's series over \(what)"
            )
            try expectElements(
                try await f.series(of: World.clientA1, in: window, model: Samples.model),
                seriesOrder(records.filter { window.contains($0.day) && $0.model == Samples.model }),
                "C-A1's series over \(what), one model version"
            )
        }
    }

    static func asOfSemantics(_ f: Fixture) async throws {
        try await f.seed()
        let a = Samples.score(World.clientA1, day: -10, total: 10)
        let b = Samples.score(World.clientA1, day: -3, total: 20)
        let c = Samples.score(World.clientA1, day: 5, total: 30)
        let otherVersion = Samples.score(World.clientA1, day: 0, total: 99, model: Samples.nextModel)
        try await f.record([c, otherVersion, a, b], "four scores of C-A1, one under another version")
        let expectations: [(Int, ScoreRecord?)] = [
            (-11, nil), (-10, a), (-9, a), (-4, a), (-3, b), (0, b), (4, b), (5, c), (6, c), (400, c),
        ]
        for (day, expected) in expectations {
            let found = try await call("C-A1's score as of day \(day)") {
                try await f.history.score(
                    of: World.clientA1,
                    asOf: World.day(day),
                    model: Samples.model,
                    as: World.system
                )
            }
            try expectEqual(found, expected, "C-A1's score as of day \(day) (of version 3, ignoring version 4)")
        }
        let other = try await call("C-A1's score under version 4 as of day -1") {
            try await f.history.score(
                of: World.clientA1,
                asOf: World.day(-1),
                model: Samples.nextModel,
                as: World.system
            )
        }
        try expectEqual(other, nil, "C-A1's version-4 score as of the day before its only one")
        let latest = try await call("C-A1's latest score") {
            try await f.history.latest(of: World.clientA1, model: Samples.model, as: World.system)
        }
        try expectEqual(latest, c, "C-A1's latest score")
        let none = try await call("C-B1's latest score, never scored") {
            try await f.history.latest(of: World.clientB1, model: Samples.model, as: World.system)
        }
        try expectEqual(none, nil, "the latest score of a client never scored")
    }
}
