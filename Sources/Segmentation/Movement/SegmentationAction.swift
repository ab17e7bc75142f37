public import CustomerModel
public import Rules

/// An action a review asks for, built from the event that caused it: notify the RM of a
/// warning, open an improvement plan, put a proposal before the approvers, start an exit task.
///
/// Each becomes a ``/Rules/FiringAction`` whose id is derived from the event's id, so handing it
/// over again is a duplicate, not a second message.
public enum SegmentationAction: Hashable, Sendable {
    /// An early warning to the RM, with what it takes to stay.
    case warning(TierEvent)
    /// An improvement plan process for Workflow to pick up.
    case improvementPlan(TierEvent)
    /// A proposal awaiting approval.
    case proposal(TierEvent)
    /// An orderly exit started.
    case exit(TierEvent)

    /// The event.
    public var event: TierEvent {
        switch self {
        case .warning(let e), .improvementPlan(let e), .proposal(let e), .exit(let e): e
        }
    }

    /// The action's name (`segmentation.warning`).
    public var name: String {
        switch self {
        case .warning: "segmentation.warning"
        case .improvementPlan: "segmentation.improvement_plan"
        case .proposal: "segmentation.proposal"
        case .exit: "segmentation.exit"
        }
    }

    /// The rule action handed to the host's ``/Rules/ActionHandler``.
    public var ruleAction: RuleAction {
        let e = event
        switch self {
        case .warning:
            return .notify(
                recipient: .relationshipManager,
                channel: .workbench,
                message: "Downgrade warning for \(e.client) in \(e.from ?? "none"): \(e.reason)"
            )
        case .improvementPlan:
            return .openProcess(
                name: "improvement_plan",
                parameters: [
                    ProcessParameter(name: "client", value: .text(e.client.rawValue)),
                    ProcessParameter(name: "tier", value: .text(e.from ?? "")),
                    ProcessParameter(name: "deadline", value: e.deadline.map { .day($0) } ?? .missing),
                    ProcessParameter(
                        name: "shortfalls",
                        value: .text(e.shortfalls.map(\.description).joined(separator: "; "))
                    ),
                ]
            )
        case .proposal:
            return .task(
                recipient: .group("tier_approvers"),
                title: "Approve \(e.client): \(e.from ?? "none") -> \(e.proposed ?? "none") (\(e.reason))",
                dueOn: nil
            )
        case .exit:
            return .task(
                recipient: .relationshipManager,
                title:
                    "Orderly exit of \(e.client) from \(e.from ?? "none") by \(e.deadline.map(\.description) ?? "the next review"): \(e.reason)",
                dueOn: e.deadline
            )
        }
    }

    /// The action as a firing action for `handler`, stamped at `instant`.
    public func firingAction(at instant: Instant) -> FiringAction {
        FiringAction(
            firing: FiringID(rawValue: "segmentation/\(event.id)/\(name)"),
            index: 0,
            rule: name,
            client: event.client,
            at: instant,
            action: ruleAction,
            recipients: nil
        )
    }
}
