import CustomerModel

/// Generates the slowly changing part of a synthetic bank (organisation, profiles, accounts,
/// holdings, relationships, referrals) and each client's activity plan, in one sequential pass
/// over a single random stream.
struct BankBuilder {
    typealias Word = NameTables.Word

    /// A sub-branch and the RMs who work there.
    struct SubBranch {
        var id: BranchID
        var rms: [StaffID]
        var district: Int
    }

    /// A branch, its sub-branches and its senior staff.
    struct BranchUnit {
        var id: BranchID
        var city: Int
        var subBranches: [SubBranch]
        var seniors: [StaffID]
        var executives: [StaffID]
        var expert: StaffID
    }

    /// A person, client or not.
    struct Person {
        var hanzi: String
        var latin: String
        var surname: Int
        var isFemale: Bool
        var birthDate: Day

        func name(_ script: SyntheticBank.NameScript) -> String { script == .hanzi ? hanzi : latin }
    }

    /// Working state of one client while it is generated.
    struct Draft {
        var index: Int
        var id: CustomerID
        var kind: CustomerKind
        var scenario: ClientScenario = .steady
        var isNew = false
        var onboarded: Day
        var activeFrom: Day
        var activeUntil: Day
        var driftStart: Day?
        /// AUM before any churn drain, and at the end, in minor units.
        var preAUM: Double = 0
        var endAUM: Double = 0
        var drainBudget: Double = 0
        var appetite: RiskAppetite = .balanced
        var age = 40
        var position: Position?
        var city = 0
        var branch: BranchID
        var rm: StaffID
        var tier: UInt8 = 2
        var plan = ClientPlan()
        var holdingCount = 0
        var holdingStart = 0
        /// The account of each single-account product line (demand, time, wealth, fund, insurance), -1 until opened.
        var accountSlots: [Int32] = [-1, -1, -1, -1, -1]
        var loanAccounts = 0
        var cardAccounts = 0
        var annualOutflow: Double = 0
        var hasMortgage = false
        /// Product lines held, one bit per `ProductType` case.
        var productLines: UInt16 = 0

        func holds(_ product: ProductType) -> Bool { productLines & Draft.bit(product) != 0 }

        static func bit(_ product: ProductType) -> UInt16 {
            UInt16(1) << UInt16(ProductType.allCases.firstIndex(of: product) ?? 15)
        }
        var movedOut: Double = 0
    }

    let configuration: SyntheticBank.Configuration
    let start: Day
    let end: Day
    let script: SyntheticBank.NameScript
    let currency: CurrencyCode
    let seasons: SeasonalCalendar
    let tables = ActivityTables.shared
    var rng: SeededGenerator

    // Organisation.
    var branches: [Branch] = []
    var staff: [StaffMember] = []
    var units: [BranchUnit] = []
    var rmCounter = 0

    // Output.
    var profiles: [CustomerProfile] = []
    var accounts: [Account] = []
    var holdings: [Holding] = []
    var relationships: [Relationship] = []
    var referrals: [Referral] = []
    var plans: [ClientPlan] = []
    var scenarios: [ClientScenario] = []
    var plannedRows: [ActivityRow] = []
    var partners: [Int32] = []
    var book = CounterpartyBook()

    // Linking state.
    var people: [Person?] = []
    var pendingProfiles: [CustomerProfile?] = []
    var individualCount = 0
    var ids: [CustomerID] = []
    var unitOfClient: [Int32] = []
    var referralTickets: [Int32] = []
    var referrerQuality: [Double] = []
    var relationshipCount: [Int] = []
    var referralCount: [Int] = []
    var corporateCounterparty: [Int32] = []
    var clientKinds: [CustomerKind] = []
    var newClients = Set<Int>()
    var churnClients = Set<Int>()
    var dormantClients = Set<Int>()

    let surnameChoice = WeightedChoice(NameTables.surnames.enumerated().map { ($0.offset, $0.element.1) })
    let occupationChoice = WeightedChoice(NameTables.occupations.enumerated().map { ($0.offset, $0.element.weight) })
    let industryChoice = WeightedChoice(NameTables.industries.enumerated().map { ($0.offset, $0.element.weight) })

