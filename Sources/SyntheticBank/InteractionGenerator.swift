import CustomerModel

/// Generates one client's interactions: RM contacts with notes and the promises made in them,
/// complaints, satisfaction surveys, app sessions, event attendance and service requests.
///
/// Top-tier clients are contacted more and invited to more events. Churn drifters complain more
/// and more toward the end, score their satisfaction low and open the app less; dormant
/// clients stop using the app but their RM keeps calling.
struct InteractionGenerator {
    let model: ActivityModel
    /// The bank's events: day and name.
    let events: [(Day, String)]

    init(model: ActivityModel) {
        self.model = model
        var rng = SeededGenerator(seed: model.seed, stream: 0, purpose: Purpose.interactions)
        let days = model.start.days(until: model.end) + 1
        let count = max(1, days * 10 / 365)
        events = (0..<count).map { index in
            let offset = (Double(index) + 0.5) / Double(count) * Double(days) + rng.nextDouble(in: -10..<10)
            let day = model.start.adding(days: min(days - 1, max(0, Int(offset))))
            return (day, NameTables.events[index % NameTables.events.count])
        }
    }

    private static let contactChannels = WeightedChoice<InteractionChannel>([
        (.call, 45), (.wechat, 40), (.visit, 10), (.email, 5),
    ])
    private static let topContactChannels = WeightedChoice<InteractionChannel>([
        (.call, 35), (.wechat, 35), (.visit, 25), (.email, 5),
    ])
    private static let complaintChannels = WeightedChoice<InteractionChannel>([
        (.call, 40), (.branch, 20), (.app, 25), (.wechat, 15),
    ])
    private static let normalScores = WeightedChoice<Int>([(1, 2), (2, 3), (3, 8), (4, 35), (5, 52)])
    private static let unhappyScores = WeightedChoice<Int>([(1, 35), (2, 40), (3, 20), (4, 5)])
    private static let severities = WeightedChoice<Int>([(1, 60), (2, 30), (3, 10)])
    private static let angrySeverities = WeightedChoice<Int>([(1, 30), (2, 45), (3, 25)])

