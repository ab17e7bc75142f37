public import CustomerModel

/// What a rule asks for when it fires: a value handed to whoever subscribes.
///
/// The rules engine
/// performs no I/O; a host turns actions into messages, tasks, workflow processes or tag writes.
///
/// **A set that grows.** New cases will be added as the library learns new actions. Swift treats a
/// public enum of a library built without library evolution as exhaustive, so switch over it with a
/// `default:` (or `@unknown default:`) branch; then adding a case never breaks host code.
public enum RuleAction: Hashable, Sendable, CustomStringConvertible {
    /// Send a message to a recipient over a channel.
    case notify(recipient: Recipient, channel: NotificationChannel, message: String)
    /// Create a task for a recipient, due after a number of days.
    case task(recipient: Recipient, title: String, dueOn: Day?)
    /// Start a workflow process with parameters.
    case openProcess(name: String, parameters: [ProcessParameter])
    /// Put a tag on the client, lapsing after the day given (if any).
    case addTag(name: String, expiresOn: Day?)
    /// Take a tag off the client.
    case removeTag(name: String)
    /// Raise a named flag on the client ("dormant warning").
    case flag(name: String)

    /// A one-line summary naming the action and its target, without the message text (which
    /// may hold personal data).
    public var description: String {
        switch self {
        case .notify(let recipient, let channel, _): "notify \(recipient) by \(channel.ruleName)"
        case .task(let recipient, _, let due): "task for \(recipient)\(due.map { " due \($0)" } ?? "")"
        case .openProcess(let name, let parameters):
            "open process \"\(name)\"(\(parameters.map(\.name).joined(separator: ", ")))"
        case .addTag(let name, let expiry): "add tag \"\(name)\"\(expiry.map { " until \($0)" } ?? "")"
        case .removeTag(let name): "remove tag \"\(name)\""
        case .flag(let name): "flag \"\(name)\""
        }
    }
}

/// One named parameter of a process an action opens.
public struct ProcessParameter: Hashable, Sendable {
    /// The label as written (`product`).
    public var name: String
    /// The value when the rule fired.
    public var value: FactValue

    /// Creates a parameter.
    public init(name: String, value: FactValue) {
        self.name = name
        self.value = value
    }
}

/// Who receives a notification or task, by role relative to the client.
///
/// **A set that grows.** New cases will be added as the library learns new roles. Swift treats a
/// public enum of a library built without library evolution as exhaustive, so switch over it with a
/// `default:` (or `@unknown default:`) branch; then adding a case never breaks host code.
public enum Recipient: Hashable, Sendable, CustomStringConvertible {
    /// The client's relationship manager (`rm`).
    case relationshipManager
    /// The head of the client's branch (`branch_head`).
    case branchHead
    /// The client's service team (`service_team`).
    case serviceTeam
    /// A named group the host resolves (`group "wealth desk"`).
    case group(String)

    /// The roles written in rules.
    public static let roleNames = ["rm", "branch_head", "service_team"]

    /// `rm`, `branch_head`, `service_team` or `group "name"`.
    public var description: String {
        switch self {
        case .relationshipManager: "rm"
        case .branchHead: "branch_head"
        case .serviceTeam: "service_team"
        case .group(let name): "group \"\(name)\""
        }
    }
}
