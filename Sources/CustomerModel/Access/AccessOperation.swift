/// Every operation the ``AccessGate`` lets through to a storage port: one case per host-facing
/// call that touches personal data or the bank's organisation.
///
/// The raw value is the operation name written to the audit trail. Each case needs a row in the
/// policy (``AccessPolicy/rows``); an operation without a row is refused, and the gate's tests
/// fail when a case has no row in ``OperationRow/defaults``. New cases may be added; do not
/// switch exhaustively.
public enum AccessOperation: String, Hashable, Sendable, Codable, CaseIterable {
    // MARK: Customer store
    /// ``GatedCustomerStore/profiles(_:as:)``.
    case profiles
    /// ``GatedCustomerStore/upsert(_:as:)-(ProfileChange,_)``: create or change profiles.
    case upsert
    /// ``GatedCustomerStore/customers(matching:as:)``.
    case customers
    /// ``GatedCustomerStore/upsert(accounts:as:)``.
    case upsertAccounts
    /// ``GatedCustomerStore/upsert(holdings:as:)``.
    case upsertHoldings
    /// ``GatedCustomerStore/upsert(relationships:as:)``.
    case upsertRelationships
    /// ``GatedCustomerStore/record(referrals:as:)``.
    case recordReferrals
    /// ``GatedCustomerStore/accounts(of:as:)``.
    case accounts
    /// ``GatedCustomerStore/holdings(of:as:)``.
    case holdings
    /// ``GatedCustomerStore/holdings(maturingIn:as:)``.
    case holdingsMaturing
    /// ``GatedCustomerStore/relationships(of:as:)``.
    case relationships
    /// ``GatedCustomerStore/referrals(madeBy:as:)``.
    case referrals
    /// ``GatedCustomerStore/replace(organisation:as:)``.
    case replaceOrganisation

    // MARK: Activity store
    /// ``GatedActivityStore/append(transactions:as:)``.
    case appendTransactions
    /// ``GatedActivityStore/append(interactions:as:)``.
    case appendInteractions
    /// ``GatedActivityStore/append(balances:as:)``.
    case appendBalances
    /// ``GatedActivityStore/transactions(of:in:as:)``.
    case transactions
    /// ``GatedActivityStore/interactions(of:in:as:)-(CustomerID,_,_)``, one client or many.
    case interactions
    /// ``GatedActivityStore/balances(of:in:as:)-(CustomerID,_,_)``, one client or many.
    case balances
    /// ``GatedActivityStore/scanTransactions(in:after:limit:as:)``.
    case scanTransactions
    /// ``GatedActivityStore/exportTransactions(in:as:)``.
    case exportTransactions

    // MARK: Audit trail
    /// ``GatedAuditLog/entries(concerning:in:as:)``: reading the audit trail.
    case auditTrail

    // MARK: Score history (ValueModel)
    /// `GatedScoreHistoryStore.record(_:replacing:as:)` in ValueModel.
    case recordScores
    /// `GatedScoreHistoryStore.series(of:in:model:as:)` in ValueModel.
    case scoreSeries
    /// `GatedScoreHistoryStore.scores(of:asOf:model:as:)` in ValueModel.
    case scoresAsOf
    /// `GatedScoreHistoryStore.trends(of:model:over:as:)` in ValueModel.
    case scoreTrends

    // MARK: Tier state and history (Segmentation)
    /// `GatedSegmentationStore.commit(_:as:)` in Segmentation: record reviews, moves, proposals,
    /// decisions, overrides and exits.
    case recordTierChanges
    /// `GatedSegmentationStore.states(of:as:)` in Segmentation.
    case tierStates
    /// `GatedSegmentationStore.history(of:in:as:)` and `evaluations(of:in:as:)` in Segmentation.
    case tierHistory
    /// `GatedSegmentationStore.tiers(asOf:of:as:)` in Segmentation (one client, many, or the book).
    case tiersAsOf
}

