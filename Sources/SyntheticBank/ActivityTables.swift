import CustomerModel

/// One transaction as the generator builds it: plain numbers, no strings.
///
/// The streamed ``/CustomerModel/Transaction`` values and the ``/CustomerModel/TransactionColumns`` rows are both made
/// from these, so they always agree.
struct ActivityRow: Sendable, Hashable {
    var day: Int32
    var second: Int32
    var amount: Int64
    /// Index into ``SyntheticBank/accounts``, or -1.
    var account: Int32
    /// Index into the counterparty table, or -1.
    var counterparty: Int32
    var type: TransactionType
    var direction: Direction
    var channel: Channel
    /// `MerchantCategory` raw value, or 255 when none.
    var category: UInt8
    var isOverseas: Bool

    init(
        day: Int32,
        second: Int32,
        amount: Int64,
        account: Int32,
        counterparty: Int32,
        type: TransactionType,
        direction: Direction,
        channel: Channel,
        category: UInt8 = 255,
        isOverseas: Bool = false
    ) {
        self.day = day
        self.second = second
        self.amount = amount
        self.account = account
        self.counterparty = counterparty
        self.type = type
        self.direction = direction
        self.channel = channel
        self.category = category
        self.isOverseas = isOverseas
    }
}

/// The kinds of everyday (random) transactions.
enum EventKind: UInt8, Sendable, CaseIterable {
    case cardSpend, onlinePayment, transferOut, transferIn, withdrawal, deposit, fee
    case investmentPurchase, investmentRedemption, fxOut, fxIn

    var type: TransactionType {
        switch self {
        case .cardSpend: .cardSpend
        case .onlinePayment: .onlinePayment
        case .transferOut: .transferOut
        case .transferIn: .transferIn
        case .withdrawal: .withdrawal
        case .deposit: .deposit
        case .fee: .fee
        case .investmentPurchase: .investmentPurchase
        case .investmentRedemption: .investmentRedemption
        case .fxOut, .fxIn: .fx
        }
    }

    var direction: Direction {
        switch self {
        case .transferIn, .deposit, .investmentRedemption, .fxIn: .inflow
        default: .outflow
        }
    }
}

/// Tables the everyday-transaction generator draws from: which kind of transaction, which merchant category, which
/// channel, what time of day, and relative amounts.
///
/// The same for every bank; the seed only decides the draws.
final class ActivityTables: Sendable {
    /// Kinds for individuals, one table per season.
    let individualKinds: [WeightedChoice<EventKind>]
    /// Kinds for corporates.
    let corporateKinds: WeightedChoice<EventKind>
    /// Card-spending categories per season, for ordinary clients and for frequent flyers.
    let categories: [WeightedChoice<MerchantCategory>]
    let flyerCategories: [WeightedChoice<MerchantCategory>]
    /// Categories of online payments.
    let onlineCategories: WeightedChoice<MerchantCategory>
    /// Channels per kind, for individuals and corporates.
    let individualChannels: [WeightedChoice<Channel>]
    let corporateChannels: WeightedChoice<Channel>
    /// Hours of the day.
    let retailHours: WeightedChoice<Int>
    let bankingHours: WeightedChoice<Int>
    let officeHours: WeightedChoice<Int>
    /// Relative amount of each kind (individuals) and category.
    let individualMultiplier: [Double]
    let corporateMultiplier: [Double]
    let categoryMultiplier: [Double]
    /// Expected relative outflow and inflow amount per individual event (normal season).
    let individualOutflowPerEvent: Double
    let individualInflowPerEvent: Double
    let corporateOutflowPerEvent: Double
    let corporateInflowPerEvent: Double
    /// Noise on everyday amounts.
    let amountNoise = LogNormalNoise(sigma: 0.9)

    static let shared = ActivityTables()

