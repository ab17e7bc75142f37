public import CustomerModel

/// The day a rule set is evaluated on and the calendar for business days.
///
/// Durations in rules (`30d`, `3mo`, `10bd`) are counted back from ``day``: `3mo` on
/// 2026-05-31 reaches back to 2026-02-28 (calendar months, clamped to the month's end), 92 days.
public struct EvaluationDay: Hashable, Sendable {
    /// The evaluation day in the bank's time zone (`today` in rules).
    public var day: Day
    /// The bank calendar, for business days.
    public var calendar: BankCalendar

    /// Creates an evaluation day.
    public init(_ day: Day, calendar: BankCalendar = .china) {
        self.day = day
        self.calendar = calendar
    }

    /// `literal` in days, counted back from ``day`` (months and years are calendar months and
    /// years; business days are those of ``calendar``).
    public func days(_ literal: DurationLiteral) -> Int64 {
        switch literal.unit {
        case .days: return Int64(literal.amount)
        case .weeks: return Int64(literal.amount) * 7
        case .months: return Int64(day.adding(months: -literal.amount).days(until: day))
        case .years: return Int64(day.adding(months: -12 * literal.amount).days(until: day))
        case .businessDays: return Int64(calendar.adding(businessDays: -literal.amount, to: day).days(until: day))
        }
    }
}

extension Program {
    /// The code with every dynamic constant resolved for `frame` on `evaluation`.
    func bound(to frame: FactFrame, on evaluation: EvaluationDay) -> [Instruction] {
        guard !dynamics.isEmpty else { return code }
        var resolved = [Int64](repeating: 0, count: dynamics.count)
        for (i, d) in dynamics.enumerated() {
            switch d {
            case .durationDays(let literal): resolved[i] = evaluation.days(literal)
            case .today: resolved[i] = Int64(evaluation.day.number)
            case .text(let text): resolved[i] = frame.dictionary.existingCode(for: text)
            }
        }
        return code.map { instruction in
            guard instruction.dynamic >= 0 else { return instruction }
            var copy = instruction
            let value = resolved[Int(instruction.dynamic)]
            if instruction.op == .hasTag {
                // The tag's code becomes the index of its row bitmap (-1: no row has the tag).
                copy.k = Int64(frame.tagIndex[Int(instruction.a)][value] ?? -1)
            } else {
                copy.k = value
            }
            return copy
        }
    }
}
