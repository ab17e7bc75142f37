public import CustomerModel

/// The fixed world every conformance kit writes into a fresh store: one organisation, five
/// clients, and the principals that ask for them.
///
/// Kits seed it through the gated port under test
/// (``/CustomerModel/GatedCustomerStore/replace(organisation:as:)`` and
/// ``/CustomerModel/GatedCustomerStore/upsert(_:as:)-([ProfileChange],_)`` as ``system``), so an adapter
/// needs no special loading path. The checks assume the gate applies
/// ``/CustomerModel/AccessPolicy/default``.
///
/// ```
/// HO  head office
/// ├── SH  Shanghai        head BH-SH           client C-H1 (no RM)
/// │   ├── SH-PD  Pudong   head BH-PD, RM-A     clients C-A1, C-A2 (service team EX-1)
/// │   └── SH-PX  Puxi     RM-B                 client C-B1
/// └── BJ  Beijing         RM-C                 client C-C1
/// ```
///
/// Time starts at ``start`` (2026-11-23T00:00:00Z, ``today``); kits move the fixture's
/// `ManualClock` forward themselves. Nothing reads the system time.
public enum ConformanceWorld: Sendable {
    /// 2026-11-23T00:00:00Z, the instant a fixture's clock should start at.
    public static let start = Instant(millisecondsSinceEpoch: 1_795_392_000_000)
    /// 2026-11-23, the day of ``start``.
    public static let today = Day(number: 20_780)

    /// The bank's branches and staff (see the tree above).
    public static let organisation = Organisation(
        branches: [
            Branch(id: "HO", name: "Head office", parent: nil),
            Branch(id: "SH", name: "Shanghai", parent: "HO", head: "BH-SH"),
            Branch(id: "SH-PD", name: "Pudong", parent: "SH", head: "BH-PD"),
            Branch(id: "SH-PX", name: "Puxi", parent: "SH"),
            Branch(id: "BJ", name: "Beijing", parent: "HO"),
        ],
        staff: [
            StaffMember(id: "RM-A", name: "Wang Fang", branch: "SH-PD", level: .senior),
            StaffMember(id: "RM-B", name: "Li Wei", branch: "SH-PX", level: .relationshipManager),
            StaffMember(id: "RM-C", name: "Zhao Min", branch: "BJ", level: .executive),
            StaffMember(id: "EX-1", name: "Chen Jing", branch: "SH-PD", level: .expert),
            StaffMember(id: "BH-SH", name: "Sun Hao", branch: "SH", level: .branchHead),
            StaffMember(id: "BH-PD", name: "Zhou Lan", branch: "SH-PD", level: .branchHead),
        ]
    )

    // MARK: Principals

    /// The batch principal the kits seed data with: bank-wide scope.
    public static let system = Principal.system("conformance-kit", purpose: "conformance check")
    /// A head office user: bank-wide scope.
    public static let headOffice = Principal(id: "HO-1", role: .headOffice, branch: "HO", purpose: "review")
    /// A compliance auditor: reads everything, writes nothing; the kits read the audit trail as this principal.
    public static let auditor = Principal.auditor("AU-1", purpose: "conformance audit")
    /// RM-A, who covers C-A1 and C-A2 in Pudong.
    public static let relationshipManagerA = Principal.relationshipManager("RM-A", branch: "SH-PD", purpose: "review")
    /// RM-B, who covers C-B1 in Puxi, a sibling branch of Pudong.
    public static let relationshipManagerB = Principal.relationshipManager("RM-B", branch: "SH-PX", purpose: "review")
    /// RM-C, who covers C-C1 in Beijing.
    public static let relationshipManagerC = Principal.relationshipManager("RM-C", branch: "BJ", purpose: "review")
    /// EX-1, on C-A2's service team.
    public static let expert = Principal.relationshipManager("EX-1", branch: "SH-PD", purpose: "product advice")
    /// The head of Shanghai: sees Shanghai, Pudong and Puxi, not Beijing.
    public static let shanghaiHead = Principal.branchHead("BH-SH", branch: "SH")
    /// The head of Pudong: sees Pudong, not its sibling Puxi.
    public static let pudongHead = Principal.branchHead("BH-PD", branch: "SH-PD")

