import CustomerModel
import SyntheticBank
import Testing
import ValueModel

@Suite("Book scoring: the nightly job in one call")
struct BookScoringTests {
    /// 500 clients (about 25 corporates), 40 transactions a client and month-end balances keep
    /// the debug-build run short.
    static let bank = SyntheticBank(
        SyntheticBank.Configuration(
            seed: 23,
            clientCount: 500,
            transactionsPerClientPerYear: 40,
            balanceSnapshots: .monthEnd
        )
    )
    static var asOf: Day { bank.period.upperBound }

    static func inputs() -> BookInputs {
        let everyone = 0..<bank.clientCount
        return BookInputs(
            profiles: bank.profiles,
            holdings: bank.holdings,
            relationships: bank.relationships,
            referrals: bank.referrals,
            interactions: bank.interactions(clients: everyone),
            balances: bank.balances(clients: everyone),
            transactions: bank.transactionColumns()
        )
    }

    /// Run once for the suite (debug builds are slow).
    static let scores: Result<BookScores, BookScoringError> = Result { () throws(BookScoringError) in
        try BookScoring(asOf: asOf, currency: .cny).run(inputs())
    }

    @Test func everyClientIsScoredOnceWithTheSameFiguresAsTheStepsRunAlone() throws {
        let scores = try Self.scores.get()
        let bank = Self.bank
        #expect(scores.count == bank.clientCount)
        let individuals = try #require(scores.individuals)
        let corporates = try #require(scores.corporates)
        #expect(individuals.count + corporates.count == bank.clientCount)
        #expect(individuals.model.id == ScoringModel.defaultIndividual.id)
        #expect(corporates.model.subject == .corporate)

        // RFM and churn built step by step agree with the job's.
        let windows = BookScoring(asOf: Self.asOf, currency: .cny).windows
        let columns = bank.transactionColumns()
        let rfm = try RFMBook(columns: columns, windows: windows)
        let input = Self.inputs()
        let activity = try ActivityAggregates(columns: columns, windows: windows)
        let churn = try ChurnBook(
            activity: activity,
            holdings: input.holdings,
            interactions: input.interactions,
            balances: input.balances,
            policy: ChurnPolicy()
        )
        for id in columns.customers {
            let mine = try #require(rfm.index(of: id))
            let theirs = try #require(scores.index(of: id))
            #expect(rfm.segment[mine] == scores.rfm.segment[theirs])
            #expect(rfm.score(mine).cell == scores.rfm.score(theirs).cell)
            #expect(churn.level[mine] == scores.churn.level[theirs])
        }
        #expect(scores.churn.flagged.count == churn.flagged.count)
    }

    @Test func theSixMonthCountAndTheChurnSignalCountAreWiredIntoTheScores() throws {
        let scores = try Self.scores.get()
        var checked = 0
        var withSignals = 0
        for i in stride(from: 0, to: scores.count, by: 7) {
            let client = try #require(scores.client(at: i))
            let score = try #require(client.score)
            #expect(score.customer == client.customer)
            let profile = try #require(Self.bank.clientIndex(of: client.customer).map { Self.bank.profiles[$0] })
            #expect(client.kind == profile.kind)
            if profile.kind == .individual {
                // The default corporate model uses neither indicator.
                let six = try #require(score.contribution(of: .transactionsLast6Months))
                #expect(six.raw == .number(Double(scores.activity.sixMonthCount[i])))
                let signals = try #require(score.contribution(of: .churnSignals))
                #expect(signals.raw == .number(Double(client.churn.signals.count)))
            }
            #expect(Int(scores.churn.signalCount[i]) == client.churn.signals.count)
            if !client.churn.signals.isEmpty { withSignals += 1 }
            // The explanation adds up exactly, and matches the book's column.
            #expect(score.dimensions.reduce(ScorePoints.zero) { $0 + $1.contribution } == score.total)
            let book = try #require(scores.book(profile.kind))
            let row = try #require(book.row(of: client.customer))
            #expect(book.total(ofRow: row) == score.total)
            #expect(client.rfm.customer == client.customer)
            checked += 1
        }
        #expect(checked > 60)
        #expect(withSignals > 0)
    }

