public import CustomerModel

/// Churn signals of a whole book as of a day, as columns, with each client's full assessment on demand.
///
/// Built from the activity aggregates (flows and activity, from the columnar pass) plus the
/// book's holdings, interactions and balance snapshots, scanned once each. The columns
/// ``signalCount`` and ``riskScore`` feed the loyalty dimension of the CVM
/// (``signalCountColumn``, ``riskScoreColumn``); ``assessment(_:)`` gives the reasons.
///
/// ```swift
/// let churn = try ChurnBook(activity: aggregates, holdings: bank.holdings,
///                           interactions: interactions, balances: balances, policy: ChurnPolicy())
/// for i in churn.flagged { print(churn.assessment(i).explanation) }
/// ```
public struct ChurnBook: Sendable {
    /// The policy applied.
    public let policy: ChurnPolicy
    /// The analysis day.
    public let asOf: Day
    /// The client of each index.
    public let customers: [CustomerID]
    /// Each client's measures.
    public let measures: [ChurnMeasures]
    /// The kinds that fired for each client.
    public let kinds: [ChurnSignalKinds]
    /// How many signals fired for each client.
    public let signalCount: [UInt8]
    /// Each client's risk score (sum of the fired signals' weights).
    public let riskScore: [Int32]
    /// Each client's level.
    public let level: [ChurnRiskLevel]

    /// The number of clients.
    public var count: Int { customers.count }

    /// Assesses every client of `activity`.
    ///
    /// Holdings, interactions and balances may come in any order; each must belong to a client of
    /// the book.
    /// - Throws: ``ActivityError``: the policy's validation errors; `invalidInput` for aggregates
    ///   without churn measures (those an ``RFMBook`` built for itself); `mixedCurrency` when the
    ///   activity selection's currency is not the policy's, or a holding or balance is in another
    ///   currency (naming it); `unknownCustomer` for a record of a client not in the book (naming
    ///   it); `invalidInput` for a matured holding with a negative balance or a renewed amount
    ///   outside 0...balance. Nothing is returned half-built.
    /// - Complexity: O(clients + holdings + interactions + balances).
    public init(
        activity: ActivityAggregates,
        holdings: [Holding],
        interactions: [Interaction],
        balances: [BalanceSnapshot],
        policy: ChurnPolicy
    ) throws(ActivityError) {
        try policy.validate()
        guard activity.includesChurnMeasures else {
            throw ActivityError(
                .invalidInput,
                field: "activity",
                "the aggregates hold RFM measures only; build them with ActivityAggregates(columns:windows:)"
            )
        }
        let windows = activity.windows
        guard windows.selection.currency == policy.currency else {
            throw ActivityError(
                .mixedCurrency,
                field: "currency",
                "the activity selection and the policy must use one currency"
            )
        }
        let n = activity.count
        var index: [CustomerID: Int32] = [:]
        index.reserveCapacity(n)
        for (i, id) in activity.customers.enumerated() where index[id] == nil { index[id] = Int32(i) }
        // Records come grouped by client (as stores list them): the last client's index is kept.
        var lastClient: (id: CustomerID, index: Int)?
        func slot(_ customer: CustomerID, _ record: @autoclosure () -> String) throws(ActivityError) -> Int {
            if let lastClient, lastClient.id == customer { return lastClient.index }
            guard let i = index[customer] else {
                throw ActivityError(
                    .unknownCustomer,
                    customer: customer,
                    record: record(),
                    field: "customer",
                    "the client is not in the book"
                )
            }
            lastClient = (customer, Int(i))
            return Int(i)
        }
        var measures = [ChurnMeasures](repeating: ChurnMeasures(recentDays: windows.recentDays), count: n)
        for i in 0..<n {
            measures[i].leavingMinorUnits = activity.leavingMinorUnits[i]
            measures[i].arrivingMinorUnits = activity.arrivingMinorUnits[i]
            measures[i].largestLeavingMinorUnits = activity.largestLeavingMinorUnits[i]
            measures[i].recentActivity = Int(activity.recentCount[i])
            measures[i].previousActivity = Int(activity.previousCount[i])
        }
        let days = ChurnDays(policy: policy, asOf: windows.asOf, recentDays: windows.recentDays)
        for holding in holdings {
            let i = try slot(holding.customer, "holding \(holding.id)")
            try days.add(holding, to: &measures[i])
        }
        for interaction in interactions {
            let i = try slot(interaction.customer, "interaction \(interaction.id)")
            days.add(interaction, to: &measures[i])
        }
        for balance in balances {
            let i = try slot(balance.customer, "balance of \(balance.day)")
            try days.add(balance, to: &measures[i])
        }
        var kinds = [ChurnSignalKinds](repeating: [], count: n)
        var counts = [UInt8](repeating: 0, count: n)
        var scores = [Int32](repeating: 0, count: n)
        var levels = [ChurnRiskLevel](repeating: .none, count: n)
        for i in 0..<n {
            let assessment = policy.assess(measures[i], customer: activity.customers[i], asOf: windows.asOf)
            kinds[i] = assessment.kinds
            counts[i] = UInt8(clamping: assessment.signals.count)
            scores[i] = Int32(clamping: assessment.riskScore)
            levels[i] = assessment.level
        }
        self.policy = policy
        asOf = windows.asOf
        customers = activity.customers
        self.measures = measures
        self.kinds = kinds
        signalCount = counts
        riskScore = scores
        level = levels
    }

    /// Client `index`'s assessment with its signals and reasons.
    /// - Precondition: `index` is in `0..<count` (a programming error otherwise).
    public func assessment(_ index: Int) -> ChurnAssessment {
        policy.assess(measures[index], customer: customers[index], asOf: asOf)
    }

    /// The indices of the clients flagged at churn risk (level medium or high), highest score first,
    /// then by index.
    public var flagged: [Int] {
        (0..<count).filter { level[$0] >= .medium }.sorted { (riskScore[$0], -$0) > (riskScore[$1], -$1) }
    }

    /// ``signalCount`` as numbers, the CVM loyalty dimension's churn-signal indicator.
    public var signalCountColumn: [Double] { signalCount.map { Double($0) } }

    /// ``riskScore`` as numbers, for a CVM indicator weighted by signal strength.
    public var riskScoreColumn: [Double] { riskScore.map { Double($0) } }

    /// How many clients have each kind of signal.
    public var kindCounts: [ChurnSignal.Kind: Int] {
        var counts: [ChurnSignal.Kind: Int] = [:]
        for set in kinds where set.rawValue != 0 {
            for kind in set.kinds { counts[kind, default: 0] += 1 }
        }
        return counts
    }
}
