import CustomerModel

// The daily cycle's hold on the engine's client records: replacing a client's slowly changing
// parts and value facts between nights. An adapter until the typed fact source and the engine's
// client-facts part give the cycle a public way to do it.
extension RuleEngine {
    /// The clients the engine knows, in row order.
    var cycleClients: [CustomerID] { records.map(\.profile.id) }

    /// Replaces the profile, holdings, household, referral count and balances of the client of
    /// `record` (keeping its score history and value facts); `false` for an unknown client.
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

    /// Sets the client's value facts (other than the score, which moves by a
    /// ``RuleEvent/scoreChanged(_:to:at:)`` event); `false` for an unknown client.
    /// - Throws: ``RuleEngineError`` `invalidValue` for a value that does not fit its fact.
    mutating func cycleSetFacts(_ facts: [String: FactValue], of client: CustomerID) throws(RuleEngineError) -> Bool {
        guard let row = rowOf[client] else { return false }
        var record = records[row]
        for (name, value) in facts where name != "score" { record.valueFacts[name] = value }
        try Self.validate(record, catalogue: rules.catalogue)
        records[row].valueFacts = record.valueFacts
        stale(row, dates: false)
        return true
    }

    /// Takes in the transactions of `columns` at `rows` (in day order) without running rules, as
    /// ``absorb(_:)`` does, straight from the columns: each client's row is looked up once, not
    /// once per transaction. Rows of clients the engine does not know are left out.
    /// - Returns: the transactions taken in.
    mutating func cycleAbsorb(_ columns: TransactionColumns, rows: [Int32]) -> Int {
        let engineRows = columns.customers.map { rowOf[$0] ?? -1 }
        var count = 0
        for r in rows {
            let row = Int(r)
            let target = engineRows[Int(columns.customerIndex[row])]
            guard target >= 0, let transaction = CycleFactsStage.transaction(row, of: columns) else { continue }
            addTransaction(transaction, row: target)
            count += 1
        }
        return count
    }

    /// Takes in `interactions` (in day order) without running rules, as ``absorb(_:)`` does.
    /// Interactions of clients the engine does not know are left out.
    /// - Returns: the interactions taken in.
    mutating func cycleAbsorb(_ interactions: [Interaction]) -> Int {
        var count = 0
        for interaction in interactions {
            guard let row = rowOf[interaction.customer] else { continue }
            addInteraction(interaction, row: row)
            count += 1
        }
        return count
    }
}
