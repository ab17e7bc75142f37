/// Declares a string-backed identifier type.
///
/// Identifiers are opaque: Clientele compares and
/// hashes them and never reads meaning into their text.
public protocol StringIdentifier: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The identifier's text.
    var rawValue: String { get }
    /// Creates an identifier from its text.
    init(_ rawValue: String)
}

extension StringIdentifier {
    /// Creates an identifier from a string literal.
    public init(stringLiteral value: String) { self.init(value) }
    /// The identifier's text.
    public var description: String { rawValue }
    /// Orders identifiers by their text.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    /// Decodes the identifier from a string.
    public init(from decoder: any Decoder) throws { self.init(try decoder.singleValueContainer().decode(String.self)) }
    /// Encodes the identifier as a string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The bank-wide identifier of a client's golden profile.
public struct CustomerID: StringIdentifier {
    /// The identifier's text.
    public let rawValue: String
    /// Creates an identifier.
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// Identifies an account (a deposit, loan or card contract) in the bank.
public struct AccountID: StringIdentifier {
    /// The identifier's text.
    public let rawValue: String
    /// Creates an identifier.
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// Identifies a holding: one position of a client in one product.
public struct HoldingID: StringIdentifier {
    /// The identifier's text.
    public let rawValue: String
    /// Creates an identifier.
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// Identifies a branch or sub-branch in the bank's hierarchy.
public struct BranchID: StringIdentifier {
    /// The identifier's text.
    public let rawValue: String
    /// Creates an identifier.
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// Identifies a member of staff: a relationship manager, a branch head, an analyst.
public struct StaffID: StringIdentifier {
    /// The identifier's text.
    public let rawValue: String
    /// Creates an identifier.
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// Identifies an interaction (a contact, complaint, survey answer, app session...).
public struct InteractionID: StringIdentifier {
    /// The identifier's text.
    public let rawValue: String
    /// Creates an identifier.
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// Names a source system the bank runs: core banking, credit card, wealth management, loans,
/// e-banking, contact centre, mobile app.
public struct SourceSystem: StringIdentifier {
    /// The identifier's text.
    public let rawValue: String
    /// Creates an identifier.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The core banking system.
    public static let coreBanking = SourceSystem("core")
    /// The credit card system.
    public static let creditCard = SourceSystem("card")
    /// The wealth management platform.
    public static let wealth = SourceSystem("wealth")
    /// The loan system.
    public static let loans = SourceSystem("loans")
    /// Personal and corporate e-banking.
    public static let eBanking = SourceSystem("ebank")
    /// The contact centre.
    public static let contactCentre = SourceSystem("contact")
    /// The mobile app.
    public static let mobileApp = SourceSystem("app")
    /// The CRM or RM workbench itself.
    public static let crm = SourceSystem("crm")
}

/// Identifies a transaction.
///
/// It is also the transaction's idempotency key: appending a
/// transaction whose id is already stored changes nothing.
public struct TransactionID: StringIdentifier {
    /// The identifier's text.
    public let rawValue: String
    /// Creates an identifier.
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// Identifies a source system's own record of a client (its customer number there).
public struct SourceIdentity: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The system.
    public var system: SourceSystem
    /// The client's number in that system.
    public var localID: String

    /// Creates a source identity.
    public init(system: SourceSystem, localID: String) {
        self.system = system
        self.localID = localID
    }

    /// `system:localID`.
    public var description: String { "\(system):\(localID)" }
}
