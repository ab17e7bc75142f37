import CustomerModel

/// Everything the activity generators read: each client's plan, the planned one-off rows, the counterparty names,
/// account and client identifiers, the seasons and the tables.
///
/// Immutable and shared by every generator and batch (a class, so generators share one copy).
final class ActivityModel: Sendable {
    let seed: UInt64
    let start: Day
    let end: Day
    let currency: CurrencyCode
    let snapshotFrequency: SyntheticBank.SnapshotFrequency
    let interactionsPerYear: Double
    let calendar: BankCalendar
    let plans: [ClientPlan]
    let plannedRows: [ActivityRow]
    let partners: [Int32]
    let counterparties: CounterpartyBook
    let customerIDs: [CustomerID]
    let accountIDs: [AccountID]
    let relationshipManagers: [StaffID?]
    let seasons: SeasonalCalendar
    let tables: ActivityTables
    /// `transactionOffsets[i]` is the running number of client `i`'s first transaction; the last
    /// element is the total.
    let transactionOffsets: [Int]

    init(
        seed: UInt64,
        start: Day,
        end: Day,
        currency: CurrencyCode,
        snapshotFrequency: SyntheticBank.SnapshotFrequency,
        interactionsPerYear: Double,
        calendar: BankCalendar,
        plans: [ClientPlan],
        plannedRows: [ActivityRow],
        partners: [Int32],
        counterparties: CounterpartyBook,
        customerIDs: [CustomerID],
        accountIDs: [AccountID],
        relationshipManagers: [StaffID?],
        seasons: SeasonalCalendar,
        tables: ActivityTables,
        transactionOffsets: [Int]
    ) {
        self.seed = seed
        self.start = start
        self.end = end
        self.currency = currency
        self.snapshotFrequency = snapshotFrequency
        self.interactionsPerYear = interactionsPerYear
        self.calendar = calendar
        self.plans = plans
        self.plannedRows = plannedRows
        self.partners = partners
        self.counterparties = counterparties
        self.customerIDs = customerIDs
        self.accountIDs = accountIDs
        self.relationshipManagers = relationshipManagers
        self.seasons = seasons
        self.tables = tables
        self.transactionOffsets = transactionOffsets
    }
}

/// Generates one client's transactions at a time into reusable buffers, sorted by day and time.
///
/// The rows of client `i` depend only on the bank's seed and client `i`'s plan, never on which
/// clients were generated before, so batches of any size give the same transactions.
struct TransactionGenerator {
    let model: ActivityModel
    private(set) var rows: [ActivityRow] = []
    private var unsorted: [ActivityRow] = []
    private var keys: [UInt64] = []
    private var cumulative: [Double] = []
    private let names: [String]
    private let customerIDs: [CustomerID]
    private let accountIDs: [AccountID]
    private let currency: CurrencyCode

    init(model: ActivityModel) {
        self.model = model
        names = model.counterparties.names
        customerIDs = model.customerIDs
        accountIDs = model.accountIDs
        currency = model.currency
    }

    /// Generates client `index`'s rows into ``rows``, sorted by day, then time of day.
    mutating func generate(client index: Int) {
        let plan = model.plans[index]
        unsorted.removeAll(keepingCapacity: true)
        unsorted.reserveCapacity(plan.transactionCount)
        // Planned one-off movements.
        let first = Int(plan.plannedStart)
        for position in first..<(first + Int(plan.plannedCount)) {
            var row = model.plannedRows[position]
            if row.counterparty == BankBuilder.employer { row.counterparty = plan.employer }
            unsorted.append(row)
        }
        appendRegular(plan, index)
        appendEveryday(plan, index)
        // Sort by (day, second, generation order).
        let count = unsorted.count
        keys.removeAll(keepingCapacity: true)
        let base = model.start.number
        for position in 0..<count {
            let row = unsorted[position]
            keys.append(
                UInt64(UInt32(truncatingIfNeeded: row.day &- base)) << 40 | UInt64(UInt32(row.second)) << 22
                    | UInt64(position)
            )
        }
        keys.sort()
        rows.removeAll(keepingCapacity: true)
        for key in keys { rows.append(unsorted[Int(key & 0x3F_FFFF)]) }
    }

