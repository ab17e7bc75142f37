/// Tries handlers in order: each action goes to the first handler that does not return it as
/// ``ActionOutcome/Status/unhandled`` (the notifying handler, then Workflow's task handler ...).
///
/// An action no handler takes stays unhandled.
public struct ChainedActionHandler: ActionHandler {
    /// The handlers, in the order they are tried.
    public let handlers: [any ActionHandler]

    /// Creates a chain of `handlers`.
    public init(_ handlers: [any ActionHandler]) { self.handlers = handlers }

    /// Hands each handler the actions the ones before it left unhandled.
    /// - Throws: the first ``ActionHandlerError`` of a handler; the handlers after it are not called.
    public func handle(_ batch: [FiringAction]) async throws(ActionHandlerError) -> [ActionOutcome] {
        var outcomes = batch.map { ActionOutcome(action: $0.id, status: .unhandled) }
        var open = Array(batch.indices)
        for handler in handlers where !open.isEmpty {
            let answered = try await handler.handle(open.map { batch[$0] })
            guard answered.count == open.count else {
                throw ActionHandlerError(
                    .brokenContract,
                    "a handler answered \(answered.count) outcomes for \(open.count) actions"
                )
            }
            var still: [Int] = []
            for (position, outcome) in zip(open, answered) {
                if outcome.status == .unhandled {
                    still.append(position)
                } else {
                    outcomes[position] = outcome
                }
            }
            open = still
        }
        return outcomes
    }
}
