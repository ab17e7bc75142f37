import CustomerModel

/// Per-client sums and counts over a whole book, by profile index, gathered from the records
/// before any table row is written.
///
/// Money stays in integer minor units here.
struct BookFacts {
    let asOf: Day
    let currency: CurrencyCode
    let derivation: IndicatorDerivation
    let ids: [CustomerID]
    let index: [CustomerID: Int]

    // Holdings.
    var deposits: [Int64]
    var wealth: [Int64]
    var funds: [Int64]
    var insurance: [Int64]
    var loans: [Int64]
    var cards: [Int64]
    var fees: [Int64]
    var loanInterest: [Int64]
    var ftp: [Int64]
    var productLines: [UInt8]
    var maturityMovedOut: [Bool]
    // Referrals and relationships.
    var referrals: [Int32]
    var referredValue: [Int64]
    var householdValue: [Int64]
    var enterpriseValue: [Int64]
    // Interactions.
    var contacts: [Int32]
    var satisfactionSum: [Int32]
    var satisfactionCount: [Int32]
    var complaintsRecent: [Int32]
    var complaintsBefore: [Int32]
    // Balances.
    var latestDay: [Int32]
    var latestAUM: [Int64]
    var earlierDay: [Int32]
    var earlierAUM: [Int64]

    init(
        profiles: [CustomerProfile],
        asOf: Day,
        currency: CurrencyCode,
        derivation: IndicatorDerivation
    )
        throws(ScoringInputError)
    {
        self.asOf = asOf
        self.currency = currency
        self.derivation = derivation
        ids = profiles.map(\.id)
        var index = [CustomerID: Int](minimumCapacity: profiles.count)
        for (offset, profile) in profiles.enumerated() {
            guard index.updateValue(offset, forKey: profile.id) == nil else {
                throw ScoringInputError(
                    .invalidValue,
                    customer: profile.id,
                    field: "id",
                    "the client appears twice in the profiles"
                )
            }
        }
        self.index = index
        let n = profiles.count
        let zero = [Int64](repeating: 0, count: n)
        let none = [Int32](repeating: 0, count: n)
        deposits = zero
        wealth = zero
        funds = zero
        insurance = zero
        loans = zero
        cards = zero
        fees = zero
        loanInterest = zero
        ftp = zero
        productLines = [UInt8](repeating: 0, count: n)
        maturityMovedOut = [Bool](repeating: false, count: n)
        referrals = none
        referredValue = zero
        householdValue = zero
        enterpriseValue = zero
        contacts = none
        satisfactionSum = none
        satisfactionCount = none
        complaintsRecent = none
        complaintsBefore = none
        latestDay = [Int32](repeating: .min, count: n)
        latestAUM = zero
        earlierDay = [Int32](repeating: .min, count: n)
        earlierAUM = zero
    }

    /// The profile index of `customer`, or an `unknownCustomer` error naming `record`.
    ///
    /// Records come grouped by client (as stores list them): `last` keeps the last client's index,
    /// so a run of one client's records hashes its id once.
    func client(
        _ customer: CustomerID,
        record: @autoclosure () -> String,
        last: inout (id: CustomerID, index: Int)?
    ) throws(ScoringInputError) -> Int {
        if let last, last.id == customer { return last.index }
        let found = try client(customer, record: record())
        last = (customer, found)
        return found
    }

    /// The profile index of `customer`, or an `unknownCustomer` error naming `record`.
    func client(_ customer: CustomerID, record: @autoclosure () -> String) throws(ScoringInputError) -> Int {
        guard let found = index[customer] else {
            throw ScoringInputError(
                .unknownCustomer,
                customer: customer,
                record: record(),
                "the client is not in the book"
            )
        }
        return found
    }

    /// `total + value`, or an `overflow` error.
    static func add(
        _ total: inout Int64,
        _ value: Int64,
        customer: CustomerID,
        record: @autoclosure () -> String
    )
        throws(ScoringInputError)
    {
        let (sum, overflow) = total.addingReportingOverflow(value)
        guard !overflow else {
            throw ScoringInputError(
                .overflow,
                customer: customer,
                record: record(),
                "a sum overflows 64-bit minor units"
            )
        }
        total = sum
    }