    @Test func lifetimeFiguresArePredictionsForClientsWithPurchases() throws {
        let scores = try Self.scores.get()
        let lifetime = try #require(try scores.lifetime?.get())
        #expect(lifetime.horizonDays == 90)
        #expect(lifetime.summaries.count > Self.bank.clientCount / 2)
        #expect(lifetime.probabilityAlive.allSatisfy { $0.isFinite && (0...1).contains($0) })
        #expect(lifetime.expectedTransactions.allSatisfy { $0.isFinite && $0 >= 0 })
        #expect(lifetime.expectedBookTransactions > 0)
        let id = lifetime.summaries.customers[0]
        let prediction = try #require(scores.client(id)?.lifetime)
        #expect(prediction.probabilityAlive == lifetime.probabilityAlive[0])
        #expect(prediction.expectedTransactions == lifetime.expectedTransactions[0])
    }

    @Test func clientsWithoutTransactionsStillGetAScoreAndAFailedLifetimeFitIsKeptNotThrown() throws {
        let bank = Self.bank
        let profiles = Array(bank.profiles.prefix(60))
        let ids = Set(profiles.map(\.id))
        let inputs = BookInputs(
            profiles: profiles,
            holdings: bank.holdings.filter { ids.contains($0.customer) },
            transactions: TransactionColumns()
        )
        var steps: [BookScoring.Step] = []
        let scores = try BookScoring(asOf: Self.asOf, currency: .cny).run(inputs) { steps.append($0) }
        #expect(steps == BookScoring.Step.allCases)
        #expect(scores.count == 60)
        for profile in profiles {
            let client = try #require(scores.client(profile.id))
            #expect(client.score != nil)
            #expect(client.rfm.isActive == false)
            #expect(client.lifetime == nil)
        }
        guard case .failure = scores.lifetime else {
            Issue.record("a fit on no purchases must fail, and be reported")
            return
        }
    }

    @Test func badInputIsATypedErrorNamingTheRecord() throws {
        let bank = Self.bank
        let profiles = Array(bank.profiles.prefix(50))
        let stranger = bank.holdings.first { holding in !profiles.contains { $0.id == holding.customer } }
        let holding = try #require(stranger)
        let inputs = BookInputs(profiles: profiles, holdings: [holding], transactions: TransactionColumns())
        #expect {
            try BookScoring(asOf: Self.asOf, currency: .cny).run(inputs)
        } throws: { error in
            guard case BookScoringError.activity(let activity) = error else { return false }
            return activity.code == .unknownCustomer && activity.customer == holding.customer
                && activity.record?.contains(holding.id.rawValue) == true
        }

        var job = BookScoring(asOf: Self.asOf, currency: .cny)
        job.individualModel = .defaultStrategicCorporate
        #expect {
            try job.run(BookInputs(profiles: profiles, transactions: TransactionColumns()))
        } throws: { error in
            guard case BookScoringError.model(let message) = error else { return false }
            return message.contains("individual model")
        }

        job = BookScoring(asOf: Self.asOf, currency: .cny)
        job.lifetimeHorizonDays = 0
        #expect(throws: BookScoringError.self) {
            try job.run(BookInputs(profiles: profiles, transactions: TransactionColumns()))
        }
    }

    @Test func aSerialRunGivesTheSameFiguresAsTheDefaultWidth() throws {
        var job = BookScoring(asOf: Self.asOf, currency: .cny)
        job.parallelism = .serial
        let serial = try job.run(Self.inputs())
        let scores = try Self.scores.get()
        #expect(serial.customers == scores.customers)
        // Scores, RFM and churn are per-client or integer figures: exactly the same. (Lifetime fits
        // sum partial likelihoods per worker, so their last bits may differ with the width.)
        for i in 0..<scores.count {
            let one = try #require(serial.client(at: i))
            let other = try #require(scores.client(at: i))
            #expect(one.score == other.score && one.rfm == other.rfm && one.churn == other.churn)
        }
    }
}
