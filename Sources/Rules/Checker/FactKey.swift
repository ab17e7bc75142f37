import CustomerModel

/// Which value a compiled rule reads from a fact frame: a plain attribute, an attribute over a
/// window, a windowed aggregate, or a days-since / days-until measure.
///
/// Every distinct key is one column of a ``FactFrame``; rules that use the same fact share it.
/// ``description`` is the canonical spelling in the rule language.
public enum FactKey: Hashable, Sendable, CustomStringConvertible {
    /// A catalogue fact without parameters: `aum`, `tier`, `transaction.amount`.
    case attribute(String)
    /// A catalogue fact over a window: `aum.change(30d)`.
    case windowed(String, DurationLiteral)
    /// An aggregate over activity rows: `sum(transactions where direction = outflow, 30d)`.
    case aggregate(AggregateFact)
    /// Days since the last activity of a kind: `days_since(last complaint)`.
    case daysSince(ActivityKind)
    /// Days until the next date of a kind: `days_until(birthday in household)`.
    case daysUntil(DateAnchor, household: Bool)

    /// The fact as written in the rule language.
    public var description: String {
        switch self {
        case .attribute(let name): name
        case .windowed(let name, let window): "\(name)(\(window))"
        case .aggregate(let aggregate): aggregate.description
        case .daysSince(let activity): "days_since(last \(activity.rawValue))"
        case .daysUntil(let anchor, let household): "days_until(\(anchor.phrase)\(household ? " in household" : ""))"
        }
    }
}

/// The functions over activity rows.
public enum AggregateFunction: String, Hashable, Sendable, CaseIterable {
    /// The sum of the measure (amounts); 0 over no rows.
    case sum
    /// The number of rows; 0 over no rows.
    case count
    /// The smallest measure; missing over no rows.
    case min
    /// The largest measure; missing over no rows.
    case max
    /// The mean measure; missing over no rows.
    case avg
}

/// The activity an aggregate runs over.
public enum ActivitySource: String, Hashable, Sendable, CaseIterable {
    /// Transactions in the reporting currency; measure: amount.
    case transactions
    /// All interactions; count only.
    case interactions
    /// Complaints; measure: severity (1-3).
    case complaints
    /// RM contacts; count only.
    case contacts
    /// Satisfaction survey answers; measure: score (1-5).
    case satisfaction
    /// Holdings maturing in the coming window; measure: balance. The window looks forward.
    case maturities

    /// The fields a `where` condition may use, with their types.
    func fields(reportingCurrency: CurrencyCode) -> [(RowField, FactType)] {
        switch self {
        case .transactions:
            [
                (.amount, .money(reportingCurrency)), (.type, .enumeration(.transactionType)),
                (.direction, .enumeration(.direction)), (.channel, .enumeration(.channel)),
                (.merchant, .enumeration(.merchantCategory)), (.overseas, .bool),
            ]
        case .interactions: [(.kind, .enumeration(.interactionKind)), (.channel, .enumeration(.interactionChannel))]
        case .complaints: [(.severity, .count), (.channel, .enumeration(.interactionChannel))]
        case .contacts: [(.channel, .enumeration(.interactionChannel))]
        case .satisfaction: [(.score, .count), (.channel, .enumeration(.interactionChannel))]
        case .maturities: [(.product, .enumeration(.productType)), (.amount, .money(reportingCurrency))]
        }
    }

    /// The field `sum`, `min`, `max` and `avg` work on, if any.
    var measure: RowField? {
        switch self {
        case .transactions, .maturities: .amount
        case .complaints: .severity
        case .satisfaction: .score
        case .interactions, .contacts: nil
        }
    }
}

/// A field of an activity row that a `where` condition can test.
public enum RowField: String, Hashable, Sendable, CaseIterable {
    /// Amount in minor units of the reporting currency.
    case amount
    /// Transaction type.
    case type
    /// Transaction direction.
    case direction
    /// Transaction or interaction channel.
    case channel
    /// Merchant category.
    case merchant
    /// Whether a transaction was abroad (1) or not (0).
    case overseas
    /// Interaction kind.
    case kind
    /// Complaint severity.
    case severity
    /// Satisfaction score.
    case score
    /// Product type of a maturing holding.
    case product
}