    private init() {
        func kinds(_ season: SeasonalCalendar.Season) -> WeightedChoice<EventKind> {
            var card = 38.0
            var online = 24.0
            switch season {
            case .normal: break
            case .festive: card *= 1.3
            case .travel: card *= 1.2
            case .doubleEleven: online *= 3
            }
            return WeightedChoice<EventKind>([
                (.cardSpend, card), (.onlinePayment, online), (.transferOut, 9), (.transferIn, 12), (.withdrawal, 4),
                (.deposit, 4), (.fee, 1), (.investmentPurchase, 3), (.investmentRedemption, 3),
            ])
        }
        let seasons: [SeasonalCalendar.Season] = [.normal, .festive, .travel, .doubleEleven]
        individualKinds = seasons.map(kinds)
        corporateKinds = WeightedChoice<EventKind>([
            (.transferIn, 40), (.transferOut, 35), (.onlinePayment, 8), (.fee, 4), (.deposit, 3), (.withdrawal, 2),
            (.investmentPurchase, 2), (.investmentRedemption, 2),
        ])
        func categoryTable(_ season: SeasonalCalendar.Season, flyer: Bool) -> WeightedChoice<MerchantCategory> {
            var weights: [MerchantCategory: Double] = [
                .groceries: 22, .dining: 22, .entertainment: 7, .healthcare: 5, .education: 4, .automotive: 6,
                .luxuryRetail: 3, .airTravel: 3, .hotel: 3, .travel: 3, .other: 22,
            ]
            switch season {
            case .normal: break
            case .festive:
                weights[.luxuryRetail, default: 0] *= 3
                weights[.groceries, default: 0] *= 1.5
                weights[.dining, default: 0] *= 1.3
            case .travel:
                weights[.airTravel, default: 0] *= 3
                weights[.hotel, default: 0] *= 3
                weights[.travel, default: 0] *= 3
            case .doubleEleven:
                weights[.luxuryRetail, default: 0] *= 2
                weights[.other, default: 0] *= 2
            }
            if flyer {
                weights[.airTravel, default: 0] *= 6
                weights[.hotel, default: 0] *= 4
                weights[.travel, default: 0] *= 2
            }
            return WeightedChoice(MerchantCategory.allCases.map { ($0, weights[$0] ?? 0) })
        }
        categories = seasons.map { categoryTable($0, flyer: false) }
        flyerCategories = seasons.map { categoryTable($0, flyer: true) }
        onlineCategories = WeightedChoice<MerchantCategory>([
            (.groceries, 30), (.dining, 25), (.entertainment, 10), (.other, 35),
        ])
        individualChannels = EventKind.allCases.map { kind -> WeightedChoice<Channel> in
            switch kind {
            case .cardSpend: WeightedChoice<Channel>([(.pos, 85), (.online, 15)])
            case .onlinePayment: WeightedChoice<Channel>([(.mobile, 90), (.online, 10)])
            case .transferOut, .transferIn:
                WeightedChoice<Channel>([(.mobile, 70), (.online, 15), (.branch, 10), (.relationshipManager, 5)])
            case .withdrawal: WeightedChoice<Channel>([(.atm, 85), (.branch, 15)])
            case .deposit: WeightedChoice<Channel>([(.branch, 60), (.atm, 40)])
            case .fee: WeightedChoice<Channel>([(.other, 1)])
            case .investmentPurchase, .investmentRedemption:
                WeightedChoice<Channel>([(.mobile, 70), (.relationshipManager, 20), (.branch, 10)])
            case .fxOut, .fxIn: WeightedChoice<Channel>([(.mobile, 60), (.branch, 40)])
            }
        }
        corporateChannels = WeightedChoice<Channel>([(.online, 80), (.branch, 15), (.relationshipManager, 5)])
        let retail: [Double] = [1, 0.5, 0.3, 0.2, 0.2, 0.3, 1, 3, 5, 6, 7, 8, 10, 8, 6, 6, 7, 8, 10, 12, 12, 10, 6, 3]
        let banking: [Double] = [
            0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 2, 5, 9, 10, 10, 7, 8, 9, 9, 8, 6, 5, 5, 4, 3, 2, 1,
        ]
        let office: [Double] = [0, 0, 0, 0, 0, 0, 0.1, 0.5, 4, 10, 10, 9, 5, 7, 10, 10, 9, 6, 2, 1, 0.5, 0.2, 0, 0]
        retailHours = WeightedChoice(retail.enumerated().map { ($0.offset, $0.element) })
        bankingHours = WeightedChoice(banking.enumerated().map { ($0.offset, $0.element) })
        officeHours = WeightedChoice(office.enumerated().map { ($0.offset, $0.element) })
        individualMultiplier = EventKind.allCases.map { kind in
            switch kind {
            case .cardSpend: 1.0
            case .onlinePayment: 0.6
            case .transferOut: 4.0
            case .transferIn: 3.0
            case .withdrawal: 1.5
            case .deposit: 2.5
            case .fee: 0.05
            case .investmentPurchase, .investmentRedemption: 6.0
            case .fxOut, .fxIn: 5.0
            }
        }
        corporateMultiplier = EventKind.allCases.map { kind in
            switch kind {
            case .transferIn, .transferOut: 1.0
            case .onlinePayment: 0.3
            case .fee: 0.02
            case .deposit, .withdrawal: 0.4
            case .investmentPurchase, .investmentRedemption: 2.0
            case .fxOut, .fxIn: 2.0
            case .cardSpend: 0.3
            }
        }
        var categoryMultiplier = [Double](repeating: 1, count: 256)
        for category in MerchantCategory.allCases {
            categoryMultiplier[Int(category.rawValue)] =
                switch category {
                case .groceries: 0.4
                case .dining: 0.6
                case .entertainment: 0.8
                case .healthcare: 1.5
                case .education: 6
                case .automotive: 2
                case .luxuryRetail: 10
                case .airTravel: 4
                case .hotel: 3
                case .travel: 4
                case .other: 0.8
                }
        }
        self.categoryMultiplier = categoryMultiplier
        let cardFactor = categories[0].expectation { categoryMultiplier[Int($0.rawValue)] }
        let onlineFactor = onlineCategories.expectation { categoryMultiplier[Int($0.rawValue)] }
        let individualMultiplier = self.individualMultiplier
        let corporateMultiplier = self.corporateMultiplier
        func perEvent(_ table: WeightedChoice<EventKind>, _ multiplier: [Double], _ direction: Direction) -> Double {
            table.expectation { kind in
                guard kind.direction == direction else { return 0 }
                let factor = kind == .cardSpend ? cardFactor : (kind == .onlinePayment ? onlineFactor : 1)
                return multiplier[Int(kind.rawValue)] * factor
            }
        }
        individualOutflowPerEvent = perEvent(individualKinds[0], individualMultiplier, .outflow)
        individualInflowPerEvent = perEvent(individualKinds[0], individualMultiplier, .inflow)
        corporateOutflowPerEvent = perEvent(corporateKinds, corporateMultiplier, .outflow)
        corporateInflowPerEvent = perEvent(corporateKinds, corporateMultiplier, .inflow)
    }
}
