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
}
