import CustomerModel

/// What one client does over the simulated period: the parameters the activity generators read.
///
/// The static part of the bank (profiles, holdings...) is generated once, sequentially; activity
/// (transactions, interactions, balances) is generated per client from its plan and its own
/// random streams, so any client range can be generated alone, in any order, with the same result.
struct ClientPlan: Sendable {
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt16
        static let corporate = Flags(rawValue: 1 << 0)
        static let frequentFlyer = Flags(rawValue: 1 << 1)
        static let overseas = Flags(rawValue: 1 << 2)
        static let salaried = Flags(rawValue: 1 << 3)
        static let retired = Flags(rawValue: 1 << 4)
        static let appUser = Flags(rawValue: 1 << 5)
        static let investor = Flags(rawValue: 1 << 6)
        static let churnDrifting = Flags(rawValue: 1 << 7)
        static let dormant = Flags(rawValue: 1 << 8)
        static let trader = Flags(rawValue: 1 << 9)
    }

    var flags: Flags = []
    /// First and last day with activity (day numbers).
    var activeFrom: Int32 = 0
    var activeUntil: Int32 = 0
    /// The day churn drift starts (day number); after the end for other clients.
    var driftStart: Int32 = .max
    /// Coverage tier: 0 executive RM, 1 senior RM, 2 sub-branch RM.
    var tier: UInt8 = 2
    /// Number of everyday transactions.
    var randomCount: Int32 = 0
    /// Number of scheduled transactions (salary, interest, loan repayments, payroll, tax).
    var regularCount: Int32 = 0
    /// The client's planned one-off transactions in ``SyntheticBank`` storage.
    var plannedStart: Int32 = 0
    var plannedCount: Int32 = 0
    /// Mean amount unit of everyday outflows and inflows, minor units.
    var outflowUnit: Double = 0
    var inflowUnit: Double = 0
    /// The largest single investment purchase or redemption.
    var investmentTradeCap: Int64 = 0
    /// Monthly salary, pension or (corporates) payroll.
    var monthly: Int64 = 0
    /// Quarterly deposit interest (inflow) and, for corporates, quarterly tax (outflow).
    var quarterlyInterest: Int64 = 0
    var quarterlyTax: Int64 = 0
    /// Monthly loan repayment and its day of month.
    var loanPayment: Int64 = 0
    var loanDay: Int8 = 0
    /// Indices into the bank's accounts, -1 when absent.
    var demandAccount: Int32 = -1
    var cardAccount: Int32 = -1
    var investmentAccount: Int32 = -1
    var loanAccount: Int32 = -1
    /// End-of-period balances.
    var deposits: Int64 = 0
    var investments: Int64 = 0
    var liabilities: Int64 = 0
    /// Counterparty index of the employer (salary payer), or -1.
    var employer: Int32 = -1
    /// Business partners (counterparty indices) in ``SyntheticBank`` storage.
    var partnerStart: Int32 = 0
    var partnerCount: Int32 = 0

    var isCorporate: Bool { flags.contains(.corporate) }

    /// The number of transactions the client makes in the period.
    var transactionCount: Int { Int(randomCount) + Int(regularCount) + Int(plannedCount) }
}

/// Every counterparty name transactions can carry, stored once; rows refer to them by index.
struct CounterpartyBook: Sendable {
    var names: [String] = []
    /// Merchants per `MerchantCategory` raw value.
    var merchants: [Range<Int32>] = []
    var overseasMerchants: Range<Int32> = 0..<0
    var banks: Range<Int32> = 0..<0
    var people: Range<Int32> = 0..<0
    var companies: Range<Int32> = 0..<0
    var taxOffice: Int32 = -1
    var pensionFund: Int32 = -1

    mutating func add(_ name: String) -> Int32 {
        names.append(name)
        return Int32(names.count - 1)
    }

    mutating func add(_ list: [String]) -> Range<Int32> {
        let start = Int32(names.count)
        names.append(contentsOf: list)
        return start..<Int32(names.count)
    }

    static func pick(_ range: Range<Int32>, _ rng: inout SeededGenerator) -> Int32 {
        range.isEmpty ? -1 : range.lowerBound + Int32(rng.nextInt(below: range.count))
    }
}