    /// Client `index`'s interactions over the period, by time, with ids `<client>-I001`...
    func interactions(client index: Int) -> [Interaction] {
        let plan = model.plans[index]
        var rng = SeededGenerator(seed: model.seed, stream: UInt64(index), purpose: Purpose.interactions)
        let end = model.end
        let from = Day(number: max(plan.activeFrom, model.start.number))
        guard from <= end else { return [] }
        let years = Double(from.days(until: end) + 1) / 365
        let scale = model.interactionsPerYear / 35 * years
        let rm = model.relationshipManagers[index]
        let tier = Int(plan.tier)
        let drift = plan.driftStart == .max ? nil : Day(number: plan.driftStart)
        var drafts: [(day: Day, minute: Int, channel: InteractionChannel, staff: StaffID?, detail: InteractionDetail)] =
            []

        func randomDay(until last: Day = end) -> Day {
            guard last > from else { return from }
            return from.adding(days: rng.nextInt(below: from.days(until: last) + 1))
        }
        /// Keeps a drifting client's routine activity thinning out toward the end.
        func thinned(_ day: Day) -> Bool {
            plan.activityFactor(day.number, periodEnd: end.number) > 0
                && rng.nextDouble() < max(0.3, plan.activityFactor(day.number, periodEnd: end.number))
        }

        // RM contacts, some with a promise.
        let contacts = rng.poisson(mean: [24.0, 12, 6][min(2, tier)] * scale)
        for _ in 0..<contacts {
            let day = randomDay()
            let channel = (tier == 0 ? Self.topContactChannels : Self.contactChannels).draw(using: &rng) ?? .call
            let minute = 9 * 60 + rng.nextInt(below: 11 * 60)
            let note = NameTables.contactNotes[rng.nextInt(below: NameTables.contactNotes.count)]
            drafts.append((day, minute, channel, rm, .contact(notes: note)))
            if rng.bernoulli(0.2) {
                let due = day.adding(days: 3 + rng.nextInt(below: 8))
                let kept =
                    due <= end && rng.bernoulli(0.8)
                    ? day.adding(days: 1 + rng.nextInt(below: day.days(until: due))) : nil
                let promise = NameTables.promises[rng.nextInt(below: NameTables.promises.count)]
                drafts.append(
                    (day, minute + 1, channel, rm, .servicePromise(promise: promise, dueOn: due, fulfilledOn: kept))
                )
            }
        }
        // Complaints: rare, and rising toward the end for churn drifters.
        func complaint(on day: Day, angry: Bool) {
            let severity = (angry ? Self.angrySeverities : Self.severities).draw(using: &rng) ?? 1
            let category = NameTables.complaintCategories[rng.nextInt(below: NameTables.complaintCategories.count)]
            let resolved = day.adding(days: 1 + rng.nextInt(below: 20))
            drafts.append(
                (
                    day, 9 * 60 + rng.nextInt(below: 12 * 60), Self.complaintChannels.draw(using: &rng) ?? .call, nil,
                    .complaint(
                        category: category,
                        severity: severity,
                        resolvedOn: resolved <= end && rng.bernoulli(0.9) ? resolved : nil
                    )
                )
            )
        }
        for _ in 0..<rng.poisson(mean: 0.15 * scale) { complaint(on: randomDay(), angry: false) }
        if let drift {
            let span = Double(drift.days(until: end) + 1)
            for _ in 0..<(1 + rng.poisson(mean: 1.5)) {
                let offset = Int(span * rng.nextDouble().squareRoot())
                complaint(on: drift.adding(days: min(Int(span) - 1, offset)), angry: true)
            }
        }
        // Satisfaction surveys.
        for _ in 0..<rng.poisson(mean: 1.0 * scale) {
            let day = randomDay()
            let unhappy = drift.map { day >= $0 } ?? false
            let score = (unhappy ? Self.unhappyScores : Self.normalScores).draw(using: &rng) ?? 4
            drafts.append(
                (
                    day, 10 * 60 + rng.nextInt(below: 10 * 60), rng.bernoulli(0.6) ? .sms : .app, nil,
                    .satisfaction(score: score)
                )
            )
        }
        if let drift {
            for _ in 0..<(1 + rng.nextInt(below: 2)) {
                let day = drift.adding(days: rng.nextInt(below: drift.days(until: end) + 1))
                drafts.append(
                    (
                        day, 10 * 60 + rng.nextInt(below: 10 * 60), .sms, nil,
                        .satisfaction(score: Self.unhappyScores.draw(using: &rng) ?? 2)
                    )
                )
            }
        }
        // App sessions, until the client goes quiet.
        if plan.flags.contains(.appUser) {
            let last = Day(number: min(plan.activeUntil, end.number))
            for _ in 0..<rng.poisson(mean: 24 * scale) {
                let day = randomDay(until: last)
                guard thinned(day) else { continue }
                let pages = 1 + Int(rng.exponential(mean: 6))
                let dwell = 20 + Int(rng.exponential(mean: 240))
                let interest =
                    rng.bernoulli(0.4)
                    ? NameTables.productInterests[rng.nextInt(below: NameTables.productInterests.count)] : nil
                drafts.append(
                    (
                        day, 7 * 60 + rng.nextInt(below: 16 * 60), rng.bernoulli(0.85) ? .app : .web, nil,
                        .appSession(pagesViewed: pages, dwellSeconds: dwell, productInterest: interest)
                    )
                )
            }
        }
        // Bank events.
        let attend = [0.2, 0.08, 0.015][min(2, tier)] * model.interactionsPerYear / 35
        for (day, name) in events where day >= from && rng.bernoulli(attend) {
            drafts.append((day, 18 * 60 + rng.nextInt(below: 60), .event, rm, .eventAttendance(event: name)))
        }
        // Service requests.
        for _ in 0..<rng.poisson(mean: 0.8 * scale) {
            let day = randomDay()
            let topic = NameTables.serviceRequests[rng.nextInt(below: NameTables.serviceRequests.count)]
            let resolved = day.adding(days: rng.nextInt(below: 8))
            let channel: InteractionChannel = rng.bernoulli(0.4) ? .branch : (rng.bernoulli(0.67) ? .app : .call)
            drafts.append(
                (
                    day, 9 * 60 + rng.nextInt(below: 9 * 60), channel, nil,
                    .serviceRequest(topic: topic, resolvedOn: resolved <= end ? resolved : nil)
                )
            )
        }
        // By time, generation order breaking ties.
        var keys = [UInt64]()
        keys.reserveCapacity(drafts.count)
        for (position, draft) in drafts.enumerated() {
            let day = UInt64(UInt32(truncatingIfNeeded: draft.day.number &- model.start.number))
            keys.append(day << 40 | UInt64(min(max(0, draft.minute), 0xFFFF)) << 24 | UInt64(position))
        }
        keys.sort()
        let order = keys.map { Int($0 & 0xFF_FFFF) }
        let customer = model.customerIDs[index]
        return order.enumerated().map { number, position in
            let draft = drafts[position]
            return Interaction(
                id: InteractionID(customer.rawValue + "-I" + ChineseIdentity.pad(number + 1, 3)),
                customer: customer,
                at: model.calendar.start(of: draft.day, plusMinutes: draft.minute),
                day: draft.day,
                channel: draft.channel,
                staff: draft.staff,
                detail: draft.detail
            )
        }
    }
}