/// A windowed aggregate over activity rows, as a value the engine and frame builders compute.
///
/// The window is the last `window` up to and including the evaluation day (`30d` on day D covers
/// D-29 through D), or the coming `window` from the evaluation day for ``ActivitySource/maturities``.
public struct AggregateFact: Hashable, Sendable, CustomStringConvertible {
    /// The function.
    public var function: AggregateFunction
    /// The rows.
    public var source: ActivitySource
    /// Which rows count; `nil` for all.
    public var filter: RowPredicate?
    /// How far back (or forward, for maturities) the rows go.
    public var window: DurationLiteral

    /// Creates an aggregate.
    public init(function: AggregateFunction, source: ActivitySource, filter: RowPredicate?, window: DurationLiteral) {
        self.function = function
        self.source = source
        self.filter = filter
        self.window = window
    }

    /// `count(transactions where merchant = air_travel, 90d)`.
    public var description: String {
        "\(function.rawValue)(\(source.rawValue)\(filter.map { " where \($0)" } ?? ""), \(window))"
    }
}

/// A row condition of an aggregate, over one row's fields and constants only, so it can be
/// applied to each row as it arrives (incremental windows) or in a column scan (batch).
///
/// Field values are integers: amounts in minor units, enumeration values by their position in
/// the field's ``EnumerationType``, booleans as 0 and 1.
public indirect enum RowPredicate: Hashable, Sendable, CustomStringConvertible {
    /// `field op value`.
    case compare(RowField, BinaryOperator, Int64)
    /// `field in [values]` (or `not in`).
    case member(RowField, [Int64], negated: Bool)
    /// Both hold.
    case and(RowPredicate, RowPredicate)
    /// Either holds.
    case or(RowPredicate, RowPredicate)
    /// It does not hold.
    case not(RowPredicate)

    /// Whether the row whose fields `value(field)` returns satisfies the predicate.
    public func matches(_ value: (RowField) -> Int64) -> Bool {
        switch self {
        case .compare(let field, let op, let constant):
            let v = value(field)
            switch op {
            case .equal: return v == constant
            case .notEqual: return v != constant
            case .less: return v < constant
            case .lessOrEqual: return v <= constant
            case .greater: return v > constant
            case .greaterOrEqual: return v >= constant
            default: return false
            }
        case .member(let field, let values, let negated): return values.contains(value(field)) != negated
        case .and(let l, let r): return l.matches(value) && r.matches(value)
        case .or(let l, let r): return l.matches(value) || r.matches(value)
        case .not(let p): return !p.matches(value)
        }
    }

    /// A canonical text (field names and raw values), for display and de-duplication.
    public var description: String {
        switch self {
        case .compare(let f, let op, let v): "\(f.rawValue) \(op.rawValue) \(v)"
        case .member(let f, let values, let negated): "\(f.rawValue) \(negated ? "not in" : "in") \(values)"
        case .and(let l, let r): "(\(l) and \(r))"
        case .or(let l, let r): "(\(l) or \(r))"
        case .not(let p): "not \(p)"
        }
    }
}

/// The kinds of activity `days_since(last ...)` and streak triggers look at.
public enum ActivityKind: String, Hashable, Sendable, CaseIterable {
    /// Any transaction.
    case transaction
    /// An RM contact.
    case contact
    /// A complaint.
    case complaint
    /// Any interaction.
    case interaction
}

/// The dates that `days_until(...)` and date-relative triggers count towards.
public enum DateAnchor: String, Hashable, Sendable, CaseIterable {
    /// A holding's maturity.
    case maturity
    /// A birthday.
    case birthday
    /// A wedding anniversary.
    case weddingAnniversary
    /// The anniversary of the client signing with the bank.
    case signingAnniversary

    /// The words in the rule language.
    public var phrase: String {
        switch self {
        case .maturity: "maturity"
        case .birthday: "birthday"
        case .weddingAnniversary: "wedding anniversary"
        case .signingAnniversary: "signing anniversary"
        }
    }
}
