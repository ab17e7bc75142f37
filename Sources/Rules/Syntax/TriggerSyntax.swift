/// A trigger as written after `when`, before the checker resolves its words.
struct TriggerSyntax: Hashable, Sendable {
    /// The forms of trigger.
    enum Kind: Hashable, Sendable {
        /// `on transaction`, `on profile change`: the words after `on`.
        case event(Located<String>)
        /// `daily [at 08:30]`.
        case daily(at: Located<Int>?)
        /// `weekly on monday [at 09:00]`.
        case weekly(on: Located<String>, at: Located<Int>?)
        /// `monthly on 1 [at 09:00]`.
        case monthly(on: Located<Int>, at: Located<Int>?)
        /// `15, 7 and 3 business days before each maturity of wealth_management, insurance [in household] [at 09:00]`.
        case relative(RelativeTriggerSyntax)
        /// `3 consecutive months with no transaction`.
        case streak(count: Located<Int>, unit: Located<String>, activity: Located<String>)
    }

    /// The form and its parts.
    var kind: Kind
    /// From the first word after `when` to the end of the trigger.
    var range: SourceRange
    /// After `on tier change`: `from X`, `to Y`, `up` or `down`.
    var tierChange: TierChangeSyntax?

    /// Creates a trigger.
    init(_ kind: Kind, at range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// A date-relative trigger as written: offsets, unit, `before`/`after`, the anchor and its options.
struct RelativeTriggerSyntax: Hashable, Sendable {
    /// The offsets (`15, 7 and 3`).
    var offsets: [Located<Int>]
    /// The unit (`days`, `business days`, `weeks`, `months`).
    var unit: Located<String>
    /// Whether the offsets are before the date (else after).
    var isBefore: Bool
    /// The anchor words (`maturity`, `birthday`, `wedding anniversary`, `signing anniversary`).
    var anchor: Located<String>
    /// Product names after `of`, for maturities.
    var products: [Located<String>]
    /// Whether `in household` was written.
    var household: Located<Bool>?
    /// `at 09:00`, minutes after midnight.
    var at: Located<Int>?

    /// Creates a date-relative trigger.
    init(
        offsets: [Located<Int>],
        unit: Located<String>,
        isBefore: Bool,
        anchor: Located<String>,
        products: [Located<String>],
        household: Located<Bool>?,
        at: Located<Int>?
    ) {
        self.offsets = offsets
        self.unit = unit
        self.isBefore = isBefore
        self.anchor = anchor
        self.products = products
        self.household = household
        self.at = at
    }
}

/// The moves written after `on tier change`: `from "diamond"`, `to platinum`, `up`, `down`.
struct TierChangeSyntax: Hashable, Sendable {
    /// The tier after `from`.
    var from: Located<String>?
    /// The tier after `to`.
    var to: Located<String>?
    /// `up` or `down`.
    var direction: Located<String>?
}