    private mutating func appendRegular(_ plan: ClientPlan, _ index: Int) {
        var rng = SeededGenerator(seed: model.seed, stream: UInt64(index), purpose: Purpose.regular)
        let book = model.counterparties
        let corporate = plan.isCorporate
        var local = unsorted
        unsorted = []
        plan.forEachRegularEvent { day, kind in
            let (amount, direction) = plan.regularAmount(kind)
            let second: Int32
            let type: TransactionType
            var counterparty: Int32 = -1
            var account = plan.demandAccount
            switch kind {
            case .salary:
                second = Int32(7_200 + rng.nextInt(below: 10_800))
                type = .transferIn
                counterparty = plan.employer
            case .pension:
                second = Int32(7_200 + rng.nextInt(below: 10_800))
                type = .transferIn
                counterparty = book.pensionFund
            case .payroll:
                second = Int32(36_000 + rng.nextInt(below: 21_600))
                type = .transferOut  // a batch to every employee: no single counterparty
            case .interest:
                second = Int32(rng.nextInt(below: 3_600))
                type = .interest
            case .loan:
                second = Int32(21_600 + rng.nextInt(below: 7_200))
                type = corporate ? .interest : .loanRepayment
                if plan.loanAccount >= 0 { account = plan.loanAccount }
            case .tax:
                second = Int32(32_400 + rng.nextInt(below: 28_800))
                type = .transferOut
                counterparty = book.taxOffice
            }
            local.append(
                ActivityRow(
                    day: day.number,
                    second: second,
                    amount: max(1, amount),
                    account: account,
                    counterparty: counterparty,
                    type: type,
                    direction: direction,
                    channel: .other
                )
            )
        }
        unsorted = local
    }

    private mutating func appendEveryday(_ plan: ClientPlan, _ index: Int) {
        let count = Int(plan.randomCount)
        guard count > 0 else { return }
        var rng = SeededGenerator(seed: model.seed, stream: UInt64(index), purpose: Purpose.transactions)
        // The client's day weights: the season's shape times its own activity.
        let startNumber = model.start.number
        let from = max(plan.activeFrom, startNumber)
        let through = min(plan.activeUntil, model.end.number)
        guard from <= through else { return }
        let seasonal = plan.isCorporate ? model.seasons.corporateWeight : model.seasons.individualWeight
        cumulative.removeAll(keepingCapacity: true)
        var total = 0.0
        for day in from...through {
            total += seasonal[Int(day - startNumber)] * plan.activityFactor(day, periodEnd: model.end.number)
            cumulative.append(total)
        }
        guard total > 0 else { return }
        let tables = model.tables
        let noise = tables.amountNoise
        let book = model.counterparties
        let flags = plan.flags
        let corporate = plan.isCorporate
        let investor = flags.contains(.investor)
        let overseasClient = flags.contains(.overseas)
        let categoryTables = flags.contains(.frequentFlyer) ? tables.flyerCategories : tables.categories
        let partnerRange = Int(plan.partnerStart)..<Int(plan.partnerStart + plan.partnerCount)
        let partners = model.partners
        let seasonOfDay = model.seasons.season
        let individualKinds = tables.individualKinds
        let corporateKinds = tables.corporateKinds
        let individualChannels = tables.individualChannels
        let individualMultiplier = tables.individualMultiplier
        let corporateMultiplier = tables.corporateMultiplier
        let categoryMultiplier = tables.categoryMultiplier
        let merchants = book.merchants
        let dayCount = cumulative.count
        for _ in 0..<count {
            // The day: inverse of the cumulative weights (branch-free binary search).
            let target = rng.nextDouble() * total
            var low = 0
            var length = dayCount
            while length > 1 {
                let half = length >> 1
                low = cumulative[low + half - 1] <= target ? low + half : low
                length -= half
            }
            let day = from + Int32(low)
            let season = Int(seasonOfDay[Int(day - startNumber)].rawValue)
            var kind: EventKind
            var multiplier: Double
            var channel: Channel
            var hour: Int
            var counterparty: Int32 = -1
            var category: UInt8 = 255
            var overseas = false
            var account = plan.demandAccount
            if corporate {
                if flags.contains(.trader), rng.bernoulli(0.06) {
                    kind = rng.bernoulli(0.5) ? .fxIn : .fxOut
                } else {
                    kind = corporateKinds.draw(using: &rng) ?? .transferIn
                }
                if !investor {
                    if kind == .investmentPurchase { kind = .transferOut }
                    if kind == .investmentRedemption { kind = .transferIn }
                }
                multiplier = corporateMultiplier[Int(kind.rawValue)]
                channel = tables.corporateChannels.draw(using: &rng) ?? .online
                hour = tables.officeHours.draw(using: &rng) ?? 10
                switch kind {
                case .transferIn, .transferOut:
                    if !partnerRange.isEmpty, rng.bernoulli(0.85) {
                        counterparty = partners[partnerRange.lowerBound + rng.nextInt(below: partnerRange.count)]
                    } else {
                        counterparty = CounterpartyBook.pick(book.companies, &rng)
                    }
                case .onlinePayment:
                    counterparty = CounterpartyBook.pick(merchants[Int(MerchantCategory.other.rawValue)], &rng)
                case .investmentPurchase, .investmentRedemption:
                    if plan.investmentAccount >= 0 { account = plan.investmentAccount }
                case .deposit, .withdrawal:
                    channel = .branch
                default: break
                }
            } else {
                if overseasClient, rng.bernoulli(0.04) {
                    kind = rng.bernoulli(0.7) ? .fxOut : .fxIn
                } else {
                    kind = individualKinds[season].draw(using: &rng) ?? .cardSpend
                }
                if !investor {
                    if kind == .investmentPurchase { kind = .transferOut }
                    if kind == .investmentRedemption { kind = .transferIn }
                }
                multiplier = individualMultiplier[Int(kind.rawValue)]
                channel = individualChannels[Int(kind.rawValue)].draw(using: &rng) ?? .mobile
                hour = 10
                switch kind {
                case .cardSpend:
                    let drawn = categoryTables[season].draw(using: &rng) ?? .other
                    category = drawn.rawValue
                    multiplier *= categoryMultiplier[Int(category)]
                    let travel = drawn == .airTravel || drawn == .hotel || drawn == .travel || drawn == .luxuryRetail
                    overseas = rng.bernoulli(
                        overseasClient ? (travel ? 0.4 : 0.1) : (travel ? 0.03 : 0.005)
                    )
                    counterparty =
                        overseas && drawn != .airTravel
                        ? CounterpartyBook.pick(book.overseasMerchants, &rng)
                        : CounterpartyBook.pick(merchants[Int(category)], &rng)
                    if plan.cardAccount >= 0 { account = plan.cardAccount }
                    hour = tables.retailHours.draw(using: &rng) ?? 12
                case .onlinePayment:
                    let drawn = tables.onlineCategories.draw(using: &rng) ?? .other
                    category = drawn.rawValue
                    multiplier *= categoryMultiplier[Int(category)]
                    counterparty = CounterpartyBook.pick(merchants[Int(category)], &rng)
                    hour = tables.retailHours.draw(using: &rng) ?? 20
                case .transferOut, .transferIn:
                    counterparty = CounterpartyBook.pick(book.people, &rng)
                    hour = tables.bankingHours.draw(using: &rng) ?? 10
                case .investmentPurchase, .investmentRedemption:
                    if plan.investmentAccount >= 0 { account = plan.investmentAccount }
                    hour = tables.bankingHours.draw(using: &rng) ?? 10
                default:
                    hour = tables.bankingHours.draw(using: &rng) ?? 10
                }
            }
            let direction = kind.direction
            let unit = direction == .inflow ? plan.inflowUnit : plan.outflowUnit
            var value = unit * multiplier * noise.draw(using: &rng)
            if kind == .investmentPurchase || kind == .investmentRedemption {
                value = min(value, Double(plan.investmentTradeCap))
            }
            let amount: Int64
            if kind == .cardSpend || kind == .onlinePayment || kind == .fee {
                amount = max(100, Int64(min(value, 1e15).rounded()))
            } else {
                amount = max(1, Int64(min(value / 100, 1e13).rounded())) * 100
            }
            unsorted.append(
                ActivityRow(
                    day: day,
                    second: Int32(hour * 3_600 + rng.nextInt(below: 3_600)),
                    amount: amount,
                    account: account,
                    counterparty: counterparty,
                    type: kind.type,
                    direction: direction,
                    channel: channel,
                    category: category,
                    isOverseas: overseas
                )
            )
        }
    }

