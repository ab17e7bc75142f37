/// A touch point between the bank and a client: an RM contact, a complaint, a survey answer,
/// an app session, an event attended, a promise made.
///
/// The ``id`` is the idempotency key, as for transactions.
public struct Interaction: Hashable, Sendable, Codable, Identifiable {
    /// Identifier and idempotency key.
    public var id: InteractionID
    /// The client.
    public var customer: CustomerID
    /// When it happened.
    public var at: Instant
    /// The booking day in the bank's time zone (kept for day-based queries).
    public var day: Day
    /// The channel of contact.
    public var channel: InteractionChannel
    /// The member of staff involved, if any.
    public var staff: StaffID?
    /// What happened, with its details.
    public var detail: InteractionDetail

    /// Creates an interaction.
    public init(
        id: InteractionID,
        customer: CustomerID,
        at: Instant,
        day: Day,
        channel: InteractionChannel,
        staff: StaffID? = nil,
        detail: InteractionDetail
    ) {
        self.id = id
        self.customer = customer
        self.at = at
        self.day = day
        self.channel = channel
        self.staff = staff
        self.detail = detail
    }

    /// The kind of interaction, without its details.
    public var kind: InteractionKind { detail.kind }
}

/// The channel an interaction used.
public enum InteractionChannel: String, Hashable, Sendable, Codable, CaseIterable {
    /// Phone call.
    case call
    /// WeChat.
    case wechat
    /// Visit (at home, office or branch).
    case visit
    /// E-mail.
    case email
    /// Mobile app.
    case app
    /// Web.
    case web
    /// Branch counter.
    case branch
    /// Event or salon.
    case event
    /// Text message.
    case sms
}

/// The kind of an interaction.
public enum InteractionKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// An RM contact.
    case contact
    /// A complaint.
    case complaint
    /// A service request.
    case serviceRequest
    /// A satisfaction survey answer.
    case satisfaction
    /// An app or web session.
    case appSession
    /// Attendance at a bank event.
    case eventAttendance
    /// A promise made to the client.
    case servicePromise
}

/// What an interaction was, with the details of its kind.
public enum InteractionDetail: Hashable, Sendable, Codable {
    /// An RM contact with notes. Notes are personal data.
    case contact(notes: String?)
    /// A complaint: its category, severity 1 (minor) to 3 (severe), and the day resolved.
    case complaint(category: String, severity: Int, resolvedOn: Day?)
    /// A service request and the day resolved.
    case serviceRequest(topic: String, resolvedOn: Day?)
    /// A satisfaction score from 1 (very dissatisfied) to 5 (very satisfied).
    case satisfaction(score: Int)
    /// An app or web session: pages viewed, seconds spent, the product looked at.
    case appSession(pagesViewed: Int, dwellSeconds: Int, productInterest: String?)
    /// Attendance at a named event.
    case eventAttendance(event: String)
    /// A promise made during a contact ("send the fund factsheet"), due on a day, and when kept.
    case servicePromise(promise: String, dueOn: Day, fulfilledOn: Day?)

    /// The kind, without details.
    public var kind: InteractionKind {
        switch self {
        case .contact: .contact
        case .complaint: .complaint
        case .serviceRequest: .serviceRequest
        case .satisfaction: .satisfaction
        case .appSession: .appSession
        case .eventAttendance: .eventAttendance
        case .servicePromise: .servicePromise
        }
    }

    /// Checks ranges (severity 1-3, score 1-5, non-negative counts).
    /// - Throws: ``ValueError`` naming the field.
    public func validate() throws(ValueError) {
        switch self {
        case .complaint(_, let severity, _) where !(1...3).contains(severity):
            throw ValueError(field: "severity", "complaint severity must be 1, 2 or 3, not \(severity)")
        case .satisfaction(let score) where !(1...5).contains(score):
            throw ValueError(field: "score", "satisfaction score must be 1 to 5, not \(score)")
        case .appSession(let pages, let dwell, _) where pages < 0 || dwell < 0:
            throw ValueError(field: pages < 0 ? "pagesViewed" : "dwellSeconds", "must not be negative")
        default: return
        }
    }
}

/// A client's balances at the end of one day: the series behind "AUM down 20% in 30 days".
///
/// The key is (customer, day): a second delivery of the same snapshot is a no-op, a different
/// snapshot for the same key is a conflict.
public struct BalanceSnapshot: Hashable, Sendable, Codable {
    /// The client.
    public var customer: CustomerID
    /// The day the balances are taken at close of business.
    public var day: Day
    /// Assets under management: deposits, wealth products, funds, insurance.
    public var aum: Money
    /// Deposits (demand and time).
    public var deposits: Money
    /// Investments (wealth products, funds, insurance).
    public var investments: Money
    /// Outstanding loans and card balances.
    public var liabilities: Money

    /// Creates a snapshot.
    public init(customer: CustomerID, day: Day, aum: Money, deposits: Money, investments: Money, liabilities: Money) {
        self.customer = customer
        self.day = day
        self.aum = aum
        self.deposits = deposits
        self.investments = investments
        self.liabilities = liabilities
    }
}