/// Computes a client's balance snapshots backwards from its end-of-period holdings through its
/// transactions, so the series agrees with both: the balance on a day is the end balance minus
/// every movement after that day.
struct BalanceCalculator {
    let model: ActivityModel

    /// The days snapshots are taken on, from `from` to the end.
    func snapshotDays(from: Day) -> [Day] {
        let end = model.end
        guard from <= end else { return [] }
        switch model.snapshotFrequency {
        case .daily:
            return (0...from.days(until: end)).map { from.adding(days: $0) }
        case .weekly:
            let first = from.days(until: end) % 7
            return stride(from: first, through: from.days(until: end), by: 7).map { from.adding(days: $0) }
        case .monthEnd:
            var days = SeasonalCalendar.months(from: from, through: end).compactMap { month -> Day? in
                let (year, number, _) = month.components
                let last = Day(year: year, month: number, day: Day.daysIn(month: number, year: year))
                return last.flatMap { $0 >= from && $0 < end ? $0 : nil }
            }
            days.append(end)
            return days
        }
    }

    /// Client `index`'s snapshots, given its transactions sorted by day.
    func snapshots(client index: Int, rows: [ActivityRow]) -> [BalanceSnapshot] {
        let plan = model.plans[index]
        let days = snapshotDays(from: Day(number: max(plan.activeFrom, model.start.number)))
        var deposits = plan.deposits
        var investments = plan.investments
        var liabilities = plan.liabilities
        var position = rows.count - 1
        var result: [BalanceSnapshot] = []
        result.reserveCapacity(days.count)
        let currency = model.currency
        let customer = model.customerIDs[index]
        for day in days.reversed() {
            while position >= 0, rows[position].day > day.number {
                let row = rows[position]
                let amount = row.amount
                switch row.type {
                case .investmentPurchase:
                    deposits &+= amount
                    investments &-= amount
                case .investmentRedemption:
                    deposits &-= amount
                    investments &+= amount
                case .loanDrawdown:
                    deposits &-= amount
                    liabilities &-= amount
                case .loanRepayment:
                    deposits &+= amount
                    liabilities &+= amount
                default:
                    deposits &+= row.direction == .inflow ? -amount : amount
                }
                position -= 1
            }
            let d = max(0, deposits)
            let i = max(0, investments)
            result.append(
                BalanceSnapshot(
                    customer: customer,
                    day: day,
                    aum: Money(minorUnits: d &+ i, currency: currency),
                    deposits: Money(minorUnits: d, currency: currency),
                    investments: Money(minorUnits: i, currency: currency),
                    liabilities: Money(minorUnits: max(0, liabilities), currency: currency)
                )
            )
        }
        result.reverse()
        return result
    }
}
