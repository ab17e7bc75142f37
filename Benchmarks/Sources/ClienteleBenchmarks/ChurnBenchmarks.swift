import CustomerModel
import Foundation
import SyntheticBank
import ValueModel
import ValueModelTesting

/// The churn flag against the truth the synthetic bank knows (issue 3 item 3, stop 9 tuning).
///
/// `clientele-bench churn [CLIENTS] [SEEDS] [sweep]` evaluates, on each seeded bank (default
/// 20,000 clients, seeds 11,12,13,21,22), the policy before tuning (stop 8's defaults) and
/// today's ``ChurnPolicy`` defaults: precision and recall of the flag on drifters, the flag rate
/// among steady and dormant clients, each signal's matrix, and the days from a drift's start to
/// the first flag (weekly analysis days). `sweep` adds a one-knob-at-a-time sensitivity table
/// around the defaults, pooled over the seeds, on the last day only.
enum ChurnBenchmarks {
    /// Stop 8's defaults, kept to print the figures before the tuning.
    static func stop8Policy() -> ChurnPolicy {
        var p = ChurnPolicy(currency: .cny)
        p.largeOutflow = Money(major: 1_000_000, currency: .cny)
        p.largeOutflowShareOfAUM = 0.3
        p.outflowMeasure = .net
        p.maturityLookbackDays = 90
        p.minimumKeptShare = 0.5
        p.minimumNotRenewed = .zero(.cny)
        p.minimumNotRenewedShareOfAUM = 0
        p.complaintWindowDays = 90
        p.minimumRecentComplaints = 2
        p.complaintIncrease = 1
        p.activityDropShare = 0.5
        p.minimumPreviousActivity = 6
        p.aumWindowDays = 90
        p.aumDropShare = 0.2
        p.minimumAUMDrop = Money(major: 100_000, currency: .cny)
        p.weights = [
            .largeOutflow: 3, .productsNotRenewed: 3, .aumDropping: 3, .complaintsRising: 2, .activityFalling: 2,
        ]
        p.mediumRiskScore = 3
        p.highRiskScore = 6
        return p
    }

    static func run(clients: Int, seeds: [UInt64], sweep: Bool) throws {
        print(
            "Churn flag against the synthetic scenarios: \(clients) clients a bank, seeds \(seeds.map(String.init).joined(separator: ","))"
        )
        var pooled: [String: (ChurnConfusion, Int, Int, [Int], Int)] = [:]
        var inputsBySeed: [UInt64: ChurnEvaluationInputs] = [:]
        for seed in seeds {
            let start = ContinuousClock.now
            let inputs = ChurnEvaluationInputs(bank: SyntheticBank(.init(seed: seed, clientCount: clients)))
            let generated = Harness.seconds(ContinuousClock.now - start)
            if sweep { inputsBySeed[seed] = inputs }
            print(
                "seed \(seed): \(inputs.columns.count) rows, \(inputs.holdings.count) holdings, \(inputs.interactions.count) interactions, \(inputs.balances.count) balances (generated in \(Harness.format(generated, 1)) s)"
            )
            for (name, policy) in [("before (stop 8)", stop8Policy()), ("defaults", ChurnPolicy(currency: .cny))] {
                let t0 = ContinuousClock.now
                let e = try ChurnEvaluation(inputs: inputs, policy: policy)
                let took = Harness.seconds(ContinuousClock.now - t0)
                print("  \(name): \(line(e)) [\(Harness.format(took, 1)) s]")
                for kind in ChurnSignal.Kind.allCases {
                    if let m = e.signals[kind] {
                        print("    \(kind.description.padding(toLength: 22, withPad: " ", startingAt: 0)) \(cells(m))")
                    }
                }
                var p = pooled[name] ?? (ChurnConfusion(), 0, 0, [], 0)
                p.0 = p.0 + e.flag
                p.1 += e.dormantFlagged
                p.2 += e.dormantCount
                p.3 += e.detection.daysToFlag
                p.4 += e.detection.drifters
                pooled[name] = p
            }
        }
        print("pooled over \(seeds.count) seeds:")
        for name in ["before (stop 8)", "defaults"] {
            guard let p = pooled[name] else { continue }
            let detection = ChurnDetection(drifters: p.4, daysToFlag: p.3, stepDays: 7)
            print(
                "  \(name): \(cells(p.0)), dormant flagged \(percent(Double(p.1) / Double(max(1, p.2)))), "
                    + timing(detection)
            )
        }
        if sweep { try sensitivity(inputs: seeds.compactMap { inputsBySeed[$0] }) }
    }

