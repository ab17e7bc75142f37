/// The clients a call may touch, as the ``AccessGate`` resolved it for one principal and one
/// operation: what a storage port receives instead of a principal.
///
/// A scope is either every client, or a rule a database can apply in its `WHERE` clause: the
/// clients *covered by* one of ``staff`` (as relationship manager or service-team member) or
/// *booked in* one of ``branches`` (the branch subtree already expanded). For stores that keep
/// no coverage of their own (activity, score history), the gate also hands over ``clients``: the
/// directory's sorted list of the clients the rule covers, so a listing can be filtered without
/// a join.
///
/// ```swift
/// // SQL for a store that keeps coverage:
/// // WHERE rm = ANY($staff) OR $staff && service_team OR branch = ANY($branches)
/// let rows = scope.isEveryClient ? all : all.filter { scope.covers($0.coverage) }
/// ```
public struct ClientScope: Hashable, Sendable {
    /// Whether the scope is the whole bank (no filter at all).
    public let isEveryClient: Bool
    /// Staff whose clients (as RM or service-team member) are in scope.
    public let staff: Set<StaffID>
    /// Branches whose booked clients are in scope; subtrees are already expanded.
    public let branches: Set<BranchID>
    /// The directory's clients in scope, sorted by identifier, when the gate resolved them for a
    /// store that keeps no coverage; `nil` otherwise (and always `nil` for ``everyClient``).
    public let clients: [CustomerID]?

    /// Every client of the bank.
    public static let everyClient = ClientScope(isEveryClient: true, staff: [], branches: [], clients: nil)
    /// No client at all: what the policy resolves for a refused operation.
    public static let noClient = ClientScope(isEveryClient: false, staff: [], branches: [], clients: [])

    /// The clients covered by one of `staff` or booked in one of `branches` (expand subtrees first).
    public static func covered(by staff: Set<StaffID>, orBookedIn branches: Set<BranchID> = []) -> ClientScope {
        ClientScope(isEveryClient: false, staff: staff, branches: branches, clients: nil)
    }

    private init(isEveryClient: Bool, staff: Set<StaffID>, branches: Set<BranchID>, clients: [CustomerID]?) {
        self.isEveryClient = isEveryClient
        self.staff = staff
        self.branches = branches
        self.clients = clients
    }

    /// Whether the rule matches no client at all (a refusal).
    public var isEmpty: Bool { !isEveryClient && staff.isEmpty && branches.isEmpty }

    /// Whether a client with `coverage` is in scope.
    public func covers(_ coverage: Coverage) -> Bool {
        if isEveryClient { return true }
        if !branches.isEmpty, branches.contains(coverage.branch) { return true }
        if staff.isEmpty { return false }
        if let rm = coverage.relationshipManager, staff.contains(rm) { return true }
        return coverage.serviceTeam.contains { staff.contains($0) }
    }

    /// Whether `id` is in scope, answered from ``clients`` (a binary search); `true` for
    /// ``everyClient``, `nil` when the gate did not resolve the list.
    public func contains(_ id: CustomerID) -> Bool? {
        if isEveryClient { return true }
        guard let clients else { return nil }
        var low = 0
        var high = clients.count
        while low < high {
            let mid = (low + high) / 2
            if clients[mid] < id { low = mid + 1 } else { high = mid }
        }
        return low < clients.count && clients[low] == id
    }

    /// The same rule with the directory's sorted list of the clients it covers attached.
    public func with(clients list: [CustomerID]) -> ClientScope {
        if isEveryClient { return self }
        return ClientScope(isEveryClient: false, staff: staff, branches: branches, clients: list)
    }
}
