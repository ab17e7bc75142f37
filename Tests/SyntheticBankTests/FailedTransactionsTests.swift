import CustomerModel
import SyntheticBank
import Testing

/// `SyntheticBank.failedTransactions(clients:perClientPerYear:)`: deterministic, plausible, and
/// an addition that changes nothing else the bank generates.
@Suite struct FailedTransactionsTests {
    private let bank = SyntheticBank(.init(seed: 11, clientCount: 400))

    @Test func theSameSeedGivesTheSameFailures() {
        let again = SyntheticBank(.init(seed: 11, clientCount: 400))
        let all = 0..<400
        let failed = bank.failedTransactions(clients: all)
        #expect(!failed.isEmpty)
        #expect(failed == again.failedTransactions(clients: all))
        // Per client generation: any split of the clients gives the same failures.
        #expect(bank.failedTransactions(clients: 0..<137) + bank.failedTransactions(clients: 137..<400) == failed)
        // Another seed, other failures.
        let other = SyntheticBank(.init(seed: 12, clientCount: 400)).failedTransactions(clients: all)
        #expect(other.map(\.id) != failed.map(\.id))
    }

    @Test func eachFailureIsAnEarlierAttemptOfABookedOutgoingTransaction() {
        let failed = bank.failedTransactions(clients: 0..<400)
        let booked = Dictionary(uniqueKeysWithValues: bank.transactions(clients: 0..<400).map { ($0.id, $0) })
        #expect(Set(failed.map(\.id)).count == failed.count)
        for attempt in failed {
            #expect(attempt.id.rawValue.hasPrefix("F"))
            let retry = booked[TransactionID("T" + attempt.id.rawValue.dropFirst())]
            #expect(retry != nil, "\(attempt.id) has its booked retry")
            guard let retry else { continue }
            #expect(booked[attempt.id] == nil)
            #expect(retry.customer == attempt.customer && retry.day == attempt.day && retry.amount == attempt.amount)
            #expect(retry.type == attempt.type && retry.channel == attempt.channel && retry.account == attempt.account)
            #expect(attempt.direction == .outflow && SyntheticBank.failingTransactionTypes.contains(attempt.type))
            #expect(attempt.secondOfDay < retry.secondOfDay || retry.secondOfDay == 0)
            #expect(retry.secondOfDay - attempt.secondOfDay <= 30 * 60)
        }
        // In client order, by time within a client.
        let order = failed.map { (bank.clientIndex(of: $0.customer) ?? -1, $0.day, $0.secondOfDay) }
        #expect(zip(order, order.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func theRateSetsHowMany() {
        let all = 0..<400
        #expect(bank.failedTransactions(clients: all, perClientPerYear: 0).isEmpty)
        #expect(bank.failedTransactions(clients: all, perClientPerYear: -3).isEmpty)
        #expect(bank.failedTransactions(clients: all, perClientPerYear: .nan).isEmpty)
        // Poisson with mean 0.25 a client over a 365-day period: about 100 for 400 clients.
        let usual = bank.failedTransactions(clients: all).count
        #expect((60...140).contains(usual), "\(usual)")
        let more = bank.failedTransactions(clients: all, perClientPerYear: 2).count
        #expect((650...950).contains(more), "\(more)")
        // Out-of-range clients are clamped.
        #expect(bank.failedTransactions(clients: 390..<9_999) == bank.failedTransactions(clients: 390..<400))
    }

    @Test func theBookedActivityIsUnchanged() {
        // Asking for failures draws from its own streams: the booked activity stays what it was.
        let before = bank.transactions(clients: 0..<50)
        _ = bank.failedTransactions(clients: 0..<50, perClientPerYear: 3)
        #expect(bank.transactions(clients: 0..<50) == before)
        #expect(bank.transactionColumns(clients: 0..<50).count == before.count)
    }
}