    /// `amount × basisPoints / 10,000`, rounded half away from zero, or an `overflow` error.
    static func share(
        _ amount: Int64,
        basisPoints: Int,
        customer: CustomerID,
        record: @autoclosure () -> String
    ) throws(ScoringInputError)
        -> Int64
    {
        let (product, overflow) = amount.multipliedReportingOverflow(by: Int64(basisPoints))
        guard !overflow else {
            throw ScoringInputError(.overflow, customer: customer, record: record(), "a rate times a balance overflows")
        }
        let half: Int64 = product >= 0 ? 5_000 : -5_000
        return (product + half) / 10_000
    }

    /// Assets under management of client `c`: deposits, wealth products, funds and insurance.
    func aum(_ c: Int) -> Int64 {
        let (a, o1) = deposits[c].addingReportingOverflow(wealth[c])
        let (b, o2) = a.addingReportingOverflow(funds[c])
        let (total, o3) = b.addingReportingOverflow(insurance[c])
        return o1 || o2 || o3 ? .max : total
    }

    mutating func addHoldings(_ holdings: [Holding]) throws(ScoringInputError) {
        let maturityStart = asOf.adding(days: -max(0, derivation.maturityWindowDays))
        var last: (id: CustomerID, index: Int)?
        for holding in holdings {
            let record = holding.id.rawValue
            let c = try client(holding.customer, record: record, last: &last)
            guard holding.balance.currency == currency else {
                throw ScoringInputError(
                    .currencyMismatch,
                    customer: holding.customer,
                    record: record,
                    field: "balance",
                    "the holding is in \(holding.balance.currency), not the book's \(currency); convert it first"
                )
            }
            let balance = holding.balance.minorUnits
            guard balance >= 0 else {
                throw ScoringInputError(
                    .invalidValue,
                    customer: holding.customer,
                    record: record,
                    field: "balance",
                    "a holding balance must not be negative"
                )
            }
            if let matured = holding.maturesOn, case .movedOut = holding.renewal, matured > maturityStart,
                matured <= asOf
            {
                maturityMovedOut[c] = true
            }
            guard holding.openedOn <= asOf, !holding.hasMatured(by: asOf) else { continue }
            let id = holding.customer
            switch holding.product {
            case .demandDeposit, .timeDeposit:
                try Self.add(&deposits[c], balance, customer: id, record: record)
                if let rate = derivation.ftpBasisPoints[holding.product] {
                    let spread = rate - (holding.rateBasisPoints ?? 0)
                    try Self.add(
                        &ftp[c],
                        try Self.share(balance, basisPoints: spread, customer: id, record: record),
                        customer: id,
                        record: record
                    )
                }
            case .wealthManagement: try Self.add(&wealth[c], balance, customer: id, record: record)
            case .fund: try Self.add(&funds[c], balance, customer: id, record: record)
            case .insurance: try Self.add(&insurance[c], balance, customer: id, record: record)
            case .loan:
                try Self.add(&loans[c], balance, customer: id, record: record)
                let rate = holding.rateBasisPoints ?? derivation.defaultLoanRateBasisPoints
                try Self.add(
                    &loanInterest[c],
                    try Self.share(balance, basisPoints: rate, customer: id, record: record),
                    customer: id,
                    record: record
                )
            case .creditCard: try Self.add(&cards[c], balance, customer: id, record: record)
            }
            if let fee = derivation.distributionFeeBasisPoints[holding.product] {
                try Self.add(
                    &fees[c],
                    try Self.share(balance, basisPoints: fee, customer: id, record: record),
                    customer: id,
                    record: record
                )
            }
            if balance > 0 || holding.product == .creditCard {
                productLines[c] |= 1 << UInt8(ProductType.allCases.firstIndex(of: holding.product) ?? 7)
            }
        }
    }

    mutating func addReferrals(_ list: [Referral]) throws(ScoringInputError) {
        for referral in list where referral.on <= asOf {
            let c = try client(referral.referrer, record: "referral of \(referral.referred)")
            referrals[c] &+= 1
            if let referred = index[referral.referred], referred != c {
                try Self.add(&referredValue[c], aum(referred), customer: referral.referrer, record: "referral")
            }
        }
    }