    // MARK: Clients

    /// C-A1, an individual covered by RM-A in Pudong.
    public static let clientA1: CustomerID = "C-A1"
    /// C-A2, a corporate client covered by RM-A in Pudong, with EX-1 on its service team.
    public static let clientA2: CustomerID = "C-A2"
    /// C-B1, an individual covered by RM-B in Puxi.
    public static let clientB1: CustomerID = "C-B1"
    /// C-C1, an individual covered by RM-C in Beijing.
    public static let clientC1: CustomerID = "C-C1"
    /// C-H1, an individual booked at the Shanghai branch itself, with no RM.
    public static let clientH1: CustomerID = "C-H1"
    /// Every seeded client, sorted by identifier.
    public static let clients: [CustomerID] = [clientA1, clientA2, clientB1, clientC1, clientH1]

    /// The seeded profiles (minimal ones: id, kind, name, coverage), sorted by identifier.
    public static var profiles: [CustomerProfile] {
        [
            CustomerProfile(
                id: clientA1,
                kind: .individual,
                name: "Ada Lin",
                coverage: Coverage(relationshipManager: "RM-A", branch: "SH-PD")
            ),
            CustomerProfile(
                id: clientA2,
                kind: .corporate,
                name: "Acme Trading Ltd",
                coverage: Coverage(relationshipManager: "RM-A", branch: "SH-PD", serviceTeam: ["EX-1"])
            ),
            CustomerProfile(
                id: clientB1,
                kind: .individual,
                name: "Bo Qian",
                coverage: Coverage(relationshipManager: "RM-B", branch: "SH-PX")
            ),
            CustomerProfile(
                id: clientC1,
                kind: .individual,
                name: "Chen Yu",
                coverage: Coverage(relationshipManager: "RM-C", branch: "BJ")
            ),
            CustomerProfile(
                id: clientH1,
                kind: .individual,
                name: "He Ping",
                coverage: Coverage(relationshipManager: nil, branch: "SH")
            ),
        ]
    }

    /// The seeded profile of `id`, or a minimal one booked in Pudong under RM-A for other ids.
    package static func profile(_ id: CustomerID) -> CustomerProfile {
        profiles.first { $0.id == id }
            ?? CustomerProfile(
                id: id,
                kind: .individual,
                name: "Client \(id)",
                coverage: Coverage(relationshipManager: "RM-A", branch: "SH-PD")
            )
    }

    /// Replaces the organisation and creates the five clients, as ``system``, through `store`.
    /// - Throws: whatever the store throws.
    public static func seed(_ store: GatedCustomerStore) async throws {
        try await store.replace(organisation: organisation, as: system)
        _ = try await store.upsert(profiles.map { ProfileChange($0, expectedVersion: nil) }, as: system)
    }

    // MARK: Days and instants

    /// The day `offset` days after ``today``.
    package static func day(_ offset: Int) -> Day { today.adding(days: offset) }

    /// The instant `seconds` after the start of ``today`` plus `days`, in UTC.
    package static func instant(day offset: Int, second: Int = 0) -> Instant {
        start.adding(seconds: Int64(offset) * 86_400 + Int64(second))
    }

    /// 1970-01-01 to 2200-01-01: the period for reading the whole audit trail, wide enough for any
    /// fixture clock and narrow enough for a database's timestamp type.
    package static let allTime = Instant(millisecondsSinceEpoch: 0)...Instant(millisecondsSinceEpoch: 7_258_118_400_000)

    /// A day range from `low` to `high` days after ``today``, or a one-day range at `low` when
    /// `high` is before it (never traps).
    package static func days(_ low: Int, _ high: Int) -> ClosedRange<Day> {
        let first = day(low)
        let last = day(high)
        return first <= last ? first...last : first...first
    }
}