    static func percent(_ x: Double) -> String { Harness.format(100 * x, 1) + "%" }

    static func cells(_ m: ChurnConfusion) -> String {
        "precision \(Harness.format(m.precision, 3)) recall \(Harness.format(m.recall, 3)) steady rate \(percent(m.falsePositiveRate)) "
            + "(TP \(m.truePositives) FP \(m.falsePositives) FN \(m.falseNegatives) TN \(m.trueNegatives))"
    }

    static func timing(_ d: ChurnDetection) -> String {
        "days to flag median \(d.median.map(String.init) ?? "-") p75 \(d.quantile(0.75).map(String.init) ?? "-"), "
            + "flagged within 30/60/90 days \(percent(d.flaggedWithin(days: 30)))/\(percent(d.flaggedWithin(days: 60)))/\(percent(d.flaggedWithin(days: 90)))"
    }

    static func line(_ e: ChurnEvaluation) -> String {
        "\(cells(e.flag)), dormant flagged \(percent(e.dormantFlagRate)), " + timing(e.detection)
    }

    /// One knob at a time around the defaults, pooled over the banks, last day only.
    static func sensitivity(inputs: [ChurnEvaluationInputs]) throws {
        func pooled(_ policy: ChurnPolicy) throws -> (ChurnConfusion, [ChurnSignal.Kind: ChurnConfusion]) {
            var total = ChurnConfusion()
            var kinds: [ChurnSignal.Kind: ChurnConfusion] = [:]
            for i in inputs {
                let e = try ChurnEvaluation(inputs: i, policy: policy, detectionStepDays: 100_000)
                total = total + e.flag
                for (k, m) in e.signals { kinds[k] = (kinds[k] ?? ChurnConfusion()) + m }
            }
            return (total, kinds)
        }
        let base = ChurnPolicy(currency: .cny)
        func row(_ label: String, _ change: (inout ChurnPolicy) -> Void) throws {
            var p = base
            change(&p)
            let (flag, kinds) = try pooled(p)
            let signal = kinds.sorted { $0.key.rawValue < $1.key.rawValue }.map {
                "\($0.key.rawValue.prefix(6)) \(Harness.format($0.value.precision, 2))/\(Harness.format($0.value.recall, 2))"
            }.joined(separator: " ")
            print("  \(label.padding(toLength: 34, withPad: " ", startingAt: 0)) \(cells(flag)) | \(signal)")
        }
        try combinations(inputs: inputs, policy: base)
        print("sensitivity (one knob changed from the defaults; pooled; flag and each signal precision/recall):")
        try row("defaults") { _ in }
        for share in [0.1, 0.2, 0.3, 0.5] {
            try row("largeOutflowShareOfAUM \(share)") { $0.largeOutflowShareOfAUM = share }
        }
        for major in [500_000, 2_000_000, 5_000_000] as [Int64] {
            try row("largeOutflow \(major)") { $0.largeOutflow = Money(major: major, currency: .cny) }
        }
        for share in [0.0, 0.05, 0.1, 0.2] {
            try row("minimumNotRenewedShareOfAUM \(share)") { $0.minimumNotRenewedShareOfAUM = share }
        }
        for major in [0, 50_000, 200_000] as [Int64] {
            try row("minimumNotRenewed \(major)") { $0.minimumNotRenewed = Money(major: major, currency: .cny) }
        }
        for share in [0.1, 0.15, 0.2, 0.3] { try row("aumDropShare \(share)") { $0.aumDropShare = share } }
        for share in [0.3, 0.4, 0.5, 0.6] { try row("activityDropShare \(share)") { $0.activityDropShare = share } }
        for n in [1, 2, 3] { try row("minimumRecentComplaints \(n)") { $0.minimumRecentComplaints = n } }
        for w in [2, 3] { try row("productsNotRenewed weight \(w)") { $0.weights[.productsNotRenewed] = w } }
        for w in [2, 3] { try row("largeOutflow weight \(w)") { $0.weights[.largeOutflow] = w } }
        for w in [2, 3] { try row("aumDropping weight \(w)") { $0.weights[.aumDropping] = w } }
        for s in [2, 3, 4, 5] {
            try row("mediumRiskScore \(s)") {
                $0.mediumRiskScore = s
                $0.highRiskScore = max($0.highRiskScore, s)
            }
        }
    }

