public import CustomerModel

/// When clients are reviewed: each tier's cadence from its service model (at most yearly),
/// landing on the bank calendar's next business day.
public struct ReviewSchedule: Sendable {
    /// The bank calendar.
    public let calendar: BankCalendar

    /// A schedule on `calendar`.
    public init(calendar: BankCalendar) { self.calendar = calendar }

    /// The review after one on `day` for a client in a tier reviewed at `cadence`: `day` plus the
    /// cadence's months (never more than twelve), moved to the next business day.
    public func next(after day: Day, cadence: ReviewCadence) -> Day {
        var next = day.adding(months: min(cadence.months, 12))
        var steps = 0
        while !calendar.isBusinessDay(next), steps < 31 {
            next = next.adding(days: 1)
            steps += 1
        }
        return next
    }

    /// Whether a client in `state` is due for review on `day`: never reviewed, its next review
    /// reached, an override expiring, or an exit to complete.
    public func isDue(_ state: ClientTierState?, on day: Day) -> Bool {
        guard let state else { return true }
        if let next = state.nextReview, next <= day { return true }
        if state.nextReview == nil { return true }
        if let override = state.override, override.expires <= day { return true }
        if let exit = state.exit, exit.completesOn <= day { return true }
        return false
    }
}
