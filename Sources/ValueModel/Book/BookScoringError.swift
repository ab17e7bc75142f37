/// Why the nightly scoring job stopped; each case carries the positioned error of the step that
/// failed (naming the client, record and field).
///
/// Nothing is returned half-built.
public enum BookScoringError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Activity aggregates, RFM or churn signals rejected an input.
    case activity(ActivityError)
    /// The indicator table or the scorer rejected an input.
    case scoring(ScoringInputError)
    /// A scoring model does not suit the job (a model for the wrong kind of client).
    case model(String)

    /// The step and its error.
    public var description: String {
        switch self {
        case .activity(let error): "activity: \(error)"
        case .scoring(let error): "scoring: \(error)"
        case .model(let message): "model: \(message)"
        }
    }
}