/// One operation's row in the access policy: what kind of access it is, the fields or record
/// kinds it touches (written to the audit trail), and whether it needs bank-wide scope.
public struct OperationRow: Hashable, Sendable, Codable {
    /// The kind of access, which also names the audit action.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// Reads personal data (audited as `read`).
        case read
        /// Creates or changes data (audited as `write`).
        case write
        /// Reads every client in scope in bulk (audited as `export`).
        case export

        /// The policy operation whose scope applies: writes write, reads and exports read.
        public var policyOperation: AccessPolicy.Operation { self == .write ? .write : .read }

        /// The audit action for an allowed call.
        public var auditAction: AuditRecord.Action {
            switch self {
            case .read: .read
            case .write: .write
            case .export: .export
            }
        }
    }

    /// The kind of access.
    public var kind: Kind
    /// The fields or record kinds touched (`profile`, `holdings`, `transactions`).
    public var fields: [String]
    /// Whether only a principal whose scope is every client may call it (organisation changes,
    /// the audit trail).
    public var needsBankWideScope: Bool
    /// The only roles that may call it, whatever their scope; `nil` for every role.
    public var roles: Set<Principal.Role>?

    /// Creates a row.
    public init(_ kind: Kind, fields: [String], needsBankWideScope: Bool = false, roles: Set<Principal.Role>? = nil) {
        self.kind = kind
        self.fields = fields
        self.needsBankWideScope = needsBankWideScope
        self.roles = roles
    }

    /// The library's rows for every ``AccessOperation``.
    public static let defaults: [AccessOperation: OperationRow] = [
        .profiles: OperationRow(.read, fields: ["profile"]),
        .upsert: OperationRow(.write, fields: ["profile"]),
        .customers: OperationRow(.read, fields: ["coverage"]),
        .upsertAccounts: OperationRow(.write, fields: ["accounts"]),
        .upsertHoldings: OperationRow(.write, fields: ["holdings"]),
        .upsertRelationships: OperationRow(.write, fields: ["relationships"]),
        .recordReferrals: OperationRow(.write, fields: ["referrals"]),
        .accounts: OperationRow(.read, fields: ["accounts"]),
        .holdings: OperationRow(.read, fields: ["holdings"]),
        .holdingsMaturing: OperationRow(.read, fields: ["holdings"]),
        .relationships: OperationRow(.read, fields: ["relationships"]),
        .referrals: OperationRow(.read, fields: ["referrals"]),
        .replaceOrganisation: OperationRow(
            .write,
            fields: ["organisation"],
            needsBankWideScope: true,
            roles: [.headOffice, .system]
        ),
        .appendTransactions: OperationRow(.write, fields: ["transactions"]),
        .appendInteractions: OperationRow(.write, fields: ["interactions"]),
        .appendBalances: OperationRow(.write, fields: ["balances"]),
        .transactions: OperationRow(.read, fields: ["transactions"]),
        .interactions: OperationRow(.read, fields: ["interactions"]),
        .balances: OperationRow(.read, fields: ["balances"]),
        .scanTransactions: OperationRow(.read, fields: ["transactions"]),
        .exportTransactions: OperationRow(.export, fields: ["transactions"]),
        .auditTrail: OperationRow(
            .read,
            fields: ["audit"],
            needsBankWideScope: true,
            roles: [.auditor, .headOffice, .system]
        ),
        .recordScores: OperationRow(.write, fields: ["scores"]),
        .scoreSeries: OperationRow(.read, fields: ["scores"]),
        .scoresAsOf: OperationRow(.read, fields: ["scores"]),
        .scoreTrends: OperationRow(.read, fields: ["scores"]),
        .recordTierChanges: OperationRow(.write, fields: ["tiers"]),
        .tierStates: OperationRow(.read, fields: ["tiers"]),
        .tierHistory: OperationRow(.read, fields: ["tiers", "evaluations"]),
        .tiersAsOf: OperationRow(.read, fields: ["tiers"]),
    ]
}
