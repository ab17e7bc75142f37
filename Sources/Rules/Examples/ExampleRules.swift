/// The rule set a private bank runs, written in the rule language: every rule of the domain's
/// event and time automation (large movements, AUM drops, care dates, maturities, complaints
/// and failed transactions, dormancy, campaign targeting and cross-selling).
///
/// It compiles against the standard ``FactCatalogue`` (the 360 view, ValueModel's book facts from
/// ``BookFactSource`` and the default tier ladders) and serves as the reference example of the
/// language. Compile it with ``compiled(catalogue:)`` or read ``text``.
public enum ExampleRules: Sendable {
    /// The file name diagnostics use for the example set.
    public static let fileName = "private-banking.rules"

    /// The example rule set, compiled against `catalogue` (the standard catalogue in CNY unless told).
    /// - Throws: ``RuleCompileError`` if the catalogue lacks facts the rules use.
    public static func compiled(catalogue: FactCatalogue = .standard()) throws(RuleCompileError) -> RuleSet {
        try RuleCompiler(catalogue: catalogue).compile(text, file: fileName)
    }

    /// The rules as text.
    public static let text = #"""
        # Private banking: event and time automation.
        # Amounts are in CNY. Times are in the bank's time zone.

        # --- Large fund movements: call the client at once -------------------------------

        rule "Large inflow"
          version 2
          owner "wealth management"
          priority 90
          when on transaction
          if transaction.direction = inflow and transaction.amount >= 1m CNY
             and transaction.type in [deposit, transfer_in, investment_redemption]
          then task(rm, "Call {name} today: {transaction.amount} came in on {transaction.date}. Discuss investing it (AUM now {aum}).", 1bd),
               notify(rm, workbench, "Large inflow for {name}: {transaction.amount}")
          dedupe by client, transaction.date
        end

        rule "Large outflow"
          version 2
          owner "wealth management"
          priority 95
          when on transaction
          if transaction.direction = outflow and transaction.amount >= 1m CNY
             and transaction.type in [withdrawal, transfer_out]
          then task(rm, "Call {name} at once: {transaction.amount} went out on {transaction.date}. Find the reason and try to keep the funds.", 1bd),
               notify(rm, sms, "Large outflow for {name}: {transaction.amount}")
          dedupe by client, transaction.date
        end

        # --- Falling assets ---------------------------------------------------------------

        rule "AUM drop alert"
          version 3
          owner "wealth management"
          priority 80
          when daily at 08:30
          if aum.change(30d) < -20% and aum.average(30d) >= 500k CNY
          then notify(rm, sms, "AUM of {name} fell {aum.change(30d)} in 30 days, to {aum}"),
               notify(branch_head, sms, "AUM of a {tier} client of {rm} fell {aum.change(30d)} in 30 days")
          cooldown 30d
          dedupe by client
        end

        # --- Tiers and value: act on the nightly scores, RFM, churn and tiers -------------

        rule "Diamond client moved down"
          owner "wealth management"
          priority 85
          when on tier change from "diamond" down
          then task(rm, "{name} moved down from diamond to {tier}. Review the relationship and plan a visit.", 5bd),
               notify(branch_head, workbench, "A diamond client of {rm} moved down to {tier}")
        end

        rule "Valuable client at risk"
          owner "client service"
          priority 75
          when weekly on monday at 08:00
          if tier >= "platinum" and churn.risk >= "high" and rfm.segment in [cannot_lose, at_risk]
          then task(rm, "{name} ({tier}, RFM {rfm.segment}, value score {score}) shows {churn.signals} churn signals. Call this week.", 5bd)
          cooldown 30d
          dedupe by client
        end

        # --- Care dates: prepare 30 days ahead ----------------------------------------------

        rule "Birthday care"
          owner "client service"
          priority 50
          when 30 days before each birthday in household at 09:00
          then task(rm, "Birthday of {occasion.person} ({occasion.relation} of {name}) on {occasion.date}, turning {occasion.years}. Confirm the care plan. Suggested wording: 'Wishing you health and joy on your birthday.' Gift options: flowers, a cake, a health check-up voucher.", 7d),
               open_process("birthday care", person: occasion.person, date: occasion.date)
          dedupe by client, occasion.person, occasion.date
        end

