/// The directory side of ``InMemoryCustomerStore``: each stored client's dense number, its
/// coverage by number, and the clients sorted by identifier.
///
/// An access check finds a client through ``ClientNumbers`` (a packed 64-bit key, no string
/// hashing) and reads its coverage from an array, so the gate's per-batch check costs one table
/// probe per distinct client. Clients are never removed, so numbers stay valid.
struct ClientCoverage {
    private var numbers = ClientNumbers()
    private var coverages: [Coverage] = []
    /// The clients sorted by identifier, rebuilt after a client is added.
    private var sorted: [CustomerID]? = []

    /// The number of clients.
    var count: Int { coverages.count }

    /// The coverage of `id`, or `nil` for a client not stored.
    @inline(__always)
    func coverage(of id: CustomerID) -> Coverage? {
        guard let number = numbers.number(of: id) else { return nil }
        return coverages[Int(number)]
    }

    /// Records `coverage` for `id`, numbering it when new.
    mutating func set(_ coverage: Coverage, of id: CustomerID) {
        let number = Int(numbers.intern(id))
        if number == coverages.count {
            coverages.append(coverage)
            sorted = nil
        } else {
            coverages[number] = coverage
        }
    }

    /// Every client with its coverage, in numbering order.
    var all: Zip2Sequence<[CustomerID], [Coverage]> { zip(numbers.values, coverages) }

    /// Every client, sorted by identifier (sorted once after clients were added, then kept).
    mutating func sortedClients() -> [CustomerID] {
        if let sorted { return sorted }
        let fresh = numbers.values.sorted()
        sorted = fresh
        return fresh
    }

    /// The first client of `ids` that `scope` does not cover or (when `unknownIsRefused`) that is
    /// not stored; `nil` when there is none.
    func firstRefused(_ ids: [CustomerID], by scope: ClientScope, unknownIsRefused: Bool) -> DirectoryRefusal? {
        if scope.isEveryClient, !unknownIsRefused { return nil }
        for (index, id) in ids.enumerated() {
            guard let number = numbers.number(of: id) else {
                if unknownIsRefused { return DirectoryRefusal(index: index, isUnknown: true) }
                continue
            }
            if !scope.isEveryClient, !scope.covers(coverages[Int(number)]) {
                return DirectoryRefusal(index: index, isUnknown: false)
            }
        }
        return nil
    }
}