    /// How many steady clients and drifters have each set of signals (to read any weighting off).
    static func combinations(inputs: [ChurnEvaluationInputs], policy: ChurnPolicy) throws {
        var steady: [UInt8: Int] = [:]
        var drifting: [UInt8: Int] = [:]
        for i in inputs {
            let selection = TransactionSelection(currency: .cny, types: ActivityWindows.clientTransactionTypes)
            let windows = ActivityWindows(asOf: i.configuration.endDay, selection: selection)
            let book = try ChurnBook(
                activity: try ActivityAggregates(columns: i.columns, windows: windows),
                holdings: i.holdings,
                interactions: i.interactions,
                balances: i.balances,
                policy: policy
            )
            for (c, scenario) in i.scenarios.enumerated() {
                switch scenario {
                case .steady: steady[book.kinds[c].rawValue, default: 0] += 1
                case .churnDrifting: drifting[book.kinds[c].rawValue, default: 0] += 1
                case .dormant: break
                }
            }
        }
        print("signal sets (pooled): steady / drifting")
        for bits in Set(steady.keys).union(drifting.keys).sorted() {
            let names = ChurnSignalKinds(rawValue: bits).kinds.map { String($0.rawValue.prefix(8)) }.joined(
                separator: "+"
            )
            print(
                "  \((names.isEmpty ? "none" : names).padding(toLength: 48, withPad: " ", startingAt: 0)) \(steady[bits] ?? 0) / \(drifting[bits] ?? 0)"
            )
        }
    }

    /// A policy from the defaults and `key=value` changes separated by commas, for trying
    /// thresholds without rebuilding: `clientele-bench churn-try 20000 11,12 "aumDropShare=0.3,medium=4"`.
    static func policy(_ spec: String) -> ChurnPolicy {
        var p = ChurnPolicy(currency: .cny)
        for pair in spec.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Double(parts[1]) else { continue }
            let money = Money(major: Int64(value), currency: .cny)
            switch parts[0] {
            case "largeOutflow": p.largeOutflow = money
            case "largeOutflowShareOfAUM": p.largeOutflowShareOfAUM = value
            case "gross": p.outflowMeasure = value > 0 ? .gross : .net
            case "maturityLookbackDays": p.maturityLookbackDays = Int(value)
            case "minimumKeptShare": p.minimumKeptShare = value
            case "minimumNotRenewed": p.minimumNotRenewed = money
            case "minimumNotRenewedShareOfAUM": p.minimumNotRenewedShareOfAUM = value
            case "complaintWindowDays": p.complaintWindowDays = Int(value)
            case "minimumRecentComplaints": p.minimumRecentComplaints = Int(value)
            case "complaintIncrease": p.complaintIncrease = Int(value)
            case "activityDropShare": p.activityDropShare = value
            case "minimumPreviousActivity": p.minimumPreviousActivity = Int(value)
            case "aumWindowDays": p.aumWindowDays = Int(value)
            case "aumDropShare": p.aumDropShare = value
            case "minimumAUMDrop": p.minimumAUMDrop = money
            case "medium": p.mediumRiskScore = Int(value)
            case "high": p.highRiskScore = Int(value)
            default:
                if let kind = ChurnSignal.Kind(rawValue: String(parts[0].dropFirst(2))), parts[0].hasPrefix("w.") {
                    p.weights[kind] = Int(value)
                } else {
                    print("unknown key \(parts[0])")
                }
            }
        }
        return p
    }

    /// Each spec pooled over the banks on their last day, with its signal sets.
    static func tryPolicies(clients: Int, seeds: [UInt64], specs: [String]) throws {
        let inputs = seeds.map { ChurnEvaluationInputs(bank: SyntheticBank(.init(seed: $0, clientCount: clients))) }
        for spec in specs {
            let p = policy(spec)
            try p.validate()
            var flag = ChurnConfusion()
            var kinds: [ChurnSignal.Kind: ChurnConfusion] = [:]
            var dormant = (0, 0)
            for i in inputs {
                let e = try ChurnEvaluation(inputs: i, policy: p, detectionStepDays: 100_000)
                flag = flag + e.flag
                dormant = (dormant.0 + e.dormantFlagged, dormant.1 + e.dormantCount)
                for (k, m) in e.signals { kinds[k] = (kinds[k] ?? ChurnConfusion()) + m }
            }
            print("[\(spec)] \(cells(flag)) dormant \(percent(Double(dormant.0) / Double(max(1, dormant.1))))")
            for kind in ChurnSignal.Kind.allCases { if let m = kinds[kind] { print("    \(kind): \(cells(m))") } }
            try combinations(inputs: inputs, policy: p)
        }
    }
}
