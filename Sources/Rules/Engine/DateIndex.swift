import CustomerModel

/// Where each client's dates fall: maturities by day, and annual dates (birthdays, wedding and
/// signing anniversaries of clients and household members) by month and day.
struct DateIndex: Sendable {
    /// A dated thing of one client.
    struct Entry: Sendable {
        var row: Int
        /// For maturities, the holding's index in the client's record.
        var holding: Int = -1
        /// For annual dates: the original date (birth, wedding, signing day).
        var date: Day
        /// The person (for annual dates): a name; personal data, never put in causes or logs.
        var person: String = ""
        /// Who the person is to the client (`self`, `spouse` ...).
        var relation: String = "self"
        /// Whether the date belongs to a household member rather than the client.
        var isHousehold = false
    }

    var maturities: [Int32: [Entry]] = [:]
    var annual: [DateAnchor: [Int: [Entry]]] = [:]

    init(records: [ClientRecord]) {
        for (row, record) in records.enumerated() { add(record, row: row) }
    }

    static func monthDay(_ day: Day) -> Int {
        let (_, m, d) = day.components
        return m * 100 + d
    }

    mutating func add(_ record: ClientRecord, row: Int) {
        for (index, holding) in record.holdings.enumerated() {
            guard let maturity = holding.maturesOn else { continue }
            maturities[maturity.number, default: []].append(Entry(row: row, holding: index, date: maturity))
        }
        func annualDate(_ anchor: DateAnchor, _ date: Day?, person: String, relation: String, household: Bool) {
            guard let date else { return }
            annual[anchor, default: [:]][Self.monthDay(date), default: []].append(
                Entry(row: row, date: date, person: person, relation: relation, isHousehold: household)
            )
        }
        let profile = record.profile
        if profile.kind == .individual {
            annualDate(.birthday, profile.birthDate, person: profile.name, relation: "self", household: false)
        }
        annualDate(.weddingAnniversary, profile.weddingDate, person: profile.name, relation: "self", household: false)
        annualDate(.signingAnniversary, profile.onboardedOn, person: profile.name, relation: "self", household: false)
        for member in record.household {
            let relation = Self.relation(member.relation)
            annualDate(
                .birthday,
                member.party.birthDate,
                person: member.party.name,
                relation: relation,
                household: true
            )
            if member.relation != .spouse {
                annualDate(
                    .weddingAnniversary,
                    member.anniversary,
                    person: member.party.name,
                    relation: relation,
                    household: true
                )
            }
        }
    }

    static func relation(_ kind: RelationshipKind) -> String {
        switch kind {
        case .spouse: "spouse"
        case .child: "child"
        case .parent: "parent"
        case .sibling: "sibling"
        default: "other_family"
        }
    }

    /// The entries whose date of `anchor` falls on `day` (annual dates in any year; a 29 February
    /// date falls on 28 February in other years).
    func entries(_ anchor: DateAnchor, on day: Day) -> [Entry] {
        if anchor == .maturity { return maturities[day.number] ?? [] }
        guard let byDay = annual[anchor] else { return [] }
        let (year, month, d) = day.components
        var found = byDay[month * 100 + d] ?? []
        if month == 2, d == 28, Day.daysIn(month: 2, year: year) == 28 { found += byDay[229] ?? [] }
        return found.filter { $0.date <= day }
    }
}
