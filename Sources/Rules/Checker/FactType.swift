public import CustomerModel
public import ValueModel

/// The type of a fact or expression in the rule language.
///
/// Types keep business meaning apart: a percentage is not a count, money carries its currency,
/// a duration is not a date. The checker refuses mixes that would silently mean nonsense.
public enum FactType: Hashable, Sendable, CustomStringConvertible {
    /// A plain number (scores, ratios).
    case number
    /// A whole number of things (transactions, products, years of age).
    case count
    /// A percentage (`-20%` is -0.2).
    case percent
    /// An amount of money in one currency.
    case money(CurrencyCode)
    /// A length of time, in days when evaluated.
    case duration
    /// A calendar day.
    case day
    /// One value of a fixed set (a tier, a risk appetite, a transaction type).
    case enumeration(EnumerationType)
    /// Free text (a name, an industry).
    case text
    /// True or false.
    case bool
    /// A set of tag names.
    case tagset

    /// A phrase for messages: "a percentage", "money in CNY".
    public var description: String {
        switch self {
        case .number: "a number"
        case .count: "a count"
        case .percent: "a percentage"
        case .money(let c): "money in \(c)"
        case .duration: "a duration"
        case .day: "a date"
        case .enumeration(let e): "a \(e.name) (\(e.values.joined(separator: ", ")))"
        case .text: "text"
        case .bool: "true or false"
        case .tagset: "a set of tags"
        }
    }

    /// A short name for the catalogue listing: `money(CNY)`, `enum(tier)`.
    public var shortName: String {
        switch self {
        case .number: "number"
        case .count: "count"
        case .percent: "percent"
        case .money(let c): "money(\(c))"
        case .duration: "duration"
        case .day: "day"
        case .enumeration(let e): "enum(\(e.name))"
        case .text: "text"
        case .bool: "bool"
        case .tagset: "tagset"
        }
    }

    /// How values of the type are stored while evaluating.
    var representation: Representation {
        switch self {
        case .number, .percent: .double
        case .count, .money, .duration, .day, .enumeration: .int
        case .text: .text
        case .bool: .bool
        case .tagset: .tagset
        }
    }

    /// Storage classes of values at evaluation time.
    enum Representation: Hashable, Sendable {
        /// `Int64`, `Int64.min` when missing.
        case int
        /// `Double`, NaN when missing.
        case double
        /// `Bool` computed by a condition; a stored bool fact is an `int` column of 0 and 1.
        case bool
        /// A text code into the frame's dictionary, `Int64.min` when missing.
        case text
        /// A set of tag codes per row.
        case tagset
    }
}

/// A named, fixed set of values such as a tier or a risk appetite.
///
/// Values are written in rules as words or in double quotes (`tier in [core, key]`,
/// `tier >= "platinum"`). An ordered enumeration lists its values from lowest to highest and can be
/// compared with `<` and `>=` (`risk_appetite >= steady`, `credit_rating >= bbb` meaning BBB or
/// better). An enumeration made of several ladders (the tiers of every ``/CustomerModel/TierLadder``
/// a rule set knows) orders values within each ladder only: `tier >= "platinum"` holds for
/// platinum and above, and never for a client on another ladder.
public struct EnumerationType: Hashable, Sendable {
    /// The name used in messages (`tier`).
    public var name: String
    /// The values as written in rules, lowest first when ordered.
    public var values: [String]
    /// Whether `<`, `<=`, `>` and `>=` compare values by their position in ``values``.
    public var isOrdered: Bool
    /// The runs of ``values`` ordered among themselves (one run for a plain ordered enumeration,
    /// one per ladder for tiers); empty when unordered.
    public var ladders: [Range<Int>]

    /// Creates an enumeration.
    public init(name: String, values: [String], isOrdered: Bool = false) {
        self.name = name
        self.values = values
        self.isOrdered = isOrdered
        ladders = isOrdered ? [0..<values.count] : []
    }

    /// Creates an enumeration of the cases of `vocabulary`, spelled by their ``RuleVocabulary/ruleName``,
    /// in case order (lowest first when ordered).
    public init<Vocabulary: RuleVocabulary>(_ vocabulary: Vocabulary.Type, name: String, isOrdered: Bool = false) {
        self.init(name: name, values: Vocabulary.allCases.map(\.ruleName), isOrdered: isOrdered)
    }

    /// The tiers of `ladders`, each ladder's tiers lowest first, ordered within their ladder.
    /// - Throws: ``/CustomerModel/TierLadderError`` with code `duplicateTier` when two ladders
    ///   share a tier id (a rule could not tell them apart).
    public static func tiers(of ladders: [TierLadder]) throws(TierLadderError) -> EnumerationType {
        var values: [String] = []
        var runs: [Range<Int>] = []
        for (l, ladder) in ladders.enumerated() {
            let start = values.count
            for (t, id) in ladder.ids.enumerated() {
                guard !values.contains(id) else {
                    throw TierLadderError(
                        .duplicateTier,
                        path: "ladders[\(l)].tiers[\(t)].id",
                        "the tier '\(id)' of '\(ladder.name)' is also on another ladder; tier ids must be unique across ladders"
                    )
                }
                values.append(id)
            }
            runs.append(start..<values.count)
        }
        var type = EnumerationType(name: "tier", values: values, isOrdered: true)
        type.ladders = runs
        return type
    }

