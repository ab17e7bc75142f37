import CustomerModel

/// The scheduled transactions of a client: salary or pension, corporate payroll and tax, quarterly deposit interest and
/// monthly loan repayments.
///
/// They follow the calendar, not chance, so their number is known when the bank is built and their days when activity
/// is generated.
enum RegularKind: Sendable {
    /// Salary on the last weekday of the month.
    case salary
    /// Pension on the 15th.
    case pension
    /// Corporate payroll on the last weekday of the month.
    case payroll
    /// Deposit interest on the 21st of March, June, September and December.
    case interest
    /// Loan repayment (individuals) or loan interest (corporates) on the loan day.
    case loan
    /// Corporate tax on the 15th of January, April, July and October.
    case tax
}

extension ClientPlan {
    /// Calls `body` with each scheduled transaction's day and kind, month by month.
    func forEachRegularEvent(_ body: (Day, RegularKind) -> Void) {
        let from = Day(number: activeFrom)
        let through = Day(number: activeUntil)
        func emit(_ day: Day?, _ kind: RegularKind) {
            guard let day, day >= from, day <= through else { return }
            body(day, kind)
        }
        for month in SeasonalCalendar.months(from: from, through: through) {
            let (year, number, _) = month.components
            if isCorporate {
                if monthly > 0 { emit(SeasonalCalendar.lastWeekday(ofMonthOf: month), .payroll) }
                if quarterlyTax > 0, number % 3 == 1 { emit(Day(year: year, month: number, day: 15), .tax) }
            } else if flags.contains(.salaried), monthly > 0 {
                emit(SeasonalCalendar.lastWeekday(ofMonthOf: month), .salary)
            } else if flags.contains(.retired), monthly > 0 {
                emit(Day(year: year, month: number, day: 15), .pension)
            }
            if quarterlyInterest > 0, number % 3 == 0 { emit(Day(year: year, month: number, day: 21), .interest) }
            if loanPayment > 0, loanDay > 0 { emit(Day(year: year, month: number, day: Int(loanDay)), .loan) }
        }
    }

    /// The amount and direction of a scheduled transaction.
    func regularAmount(_ kind: RegularKind) -> (Int64, Direction) {
        switch kind {
        case .salary, .pension: (monthly, .inflow)
        case .payroll: (monthly, .outflow)
        case .interest: (quarterlyInterest, .inflow)
        case .loan: (loanPayment, .outflow)
        case .tax: (quarterlyTax, .outflow)
        }
    }

    /// How active the client is on `day` relative to an ordinary client: 0 outside the active
    /// window, falling from 1 to 0.3 over a churn drift.
    func activityFactor(_ day: Int32, periodEnd: Int32) -> Double {
        guard day >= activeFrom, day <= activeUntil else { return 0 }
        guard day >= driftStart else { return 1 }
        let span = Double(periodEnd - driftStart + 1)
        return 1 - 0.7 * Double(day - driftStart) / span
    }
}