    init(_ configuration: SyntheticBank.Configuration) {
        self.configuration = configuration
        start = configuration.startDay
        end = configuration.endDay
        script = configuration.nameScript
        currency = configuration.currency
        seasons = SeasonalCalendar(start: configuration.startDay, days: configuration.days)
        rng = SeededGenerator(seed: configuration.seed, stream: 0, purpose: Purpose.bank)
    }

    // MARK: Small helpers

    func word(_ word: Word) -> String { script == .hanzi ? word.hanzi : word.latin }

    func instant(_ day: Day, minutes: Int) -> Instant {
        configuration.calendar.start(of: day, plusMinutes: minutes)
    }

    /// A random instant in office hours on `day`.
    mutating func officeInstant(_ day: Day) -> Instant {
        instant(day, minutes: 8 * 60 + rng.nextInt(below: 11 * 60))
    }

    /// Whole currency units (yuan) in minor units, at least one unit.
    static func money(_ minorUnits: Double) -> Int64 {
        guard minorUnits.isFinite else { return 100 }
        let units = (minorUnits / 100).rounded()
        return max(1, Int64(min(units, 9e15))) * 100
    }

    func amount(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: currency) }

    /// A day uniformly in `from...through` (`from` when the range is empty).
    mutating func day(from: Day, through: Day) -> Day {
        guard through > from else { return from }
        return from.adding(days: rng.nextInt(below: from.days(until: through) + 1))
    }

    /// A random Chinese name.
    mutating func makePerson(female: Bool? = nil, surname: Int? = nil, birthDate: Day) -> Person {
        let isFemale = female ?? rng.bernoulli(0.5)
        let family = surname ?? (surnameChoice.draw(using: &rng) ?? 0)
        let table = (rng.bernoulli(0.1) ? !isFemale : isFemale) ? NameTables.femaleSyllables : NameTables.maleSyllables
        let count = rng.bernoulli(0.3) ? 1 : 2
        var hanzi = NameTables.surnames[family].0.hanzi
        var given = ""
        for _ in 0..<count {
            let syllable = table[rng.nextInt(below: table.count)]
            hanzi += syllable.hanzi
            given += syllable.latin
        }
        let latin = NameTables.surnames[family].0.latin + " " + given.prefix(1).uppercased() + given.dropFirst()
        return Person(hanzi: hanzi, latin: latin, surname: family, isFemale: isFemale, birthDate: birthDate)
    }

    /// A company name: city, brand, industry word and legal form.
    mutating func makeCompanyName(city: Int, industry: Int) -> String {
        let brand = NameTables.brands[rng.nextInt(below: NameTables.brands.count)]
        let cityName = NameTables.cities[city % NameTables.cities.count].name
        let industryWord = NameTables.industries[industry].companyWord
        let listed = rng.bernoulli(0.2)
        if script == .hanzi {
            return cityName.hanzi + brand.hanzi + industryWord.hanzi + (listed ? "股份有限公司" : "有限公司")
        }
        return "\(cityName.latin) \(brand.latin) \(industryWord.latin) \(listed ? "Holdings Co., Ltd." : "Co., Ltd.")"
    }

    /// Digits from the random stream.
    mutating func digits(_ count: Int) -> String {
        var text = ""
        for _ in 0..<count { text.append(Character(Unicode.Scalar(UInt8(48 + rng.nextInt(below: 10))))) }
        return text
    }

    /// Base-36 lower-case letters and digits.
    mutating func alphanumerics(_ count: Int) -> String {
        var text = ""
        for _ in 0..<count { text.append(Self.alphabet[rng.nextInt(below: 36)]) }
        return text
    }

    private static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
}

/// The purposes random streams are drawn for: one stream per client and purpose.
enum Purpose {
    static let bank: UInt64 = 1
    static let transactions: UInt64 = 2
    static let regular: UInt64 = 3
    static let interactions: UInt64 = 4
}
