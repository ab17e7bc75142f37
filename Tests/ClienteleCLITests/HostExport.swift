import Foundation

/// A tiny bank's host exports, written as files `clientele import`, `score` and `rules backtest`
/// read: three core clients (one of them also a card client, matched by national ID), accounts,
/// holdings, transactions from core and card, and interactions.
///
/// What is in it, for the tests' expectations (golden ids are `core:<number>`):
/// - `core:10001` (Wang Fang, also card client `C-77`): a 2m CNY transfer in on 2026-03-10, card
///   spending on 2026-02-14 (card file) and 2026-03-01 (core), a fund holding.
/// - `core:10002` (Li Wei): 500k CNY in on 2026-03-12, 1.5m CNY out on 2026-03-20, a severity-3
///   complaint on 2026-03-15.
/// - `core:10003` (Zhao Min): a card payment on 2026-01-10, a severity-1 complaint on
///   2026-03-16, an 800k CNY time deposit maturing on 2026-04-20.
struct HostExport {
    let scratch: Scratch
    /// The file arguments, as `clientele import` takes them.
    let arguments: [String]

    /// Writes the files; `transactionRows` replaces the core transaction rows when given.
    init(_ scratch: Scratch, transactionRows: [String]? = nil) throws {
        self.scratch = scratch
        let customers = try scratch.write(
            "core-customers.csv",
            [
                "id,name,nationalID,birthDate,mobile,branch,relationshipManager,riskAppetite,consentsGranted",
                "10001,Wang Fang,110101198001011234,1980-01-01,13800138000,BR-SH,RM-0007,balanced,service;marketing",
                "10002,Li Wei,310101197803140021,1978-03-14,13700137000,BR-SH,RM-0007,steady,service",
                "10003,Zhao Min,440101199005050032,1990-05-05,13600136000,BR-BJ,RM-0009,growth,service",
            ]
        )
        let cardCustomers = try scratch.write(
            "card-customers.jsonl",
            [
                #"{"id":"C-77","name":"WANG FANG","nationalID":"110101 19800101 1234","birthDate":"1980-01-01","mobile":"139 0013 9000"}"#
            ]
        )
        let accounts = try scratch.write(
            "core-accounts.csv",
            [
                "id,customer,product,currency,openedOn",
                "A-1,10001,demandDeposit,CNY,2020-01-01",
                "A-2,10002,demandDeposit,CNY,2019-05-01",
                "A-3,10003,demandDeposit,CNY,2021-07-01",
            ]
        )
        let holdings = try scratch.write(
            "core-holdings.csv",
            [
                "id,customer,product,productCode,balance,currency,openedOn,maturesOn",
                "H-1,10001,fund,FD-GROWTH,300000,CNY,2025-06-01,",
                "H-2,10003,timeDeposit,TD-12M,800000,CNY,2025-04-20,2026-04-20",
                "H-3,10002,demandDeposit,DD,120000,CNY,2019-05-01,",
            ]
        )
        let transactions = try scratch.write(
            "core-transactions.csv",
            ["id,customer,account,day,time,type,direction,amount,currency,channel,merchantCategory"]
                + (transactionRows ?? Self.coreTransactionRows)
        )
        let cardTransactions = try scratch.write(
            "card-transactions.jsonl",
            [
                #"{"id":"CT-1","customer":"C-77","day":"2026-02-14","time":"20:00","type":"cardSpend","direction":"outflow","amount":"1200.50","currency":"CNY","channel":"pos","merchantCategory":"dining"}"#
            ]
        )
        let interactions = try scratch.write(
            "core-interactions.csv",
            [
                "id,customer,day,time,channel,kind,category,severity",
                "I-1,10002,2026-03-15,14:00,call,complaint,fees,3",
                "I-2,10003,2026-03-16,15:00,branch,complaint,waiting time,1",
            ]
        )
        arguments = [
            customers, "card:customers=\(cardCustomers)", accounts, holdings, transactions,
            "card:transactions=\(cardTransactions)", interactions,
        ]
    }

    /// The core transactions.
    static let coreTransactionRows = [
        "T-1,10001,A-1,2026-01-05,10:00,deposit,inflow,50000,CNY,branch,",
        "T-2,10001,A-1,2026-03-10,10:30,transferIn,inflow,2000000,CNY,online,",
        "T-3,10002,A-2,2026-03-12,11:00,transferIn,inflow,500000,CNY,online,",
        "T-4,10002,A-2,2026-03-20,09:00,transferOut,outflow,1500000,CNY,mobile,",
        "T-5,10003,A-3,2026-01-10,12:00,cardSpend,outflow,300,CNY,pos,groceries",
        "T-6,10001,A-1,2026-03-01,10:00,cardSpend,outflow,800,CNY,pos,dining",
    ]

    /// A rule file exercising event, schedule, date-relative and windowed-aggregate triggers.
    static let rules = """
        # Rules for the backtest tests.
        rule "Large inflow"
          when on transaction
          if transaction.direction = inflow and transaction.amount >= 1m CNY
          then notify(rm, app, "Large inflow for {name}: {transaction.amount}")
        end

        rule "Large outflow"
          when on transaction
          if transaction.direction = outflow and transaction.amount >= 1m CNY
          then notify(rm, sms, "Large outflow for {name}: {transaction.amount}")
        end

        rule "Severe complaint"
          when on complaint
          if complaint.severity >= 3
          then notify(branch_head, sms, "Severe complaint ({complaint.category})")
        end

        rule "Maturity reminder"
          when 7 business days before each maturity of time_deposit at 09:00
          then notify(rm, app, "{maturity.holding} of {name} matures on {maturity.date}")
        end

        rule "Two card payments"
          when daily at 09:00
          if count(transactions where type = card_spend, 90d) >= 2
          then notify(rm, app, "{name} paid by card twice in 90 days")
          cooldown 365d
        end
        """

    /// ``rules`` with the large-inflow threshold lowered to 400k CNY.
    static var lowerThreshold: String {
        rules.replacingOccurrences(
            of: "transaction.direction = inflow and transaction.amount >= 1m CNY",
            with: "transaction.direction = inflow and transaction.amount >= 400k CNY"
        )
    }
}
