import CustomerModel

// The daily cycle's hold on the engine's client facts: replacing a client's slowly changing
// parts between nights, and taking in the book's history straight from the columns. The work is
// done by the facts part (``ClientFacts``); the engine only forwards. Internal: the value facts
// go through the public fact-source seam (`update(facts:at:)`).
extension ClientFacts {
    /// The clients, in row order.
    var cycleClients: [CustomerID] { records.map(\.profile.id) }

    /// Replaces the profile, holdings, household, referral count and balances of the client of
    /// `record` (keeping its activity, windows and source facts) and marks its facts stale;
    /// `false` for an unknown client.
    mutating func cycleReplace(_ record: ClientRecord) -> Bool {
        guard let row = rowOf[record.profile.id] else { return false }
        let datesMove =
            records[row].profile != record.profile || records[row].holdings != record.holdings
            || records[row].household != record.household
        records[row].profile = record.profile
        records[row].holdings = record.holdings
        records[row].household = record.household
        records[row].referrals = record.referrals
        records[row].balances = record.balances
        stale(row, dates: datesMove)
        return true
    }
}

extension RuleEngine {
    /// The clients the engine knows, in row order.
    var cycleClients: [CustomerID] { facts.cycleClients }

    /// See ``ClientFacts/cycleReplace(_:)``.
    mutating func cycleReplace(_ record: ClientRecord) -> Bool { facts.cycleReplace(record) }

    /// Takes in the book's history, `transactions` and `interactions` dated up to `day`, in bulk
    /// (see `ClientFacts.absorbHistory(_:through:)`).
    /// - Returns: the transactions and interactions taken in.
    mutating func cycleAbsorbHistory(
        _ transactions: TransactionColumns,
        interactions: [Interaction],
        through day: Day
    ) -> Int {
        facts.absorbHistory(transactions, through: day) + facts.absorbHistory(interactions, through: day)
    }
}
