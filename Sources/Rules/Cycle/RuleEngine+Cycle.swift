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

    /// Takes in the transactions of `columns` at `rows` (in day order) as ``RuleEngine/absorb(_:)``
    /// does, straight from the columns: each client's row is looked up once, not once per
    /// transaction.
    ///
    /// Rows of clients not known here are left out.
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

    /// Takes in `interactions` (in day order) as ``RuleEngine/absorb(_:)`` does.
    ///
    /// Interactions of
    /// clients not known here are left out.
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

extension RuleEngine {
    /// The clients the engine knows, in row order.
    var cycleClients: [CustomerID] { facts.cycleClients }

    /// See ``ClientFacts/cycleReplace(_:)``.
    mutating func cycleReplace(_ record: ClientRecord) -> Bool { facts.cycleReplace(record) }

    /// See ``ClientFacts/cycleAbsorb(_:rows:)``.
    mutating func cycleAbsorb(_ columns: TransactionColumns, rows: [Int32]) -> Int {
        facts.cycleAbsorb(columns, rows: rows)
    }

    /// See ``ClientFacts/cycleAbsorb(_:)``.
    mutating func cycleAbsorb(_ interactions: [Interaction]) -> Int { facts.cycleAbsorb(interactions) }
}