    /// The position of `value`, or `nil`.
    public func ordinal(of value: String) -> Int? { values.firstIndex(of: value) }

    /// The run of ``ladders`` holding position `ordinal`, or `nil`.
    func ladder(of ordinal: Int) -> Range<Int>? { ladders.first { $0.contains(ordinal) } }
}

/// A closed vocabulary of one concept whose values rules write as words: RFM segments, churn
/// levels, value layers, notification channels.
///
/// The type defines the spelling once
/// (``ruleName``); rules, catalogues and fact sources all use it.
public protocol RuleVocabulary: CaseIterable, Hashable, Sendable {
    /// The value as rules write it (`cannot_lose`, `high`).
    var ruleName: String { get }
}

extension RFMSegment: RuleVocabulary {}
extension ValueLayer: RuleVocabulary {}
extension ChurnRiskLevel: RuleVocabulary {}
extension NotificationChannel: RuleVocabulary {
    /// The word rules write (`sms`, `workbench`).
    public var ruleName: String { rawValue }
}

extension EnumerationType {
    /// The tiers of the default ladders (``/CustomerModel/TierLadder/defaults``).
    public static let tier = EnumerationType(defaultTiers: ())
    /// Individual or corporate.
    public static let customerKind = EnumerationType(
        name: "client kind",
        values: CustomerKind.allCases.map { snake($0.rawValue) }
    )
    /// Marital status.
    public static let maritalStatus = EnumerationType(
        name: "marital status",
        values: MaritalStatus.allCases.map { snake($0.rawValue) }
    )
    /// Position in the organisation.
    public static let position = EnumerationType(name: "position", values: Position.allCases.map { snake($0.rawValue) })
    /// Risk appetite, lowest to highest.
    public static let riskAppetite = EnumerationType(
        name: "risk appetite",
        values: RiskAppetite.allCases.map { snake($0.rawValue) },
        isOrdered: true
    )
    /// Credit rating, worst (`d`) to best (`aaa`), so `credit_rating >= bbb` means BBB or better.
    public static let creditRating = EnumerationType(
        name: "credit rating",
        values: CreditRating.allCases.reversed().map { $0.rawValue.lowercased() },
        isOrdered: true
    )
    /// KYC state.
    public static let kycState = EnumerationType(
        name: "KYC state",
        values: KYCState.allCases.map { snake($0.rawValue) }
    )
    /// Corporate lifecycle stage.
    public static let lifecycleStage = EnumerationType(
        name: "lifecycle stage",
        values: LifecycleStage.allCases.map { snake($0.rawValue) }
    )
    /// Corporate ownership type.
    public static let ownership = EnumerationType(
        name: "ownership",
        values: OwnershipType.allCases.map { snake($0.rawValue) }
    )
    /// Transaction type.
    public static let transactionType = EnumerationType(
        name: "transaction type",
        values: TransactionType.allCases.map { snake($0.name) }
    )
    /// Money in or out.
    public static let direction = EnumerationType(name: "direction", values: Direction.allCases.map { snake($0.name) })
    /// Transaction channel.
    public static let channel = EnumerationType(name: "channel", values: Channel.allCases.map { snake($0.name) })
    /// Merchant category of card payments.
    public static let merchantCategory = EnumerationType(
        name: "merchant category",
        values: MerchantCategory.allCases.map { snake($0.name) }
    )
    /// Product type of a holding.
    public static let productType = EnumerationType(
        name: "product",
        values: ProductType.allCases.map { snake($0.rawValue) }
    )
    /// Interaction kind.
    public static let interactionKind = EnumerationType(
        name: "interaction kind",
        values: InteractionKind.allCases.map { snake($0.rawValue) }
    )
    /// Interaction channel.
    public static let interactionChannel = EnumerationType(
        name: "interaction channel",
        values: InteractionChannel.allCases.map { snake($0.rawValue) }
    )
    /// RFM segments, spelled by ``/ValueModel/RFMSegment/ruleName``.
    public static let rfmSegment = EnumerationType(RFMSegment.self, name: "RFM segment")
    /// The bank's value layers, spelled by ``/ValueModel/ValueLayer/ruleName``.
    public static let valueLayer = EnumerationType(ValueLayer.self, name: "value layer")
    /// Churn risk levels, none to high (``/ValueModel/ChurnRiskLevel``).
    public static let churnRisk = EnumerationType(ChurnRiskLevel.self, name: "churn risk", isOrdered: true)
    /// The occasion of a birthday or anniversary trigger.
    public static let occasionKind = EnumerationType(
        name: "occasion",
        values: ["birthday", "wedding_anniversary", "signing_anniversary"]
    )
    /// Who an occasion belongs to, seen from the client.
    public static let relation = EnumerationType(
        name: "relation",
        values: ["self", "spouse", "child", "parent", "sibling", "other_family"]
    )

    /// The default ladders' tiers (their ids are distinct, so this cannot fail).
    private init(defaultTiers: Void) {
        self =
            (try? EnumerationType.tiers(of: TierLadder.defaults))
            ?? EnumerationType(name: "tier", values: [], isOrdered: true)
    }

    /// `transferOut` → `transfer_out`.
    static func snake(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            if scalar.properties.isUppercase {
                if !result.isEmpty { result += "_" }
                result += String(scalar).lowercased()
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