    /// The transaction of `row`, the `number`-th of the bank, made by client `index`.
    func transaction(_ row: ActivityRow, number: Int, client index: Int) -> Transaction {
        Transaction(
            id: Self.transactionID(number),
            customer: customerIDs[index],
            account: row.account >= 0 ? accountIDs[Int(row.account)] : nil,
            day: Day(number: row.day),
            secondOfDay: row.second,
            type: row.type,
            direction: row.direction,
            amount: Money(minorUnits: row.amount, currency: currency),
            channel: row.channel,
            merchantCategory: row.category == 255 ? nil : MerchantCategory(rawValue: row.category),
            counterparty: row.counterparty >= 0 ? names[Int(row.counterparty)] : nil,
            isOverseas: row.isOverseas
        )
    }

    private static let digits: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)

    /// `T` followed by `number` in base 36 (upper case): at most 10 characters below 36^9.
    static func transactionID(_ number: Int) -> TransactionID {
        var value = UInt64(max(0, number))
        var length = 2
        var rest = value / 36
        while rest > 0 {
            length += 1
            rest /= 36
        }
        let text = String(unsafeUninitializedCapacity: length) { buffer in
            buffer[0] = UInt8(ascii: "T")
            var position = length - 1
            repeat {
                buffer[position] = digits[Int(value % 36)]
                value /= 36
                position -= 1
            } while value > 0
            return length
        }
        return TransactionID(text)
    }
}
