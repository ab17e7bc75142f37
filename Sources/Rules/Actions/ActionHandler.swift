public import CustomerModel

/// Takes the actions of rule firings and carries them out (sends messages, opens tasks and
/// processes, writes tags), reporting per action what happened.
///
/// **Contract.** ``handle(_:)`` returns one ``ActionOutcome`` per input action, in input order.
/// An action's ``FiringAction/id`` is the same in every run of the same firing, so a handler
/// that keys its effects on it does nothing twice when the batch is handed over again (after a
/// crash, a rerun of the day): such an action is ``ActionOutcome/Status/duplicate``. An action
/// the handler does not take is ``ActionOutcome/Status/unhandled`` (a later handler may); one it
/// could not carry out is ``ActionOutcome/Status/failed``, and the rest of the batch goes on. A
/// whole-call failure (the gateway is down) is a thrown ``ActionHandlerError``.
public protocol ActionHandler: Sendable {
    /// Carries out `batch` and returns one outcome per action, in input order.
    func handle(_ batch: [FiringAction]) async throws(ActionHandlerError) -> [ActionOutcome]
}

/// The identity of one action of one firing: the firing's id and the action's position in it
/// (`<firing id>-<index>`), the same in every run.
public struct ActionID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// `<32 hexadecimal digits>-<index>`.
    public let rawValue: String

    /// The id of action `index` (from 0) of firing `firing`.
    public init(firing: FiringID, index: Int) { rawValue = "\(firing.rawValue)-\(index)" }

    /// Wraps an id read back from storage.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Orders ids by their text.
    public static func < (lhs: ActionID, rhs: ActionID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The id's text.
    public var description: String { rawValue }

    /// Decodes the id from a string.
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }

    /// Encodes the id as a string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// One action of a rule firing, as an ``ActionHandler`` receives it: the action, the firing it
/// comes from, and (for notifications and tasks) its recipient resolved to staff.
public struct FiringAction: Hashable, Sendable, Identifiable {
    /// The action's identity: the firing's id and the action's position.
    public var id: ActionID
    /// The firing's id.
    public var firing: FiringID
    /// The action's position in the firing's actions, from 0.
    public var index: Int
    /// The rule's name.
    public var rule: String
    /// The client.
    public var client: CustomerID
    /// When the rule fired.
    public var at: Instant
    /// The action.
    public var action: RuleAction
    /// Who receives it, for `notify` and `task`; `nil` for actions without a recipient.
    public var recipients: ResolvedRecipient?

    /// Creates an action of a firing.
    public init(
        firing: FiringID,
        index: Int,
        rule: String,
        client: CustomerID,
        at: Instant,
        action: RuleAction,
        recipients: ResolvedRecipient?
    ) {
        id = ActionID(firing: firing, index: index)
        self.firing = firing
        self.index = index
        self.rule = rule
        self.client = client
        self.at = at
        self.action = action
        self.recipients = recipients
    }
}

/// What a handler did with one action.
public struct ActionOutcome: Hashable, Sendable, CustomStringConvertible {
    /// The class of outcome.
    ///
    /// New statuses may be added; compare with the static members.
    public struct Status: Hashable, Sendable, CustomStringConvertible {
        /// The status's name.
        public let name: String
        private init(_ name: String) { self.name = name }
        /// Carried out now (a message sent to at least one recipient).
        public static let handled = Status("handled")
        /// Carried out in an earlier run; nothing was done again.
        public static let duplicate = Status("duplicate")
        /// Not an action this handler takes (another handler, or Workflow later, may).
        public static let unhandled = Status("unhandled")
        /// Could not be carried out (nobody to send to, a message refused).
        public static let failed = Status("failed")
        /// The status's name.
        public var description: String { name }
    }

    /// The action.
    public var action: ActionID
    /// What happened.
    public var status: Status
    /// What went wrong for part or all of the action (an unresolved recipient, a refused
    /// message); empty when nothing did.
    ///
    /// Never a personal value.
    public var problems: [String]

    /// Creates an outcome.
    public init(action: ActionID, status: Status, problems: [String] = []) {
        self.action = action
        self.status = status
        self.problems = problems
    }

    /// `<action id> handled`, with the problems after a colon.
    public var description: String {
        "\(action) \(status)" + (problems.isEmpty ? "" : ": " + problems.joined(separator: "; "))
    }
}

/// A whole-call failure of an ``ActionHandler``: nothing in the batch can be trusted to have
/// been carried out; hand it over again later (its ids keep the rerun idempotent).
public struct ActionHandlerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The class of problem.
    ///
    /// New codes may be added; compare with the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name.
        public let name: String
        private init(_ name: String) { self.name = name }
        /// A port the handler needs is down (the notification gateway, a task store).
        public static let unavailable = Code("unavailable")
        /// A port answered against its contract (a receipt count that does not match the batch).
        public static let brokenContract = Code("broken-contract")
        /// The code's name.
        public var description: String { name }
    }

    /// The class of problem.
    public var code: Code
    /// What went wrong, without personal values.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `unavailable: ...`.
    public var description: String { "\(code): \(message)" }
}

extension RecipientResolver {
    /// The actions of `firings`, firing by firing and in each firing's order, with their ids and
    /// the recipients of `notify` and `task` actions resolved for the firing's client.
    ///
    /// `coverage` gives a client's coverage (``RuleEngine/coverage(of:)``, or the host's client
    /// directory); `nil` reports the recipients as unresolved.
    public func actions(of firings: [RuleFiring], coverage: (CustomerID) -> Coverage?) -> [FiringAction] {
        var result: [FiringAction] = []
        for firing in firings {
            var known: Coverage??
            for (index, action) in firing.actions.enumerated() {
                var recipients: ResolvedRecipient?
                switch action {
                case .notify(let recipient, _, _), .task(let recipient, _, _):
                    if known == nil { known = .some(coverage(firing.client)) }
                    recipients = resolve(recipient, for: firing.client, coverage: known ?? nil)
                default:
                    recipients = nil
                }
                result.append(
                    FiringAction(
                        firing: firing.id,
                        index: index,
                        rule: firing.rule,
                        client: firing.client,
                        at: firing.at,
                        action: action,
                        recipients: recipients
                    )
                )
            }
        }
        return result
    }
}

extension ActionHandler {
    /// Resolves the recipients of `firings`' actions with `resolver` and `coverage` and hands
    /// them over in one batch; the outcomes are in the order of ``RecipientResolver/actions(of:coverage:)``.
    /// - Throws: ``ActionHandlerError`` as ``handle(_:)`` does.
    public func handle(
        _ firings: [RuleFiring],
        resolver: RecipientResolver,
        coverage: (CustomerID) -> Coverage?
    ) async throws(ActionHandlerError) -> [ActionOutcome] {
        try await handle(resolver.actions(of: firings, coverage: coverage))
    }
}