    mutating func addRelationships(_ list: [Relationship]) throws(ScoringInputError) {
        var seenHousehold = Set<Int>()
        var seenEnterprise = Set<Int>()
        for relationship in list {
            let c = try client(relationship.customer, record: relationship.id)
            guard let partyID = relationship.party.customer, let party = index[partyID], party != c else { continue }
            let key = c &* ids.count &+ party
            switch relationship.kind {
            case _ where relationship.kind.isHousehold:
                if seenHousehold.insert(key).inserted {
                    try Self.add(
                        &householdValue[c],
                        aum(party),
                        customer: relationship.customer,
                        record: relationship.id
                    )
                }
            case .controls, .directs, .shareholder:
                if seenEnterprise.insert(key).inserted {
                    try Self.add(
                        &enterpriseValue[c],
                        aum(party),
                        customer: relationship.customer,
                        record: relationship.id
                    )
                }
            default:
                continue
            }
        }
    }

    mutating func addInteractions(_ list: [Interaction]) throws(ScoringInputError) {
        let contactStart = asOf.adding(days: -max(0, derivation.interactionWindowDays))
        let complaintWindow = max(1, derivation.complaintWindowDays)
        let recentStart = asOf.adding(days: -complaintWindow)
        let earlierStart = asOf.adding(days: -2 * complaintWindow)
        var last: (id: CustomerID, index: Int)?
        for interaction in list where interaction.day <= asOf {
            let record = interaction.id.rawValue
            let c = try client(interaction.customer, record: record, last: &last)
            do {
                try interaction.detail.validate()
            } catch {
                throw ScoringInputError(
                    .invalidValue,
                    customer: interaction.customer,
                    record: record,
                    field: error.field,
                    error.message
                )
            }
            switch interaction.detail {
            case .contact where interaction.day > contactStart:
                contacts[c] &+= 1
            case .satisfaction(let score) where interaction.day > contactStart:
                satisfactionSum[c] &+= Int32(score)
                satisfactionCount[c] &+= 1
            case .complaint where interaction.day > recentStart:
                complaintsRecent[c] &+= 1
            case .complaint where interaction.day > earlierStart:
                complaintsBefore[c] &+= 1
            default:
                continue
            }
        }
    }

    mutating func addBalances(_ list: [BalanceSnapshot]) throws(ScoringInputError) {
        let earlierBound = asOf.adding(days: -max(0, derivation.aumDropWindowDays)).number
        var last: (id: CustomerID, index: Int)?
        for snapshot in list where snapshot.day <= asOf {
            let c = try client(snapshot.customer, record: "balance on \(snapshot.day)", last: &last)
            guard snapshot.aum.currency == currency else {
                throw ScoringInputError(
                    .currencyMismatch,
                    customer: snapshot.customer,
                    record: "balance on \(snapshot.day)",
                    field: "aum",
                    "the snapshot is in \(snapshot.aum.currency), not the book's \(currency); convert it first"
                )
            }
            let day = snapshot.day.number
            if day > latestDay[c] {
                latestDay[c] = day
                latestAUM[c] = snapshot.aum.minorUnits
            }
            if day <= earlierBound, day > earlierDay[c] {
                earlierDay[c] = day
                earlierAUM[c] = snapshot.aum.minorUnits
            }
        }
    }

    /// Whether client `c`'s AUM fell by the derivation's share over its window (needs both snapshots).
    func isAUMFalling(_ c: Int) -> Bool {
        guard latestDay[c] != .min, earlierDay[c] != .min, earlierAUM[c] > 0 else { return false }
        let drop = Double(earlierAUM[c] - latestAUM[c]) / Double(earlierAUM[c])
        return drop >= derivation.aumDropShare
    }

    /// Whether client `c`'s complaints are rising.
    func areComplaintsRising(_ c: Int) -> Bool {
        complaintsRecent[c] >= Int32(derivation.risingComplaintsMinimum) && complaintsRecent[c] > complaintsBefore[c]
    }
}
