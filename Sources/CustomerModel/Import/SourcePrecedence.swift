/// Which source system's value wins, field by field, when several records of one client disagree.
///
/// Each ``ProfileField`` has an order of systems, most trusted first: the field's own order when
/// one is set, else the general ``order``. The golden profile takes each field from the
/// highest-ranked record that supplies a value; systems not listed rank after every listed one,
/// by name. Two records of the same system rank by local id, then by file and line, so the
/// outcome never depends on the order of files.
///
/// ```swift
/// var precedence = SourcePrecedence.default
/// precedence[.mobile] = [.mobileApp, .coreBanking]   // the app verifies phones by SMS
/// let importer = CustomerImporter(precedence: precedence, calendar: .china, clock: clock)
/// ```
public struct SourcePrecedence: Hashable, Sendable {
    /// The general order, most trusted first.
    public var order: [SourceSystem]
    /// Orders for single fields that differ from ``order``.
    public var fieldOrders: [ProfileField: [SourceSystem]]

    /// Creates a precedence.
    /// - Parameters:
    ///   - order: the general order, most trusted first.
    ///   - fieldOrders: per-field orders that replace `order` for their field.
    public init(_ order: [SourceSystem], fieldOrders: [ProfileField: [SourceSystem]] = [:]) {
        self.order = order
        self.fieldOrders = fieldOrders
    }

    /// Core banking, then loans, wealth, credit card, e-banking, contact centre, mobile app and CRM;
    /// for ``ProfileField/riskAppetite`` the wealth platform comes first, because the suitability
    /// assessment is taken there.
    public static let `default` = SourcePrecedence(
        [.coreBanking, .loans, .wealth, .creditCard, .eBanking, .contactCentre, .mobileApp, .crm],
        fieldOrders: [
            .riskAppetite: [
                .wealth, .coreBanking, .loans, .creditCard, .eBanking, .contactCentre, .mobileApp, .crm,
            ]
        ]
    )

    /// The order that applies to `field`.
    public subscript(field: ProfileField) -> [SourceSystem] {
        get { fieldOrders[field] ?? order }
        set { fieldOrders[field] = newValue }
    }

    /// The rank of `system` for `field`: 0 is the most trusted; unlisted systems share the last rank.
    public func rank(of system: SourceSystem, for field: ProfileField) -> Int {
        let systems = self[field]
        return systems.firstIndex(of: system) ?? systems.count
    }
}
