public import CustomerModel

/// How tiers move: how many consecutive evaluations a move needs, the grace period after a
/// drop, and who may approve proposed moves.
///
/// With `upgradeAfter` 1, `downgradeAfter` 1, no grace and criteria without bands, a client
/// moves as soon as one evaluation says so (no hysteresis).
public struct MovementRules: Hashable, Sendable {
    /// Consecutive evaluations meeting a higher tier's entry criteria before the upgrade.
    public var upgradeAfter: Int
    /// Consecutive evaluations failing the tier's keep criteria before the downgrade.
    public var downgradeAfter: Int
    /// Days after the first failed evaluation before a downgrade may happen.
    public var graceDays: Int
    /// The roles that may accept or reject proposed moves.
    public var approverRoles: Set<Principal.Role>

    /// Creates movement rules.
    /// - Parameters:
    ///   - upgradeAfter: evaluations before an upgrade (at least 1).
    ///   - downgradeAfter: evaluations before a downgrade (at least 1).
    ///   - graceDays: days after the first drop before a downgrade (at least 0).
    ///   - approverRoles: who may decide proposals (head office unless told).
    public init(
        upgradeAfter: Int = 1,
        downgradeAfter: Int = 2,
        graceDays: Int = 0,
        approverRoles: Set<Principal.Role> = [.headOffice]
    ) {
        self.upgradeAfter = max(1, upgradeAfter)
        self.downgradeAfter = max(1, downgradeAfter)
        self.graceDays = max(0, graceDays)
        self.approverRoles = approverRoles
    }

    /// Moves at the first evaluation that says so, without grace.
    public static let immediate = MovementRules(upgradeAfter: 1, downgradeAfter: 1, graceDays: 0)
}
