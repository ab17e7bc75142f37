public import CustomerModel

/// A client's churn assessment: the signals that fired, each with its reason, the risk score and
/// level, and whether the client is flagged.
public struct ChurnAssessment: Hashable, Sendable {
    /// The client.
    public var customer: CustomerID
    /// The analysis day.
    public var asOf: Day
    /// The signals that fired, in ``ChurnSignal/Kind`` declaration order.
    public var signals: [ChurnSignal]
    /// The sum of the fired signals' weights.
    public var riskScore: Int
    /// The level of ``riskScore``.
    public var level: ChurnRiskLevel

    /// Creates an assessment.
    public init(customer: CustomerID, asOf: Day, signals: [ChurnSignal], riskScore: Int, level: ChurnRiskLevel) {
        self.customer = customer
        self.asOf = asOf
        self.signals = signals
        self.riskScore = riskScore
        self.level = level
    }

    /// Whether the client is flagged at churn risk (level medium or high).
    public var isChurnRisk: Bool { level >= .medium }

    /// The kinds that fired.
    public var kinds: ChurnSignalKinds {
        ChurnSignalKinds(rawValue: signals.reduce(0) { $0 | $1.kind.bit })
    }

    /// One paragraph: the level, the score, and every reason.
    public var explanation: String {
        guard !signals.isEmpty else { return "No churn signal as of \(asOf)." }
        let head =
            "Churn risk \(level) (score \(riskScore)\(isChurnRisk ? ", flagged" : ", not flagged")) as of \(asOf): "
        return head + signals.map { "\($0.kind): \($0.reason)" }.joined(separator: " ")
    }
}

