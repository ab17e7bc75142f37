/// Who the bank's clients are and who covers them: what the ``AccessGate`` asks before it lets a
/// call through to any storage port.
///
/// Every ``CustomerStore`` is a directory (it stores profiles with their coverage); a host may
/// pass another one instead, such as its HR or CRM system. The gate asks it for the coverage of
/// the clients a call names, the clients a scope covers (for stores that keep no coverage), and
/// the organisation (to expand a branch head's subtree).
///
/// ## Contract
/// - ``coverage(of:)`` answers in input order, `nil` for a client the bank does not know.
/// - ``clients(in:)`` returns every known client the scope covers, sorted by identifier.
/// - A client once known stays known.
/// - Safe to call from many tasks at once.
public protocol ClientDirectory: Sendable {
    /// The coverage of each client of `ids`, in input order; `nil` for an unknown client.
    func coverage(of ids: [CustomerID]) async throws(StoreError) -> [Coverage?]

    /// Every known client `scope` covers, sorted by identifier.
    func clients(in scope: ClientScope) async throws(StoreError) -> [CustomerID]

    /// The bank's branch hierarchy and staff.
    func organisation() async throws(StoreError) -> Organisation

    /// The first client of `ids`, in input order, that `scope` does not cover or (when
    /// `unknownIsRefused`) that the bank does not know; `nil` when there is none. The gate's
    /// per-batch check: a directory that can answer without copying coverage out should implement
    /// it; the default asks ``coverage(of:)``.
    func firstRefused(
        _ ids: [CustomerID],
        by scope: ClientScope,
        unknownIsRefused: Bool
    ) async throws(StoreError)
        -> DirectoryRefusal?
}

/// The client a directory refused for a call, and why.
public struct DirectoryRefusal: Hashable, Sendable {
    /// The position of the client in the ids asked about.
    public var index: Int
    /// Whether the client is unknown (otherwise it is known but out of scope).
    public var isUnknown: Bool

    /// Creates a refusal.
    public init(index: Int, isUnknown: Bool) {
        self.index = index
        self.isUnknown = isUnknown
    }
}

extension ClientDirectory {
    /// Answers from ``coverage(of:)``.
    public func firstRefused(
        _ ids: [CustomerID],
        by scope: ClientScope,
        unknownIsRefused: Bool
    )
        async throws(StoreError) -> DirectoryRefusal?
    {
        let coverages = try await coverage(of: ids)
        return Self.firstRefused(coverages, by: scope, unknownIsRefused: unknownIsRefused)
    }

    /// The first refused position of `coverages` (`nil` entries are unknown clients).
    static func firstRefused(
        _ coverages: [Coverage?],
        by scope: ClientScope,
        unknownIsRefused: Bool
    )
        -> DirectoryRefusal?
    {
        for (index, coverage) in coverages.enumerated() {
            guard let coverage else {
                if unknownIsRefused { return DirectoryRefusal(index: index, isUnknown: true) }
                continue
            }
            if !scope.covers(coverage) { return DirectoryRefusal(index: index, isUnknown: false) }
        }
        return nil
    }
}
