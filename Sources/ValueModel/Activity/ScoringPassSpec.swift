import CustomerModel

/// The CVM's transaction measures as row masks for the fused pass of ``ActivityPass``: what a row
/// counts for by type and direction, and by age in days, ANDed per row (see
/// ``ActivityPass/ScoringMask``).
///
/// The definitions are ``TransactionActivity``'s: every row type counts in the transaction window
/// and the activity trend; fees are fee rows (outflow charged, any other direction refunded) in
/// ``IndicatorDerivation/feeWindowDays``; a large outflow is an outflow row of any type of at
/// least ``IndicatorDerivation/largeOutflowMinorUnits`` in
/// ``IndicatorDerivation/largeOutflowWindowDays``. A row counts when `asOf - window < day <= asOf`.
struct ScoringPassSpec: Sendable {
    /// The derivation the spec was made from.
    let derivation: IndicatorDerivation
    /// Window lengths in days (negative lengths count as 0; lengths are capped at ``longest``).
    let windowDays: Int
    let feeDays: Int
    let trendDays: Int
    let largeOutflowDays: Int
    let largeAmount: Int64

    /// The longest window the masks represent: 2^17 days (359 years), longer than any day-number
    /// span of a real book.
    static let longest = 1 << 17

    init(asOf: Day, derivation: IndicatorDerivation) {
        self.derivation = derivation
        let cap = Self.longest
        windowDays = min(
            cap,
            Int(asOf.number) - Int(asOf.adding(months: -max(0, derivation.transactionWindowMonths)).number)
        )
        feeDays = min(cap, max(0, derivation.feeWindowDays))
        trendDays = min(cap / 2, max(0, derivation.activityWindowDays))
        largeOutflowDays = min(cap, max(0, derivation.largeOutflowWindowDays))
        largeAmount = derivation.largeOutflowMinorUnits
    }

    /// Ages (days before the analysis day) below this may count for something.
    var oldest: Int { max(windowDays, feeDays, 2 * trendDays, largeOutflowDays) }

    /// The mask of every raw `type | direction << 8`.
    func typeMasks() -> [UInt64] {
        let fee = Int(TransactionType.fee.rawValue)
        let outflow = Int(Direction.outflow.rawValue)
        var masks = [UInt64](repeating: 0, count: 1 << 16)
        for index in 0..<(1 << 16) {
            let type = index & 0xFF
            let direction = index >> 8
            var mask = ActivityPass.ScoringMask.counts | ActivityPass.ScoringMask.inWindows
            if type == fee {
                mask |=
                    direction == outflow ? ActivityPass.ScoringMask.feeCharged : ActivityPass.ScoringMask.feeRefunded
            }
            if direction == outflow { mask |= ActivityPass.ScoringMask.outflow }
            masks[index] = mask
        }
        return masks
    }

    /// The masks of ages `0..<ageLimit`, then `0` for older rows (slot `ageLimit`) and for rows
    /// after the analysis day (slot `ageLimit + 1`).
    func ageMasks(ageLimit: Int) -> [UInt64] {
        var masks = [UInt64](repeating: 0, count: ageLimit + 2)
        for age in 0..<ageLimit {
            var mask: UInt64 = 0
            if age < windowDays { mask |= ActivityPass.ScoringMask.window }
            if age < trendDays {
                mask |= ActivityPass.ScoringMask.recent
            } else if age < 2 * trendDays {
                mask |= ActivityPass.ScoringMask.previous
            }
            if age < feeDays { mask |= ActivityPass.ScoringMask.feeCharged | ActivityPass.ScoringMask.feeRefunded }
            if age < largeOutflowDays { mask |= ActivityPass.ScoringMask.outflow }
            if age < oldest { mask |= ActivityPass.ScoringMask.inWindows }
            masks[age] = mask
        }
        return masks
    }

    /// Whether the trend of `recent` against `previous` transactions is falling.
    @inline(__always)
    func isFalling(recent: Int32, previous: Int32) -> Bool {
        previous >= Int32(clamping: derivation.activityMinimum)
            && Double(recent) < derivation.activityDropShare * Double(previous)
    }
}

/// The CVM's measures of every client of a snapshot, as the fused pass leaves them.
struct ScoringActivityColumns: Sendable, Hashable {
    /// Transactions in the transaction window.
    var window: [Int32]
    /// Fees charged less fees refunded in the fee window, in minor units.
    var fees: [Int64]
    var largeOutflow: [Bool]
    var falling: [Bool]
    /// The first row of the client in another currency inside the windows, or `Int32.max`.
    var firstForeignRow: [Int32]

    /// Columns of `count` values that the merge of the activity pass writes in full.
    init(unfilledCount count: Int) {
        window = .unfilled(count)
        fees = .unfilled(count)
        largeOutflow = .unfilled(count)
        falling = .unfilled(count)
        firstForeignRow = .unfilled(count)
    }

    init(count: Int) {
        window = [Int32](repeating: 0, count: count)
        fees = [Int64](repeating: 0, count: count)
        largeOutflow = [Bool](repeating: false, count: count)
        falling = [Bool](repeating: false, count: count)
        firstForeignRow = [Int32](repeating: .max, count: count)
    }
}