extension ChurnPolicy {
    /// Evaluates every signal on one client's measures.
    ///
    /// The thresholds are inclusive (at or above fires); see ``ChurnPolicy`` for each rule.
    public func assess(_ m: ChurnMeasures, customer: CustomerID, asOf: Day) -> ChurnAssessment {
        var signals: [ChurnSignal] = []
        let money = ChurnMeasure.Unit.minorUnits(currency)
        func amount(_ minorUnits: Int64) -> String { Money(minorUnits: minorUnits, currency: currency).description }
        // Large outflow.
        let (net, netOverflow) = m.leavingMinorUnits.subtractingReportingOverflow(m.arrivingMinorUnits)
        let outflow = outflowMeasure == .net ? (netOverflow ? Int64.min : net) : m.leavingMinorUnits
        let label = outflowMeasure == .net ? "net outflow" : "outflow"
        let share = m.aumAtWindowStart.flatMap { $0 > 0 ? Double(outflow) / Double($0) : nil }
        let overAmount = outflow >= largeOutflow.minorUnits
        let overShare = share.map { $0 >= largeOutflowShareOfAUM } ?? false
        if outflow > 0, overAmount || overShare {
            var measured = [
                ChurnMeasure(label, Double(outflow), money),
                ChurnMeasure("leaving", Double(m.leavingMinorUnits), money),
                ChurnMeasure("arriving", Double(m.arrivingMinorUnits), money),
                ChurnMeasure("largest single", Double(m.largestLeavingMinorUnits), money),
            ]
            if let share { measured.append(ChurnMeasure("share of AUM", share, .share)) }
            var crossed: [String] = []
            if overAmount { crossed.append("at or above \(amount(largeOutflow.minorUnits))") }
            if overShare, let share, let aum = m.aumAtWindowStart {
                crossed.append(
                    "\(Percent.format(share)) of the AUM of \(amount(aum)) before the window "
                        + "(threshold \(Percent.format(largeOutflowShareOfAUM)))"
                )
            }
            signals.append(
                ChurnSignal(
                    kind: .largeOutflow,
                    measured: measured,
                    thresholds: [
                        ChurnMeasure(label, Double(largeOutflow.minorUnits), money),
                        ChurnMeasure("share of AUM", largeOutflowShareOfAUM, .share),
                    ],
                    reason: "\(label.prefix(1).uppercased() + label.dropFirst()) of \(amount(outflow)) in the last "
                        + "\(m.recentDays) days (out \(amount(m.leavingMinorUnits)), in \(amount(m.arrivingMinorUnits)), "
                        + "largest single \(amount(m.largestLeavingMinorUnits))): " + crossed.joined(separator: "; ")
                        + "."
                )
            )
        }
        // Products not renewed.
        let notRenewedShare = m.aumBeforeMaturities.flatMap {
            $0 > 0 ? Double(m.notRenewedMinorUnits) / Double($0) : nil
        }
        if m.notRenewedCount >= 1, m.notRenewedMinorUnits >= minimumNotRenewed.minorUnits,
            notRenewedShare.map({ $0 >= minimumNotRenewedShareOfAUM }) ?? true
        {
            var measured = [
                ChurnMeasure("products not renewed", Double(m.notRenewedCount), .count),
                ChurnMeasure("money not renewed", Double(m.notRenewedMinorUnits), money),
                ChurnMeasure("products matured", Double(m.maturedCount), .count),
            ]
            var share = ""
            if let notRenewedShare, let aum = m.aumBeforeMaturities {
                measured.append(ChurnMeasure("share of AUM", notRenewedShare, .share))
                share =
                    " (\(Percent.format(notRenewedShare)) of the AUM of \(amount(aum)) before; threshold "
                    + "\(Percent.format(minimumNotRenewedShareOfAUM)))"
            }
            signals.append(
                ChurnSignal(
                    kind: .productsNotRenewed,
                    measured: measured,
                    thresholds: [
                        ChurnMeasure("products not renewed", 1, .count),
                        ChurnMeasure("money not renewed", Double(minimumNotRenewed.minorUnits), money),
                        ChurnMeasure("kept share below", minimumKeptShare, .share),
                        ChurnMeasure("share of AUM", minimumNotRenewedShareOfAUM, .share),
                    ],
                    reason: "\(m.notRenewedCount) of \(m.maturedCount) products that matured in the last "
                        + "\(maturityLookbackDays) days were moved out or kept less than "
                        + "\(Percent.format(minimumKeptShare)): \(amount(m.notRenewedMinorUnits)) did not stay"
                        + share + "."
                )
            )
        }
        // Complaints rising.
        if m.recentComplaints >= minimumRecentComplaints,
            m.recentComplaints - m.previousComplaints >= complaintIncrease
        {
            signals.append(
                ChurnSignal(
                    kind: .complaintsRising,
                    measured: [
                        ChurnMeasure("recent complaints", Double(m.recentComplaints), .count),
                        ChurnMeasure("previous complaints", Double(m.previousComplaints), .count),
                    ],
                    thresholds: [
                        ChurnMeasure("recent complaints", Double(minimumRecentComplaints), .count),
                        ChurnMeasure("increase", Double(complaintIncrease), .count),
                    ],
                    reason: "\(m.recentComplaints) complaints in the last \(complaintWindowDays) days against "
                        + "\(m.previousComplaints) in the \(complaintWindowDays) days before (threshold: at least "
                        + "\(minimumRecentComplaints), and \(complaintIncrease) more than before)."
                )
            )
        }
        // Activity falling.
        if m.previousActivity >= max(minimumPreviousActivity, 1) {
            let drop = Double(m.previousActivity - m.recentActivity) / Double(m.previousActivity)
            if drop >= activityDropShare {
                signals.append(
                    ChurnSignal(
                        kind: .activityFalling,
                        measured: [
                            ChurnMeasure("activity drop", drop, .share),
                            ChurnMeasure("recent transactions", Double(m.recentActivity), .count),
                            ChurnMeasure("previous transactions", Double(m.previousActivity), .count),
                        ],
                        thresholds: [
                            ChurnMeasure("activity drop", activityDropShare, .share),
                            ChurnMeasure("previous transactions", Double(minimumPreviousActivity), .count),
                        ],
                        reason: "Activity fell \(Percent.format(drop)): \(m.recentActivity) transactions in the last "
                            + "\(m.recentDays) days against \(m.previousActivity) in the \(m.recentDays) days before "
                            + "(threshold \(Percent.format(activityDropShare)) from at least \(minimumPreviousActivity))."
                    )
                )
            }
        }
        // AUM dropping.
        if let before = m.aumBefore, let now = m.aumNow, now.day > before.day, before.minorUnits > 0 {
            let fall = before.minorUnits - now.minorUnits
            let drop = Double(fall) / Double(before.minorUnits)
            if fall >= minimumAUMDrop.minorUnits, drop >= aumDropShare {
                signals.append(
                    ChurnSignal(
                        kind: .aumDropping,
                        measured: [
                            ChurnMeasure("AUM drop", drop, .share), ChurnMeasure("AUM fall", Double(fall), money),
                            ChurnMeasure("AUM before", Double(before.minorUnits), money),
                            ChurnMeasure("AUM now", Double(now.minorUnits), money),
                        ],
                        thresholds: [
                            ChurnMeasure("AUM drop", aumDropShare, .share),
                            ChurnMeasure("AUM fall", Double(minimumAUMDrop.minorUnits), money),
                        ],
                        reason:
                            "AUM fell \(Percent.format(drop)) from \(amount(before.minorUnits)) on \(before.day) to "
                            + "\(amount(now.minorUnits)) on \(now.day) (threshold \(Percent.format(aumDropShare)) and "
                            + "\(amount(minimumAUMDrop.minorUnits)) over \(aumWindowDays) days)."
                    )
                )
            }
        }
        let score = signals.reduce(0) { $0 + max(0, weights[$1.kind] ?? 0) }
        return ChurnAssessment(
            customer: customer,
            asOf: asOf,
            signals: signals,
            riskScore: score,
            level: level(riskScore: score)
        )
    }

    /// Assesses one client from its records (the single-client path, for re-assessing after an event).
    ///
    /// Records of other clients are ignored. The measures are those ``ChurnBook`` computes.
    /// - Throws: ``ActivityError``: the policy's and the windows' validation errors, `mixedCurrency`
    ///   when the windows' selection is in another currency than the policy, and the record errors
    ///   of ``ChurnBook``.
    public func assess(
        customer: CustomerID,
        transactions: [Transaction],
        holdings: [Holding],
        interactions: [Interaction],
        balances: [BalanceSnapshot],
        windows: ActivityWindows
    ) throws(ActivityError) -> ChurnAssessment {
        try validate()
        guard windows.selection.currency == currency else {
            throw ActivityError(
                .mixedCurrency,
                field: "currency",
                "the activity selection and the policy must use one currency"
            )
        }
        let activity = try ClientActivity(
            transactions: transactions.lazy.filter { $0.customer == customer },
            windows: windows
        )
        var measures = ChurnMeasures()
        measures.take(activity, recentDays: windows.recentDays)
        let days = ChurnDays(policy: self, asOf: windows.asOf, recentDays: windows.recentDays)
        for holding in holdings where holding.customer == customer { try days.add(holding, to: &measures) }
        for interaction in interactions where interaction.customer == customer { days.add(interaction, to: &measures) }
        for balance in balances where balance.customer == customer { try days.add(balance, to: &measures) }
        return assess(measures, customer: customer, asOf: windows.asOf)
    }
}