        rule "Wedding anniversary care"
          owner "client service"
          priority 50
          when 30 days before each wedding anniversary in household at 09:00
          then task(rm, "Wedding anniversary of {occasion.person} on {occasion.date} ({occasion.years} years). Suggested wording: 'Congratulations on your anniversary.' Gift options: a dinner voucher, flowers.", 7d)
          dedupe by client, occasion.person, occasion.date
        end

        rule "Signing anniversary"
          owner "client service"
          priority 40
          when 30 days before each signing anniversary at 09:00
          then task(rm, "{name} has banked with us for {occasion.years} years on {occasion.date}. Send a thank-you letter and invite them to the next client event.", 14d)
          dedupe by client, occasion.date
        end

        # --- Maturities: remind, then renew ---------------------------------------------

        rule "Maturity reminder"
          owner "wealth management"
          priority 70
          when 15, 7 and 3 business days before each maturity of wealth_management, insurance, loan at 09:00
          then notify(rm, workbench, "{maturity.product} {maturity.holding} of {name} ({maturity.amount}) matures on {maturity.date}, {maturity.offset} from now")
          dedupe by client, maturity.holding, maturity.offset
        end

        rule "Renewal flow"
          owner "wealth management"
          priority 70
          when 15 business days before each maturity of wealth_management, insurance at 09:00
          then open_process("renewal", holding: maturity.holding, product: maturity.product, amount: maturity.amount, matures: maturity.date)
          dedupe by client, maturity.holding
        end

        # --- Incidents: complaints and failed transactions -----------------------------------

        rule "Complaint incident"
          owner "service quality"
          priority 100
          when on complaint
          if complaint.severity <= 2
          then open_process("incident", category: complaint.category, severity: complaint.severity),
               notify(branch_head, sms, "Complaint from a {tier} client ({complaint.category}, severity {complaint.severity}); incident opened")
        end

        rule "Severe complaint escalation"
          owner "service quality"
          priority 100
          when on complaint
          if complaint.severity >= 3
          then open_process("incident", category: complaint.category, severity: complaint.severity, escalated: true),
               notify(group "regional service quality", sms, "Severe complaint ({complaint.category}) from a {tier} client of branch {branch}; escalated"),
               notify(branch_head, sms, "Severe complaint ({complaint.category}); regional management informed")
        end

        rule "Failed transaction incident"
          owner "service quality"
          priority 100
          when on failed transaction
          then open_process("incident", category: "failed transaction", amount: transaction.amount, channel: transaction.channel),
               notify(rm, workbench, "A {transaction.type} of {transaction.amount} by {name} failed on {transaction.date}; call the client")
          dedupe by client, transaction.date
        end

        # --- Dormancy -----------------------------------------------------------------------

        rule "Dormant warning"
          owner "client service"
          priority 60
          when 3 consecutive months with no transaction
          if "dormant warning" not in tags
          then flag("dormant warning"),
               add_tag("dormant warning", 90d),
               open_process("dormant reactivation", since: streak.since, aum: aum)
          cooldown 90d
        end

        # --- Campaigns and cross-selling ----------------------------------------------------

        rule "New private fund recommendation"
          owner "product marketing"
          priority 30
          when 30 days before each maturity of time_deposit at 09:00
          if aum > 5m CNY and risk_appetite >= steady and maturity.amount >= 1m CNY
             and consent.marketing
          then task(rm, "New private fund recommendation for {name} ({tier}, risk appetite {risk_appetite}, AUM {aum}). Reason: {maturity.amount} deposit matures on {maturity.date}. Talking points: the fund's strategy and track record, how it fits a {risk_appetite} appetite, reinvesting the maturing deposit.", 10bd)
          dedupe by client, maturity.holding
        end

        rule "Cross-sell after a large time deposit"
          owner "product marketing"
          priority 20
          when on transaction
          if transaction.type = deposit and transaction.amount >= 1m CNY and consent.marketing
             and aum.wealth + aum.insurance < 20% * aum
          then task(rm, "{name} deposited {transaction.amount}. Suggest wealth-management or insurance products.", 5bd)
          cooldown 90d
          dedupe by client
        end

        rule "Frequent flyer"
          owner "cards"
          priority 20
          when monthly on 1 at 09:00
          if count(transactions where merchant = air_travel, 90d) >= 4
             and "frequent flyer" not in tags
          then task(rm, "{name} flew {count(transactions where merchant = air_travel, 90d)} times in 90 days: offer a premium card, airport lounge access and travel insurance.", 10bd),
               add_tag("frequent flyer", 180d)
          cooldown 180d
        end
        """#
}
