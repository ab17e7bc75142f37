import CustomerModel
import Foundation
import Rules
import Segmentation
import ValueModel

/// `clientele segment`: loads host files as `clientele score` does, scores them, and reviews
/// every client under a segmentation policy (JSON): the tier distribution per ladder, segment
/// sizes and overlaps, and the proposals, warnings and exits of the review.
struct SegmentCommand {
    let arguments: Arguments
    let console: Console

    init(_ arguments: Arguments, console: Console) {
        self.arguments = arguments
        self.console = console
    }

    /// Returns `false` when the files or the policy were rejected.
    func run() async throws -> Bool {
        try arguments.expect(options: ["system", "as-of", "policy", "why"], for: "segment")
        guard let policyPath = arguments.options["policy"] else { throw UsageError("segment needs --policy FILE.json") }
        guard !arguments.positional.isEmpty else { throw UsageError("segment needs at least one FILE") }
        var requestedAsOf: Day?
        if let text = arguments.options["as-of"] {
            do { requestedAsOf = try Day(parsing: text, field: "--as-of") } catch { throw UsageError("\(error)") }
        }
        guard let text = try? String(contentsOfFile: policyPath, encoding: .utf8) else {
            console.print("Cannot read the policy \(policyPath)")
            return false
        }
        let policy: SegmentationPolicy
        do {
            policy = try SegmentationPolicy(json: text)
        } catch {
            console.print("Rejected policy \(policyPath):")
            for problem in error.problems { console.print("  \(policyPath):\(problem)") }
            return false
        }
        let files = try HostFiles(arguments.positional, system: arguments.options["system"])
        let principal = Principal.system("segment", purpose: "segment host files")
        guard
            let (bank, _) = try await files.load(
                clock: SystemClock(),
                console: console,
                outcome: "segmented",
                as: principal
            )
        else {
            return false
        }
        let inputs = try await ScoreCommand.read(bank, as: principal)
        let asOf = requestedAsOf ?? inputs.transactions.day.max().map { Day(number: $0) } ?? Day(number: 0)
        var job = BookScoring(asOf: asOf, currency: .cny)
        job.windows.asOf = asOf
        let scores: BookScores
        do { scores = try job.run(inputs) } catch {
            console.print("Cannot score: \(error)")
            return false
        }
        let book = SegmentationBook(
            records: Self.records(inputs),
            facts: [BookFactSource(scores)],
            transactions: inputs.transactions,
            interactions: inputs.interactions
        )
        let clock = FixedClock(at: bank.calendar.start(of: asOf, plusMinutes: 22 * 60))
        let gate = AccessGate(directory: bank.customerStore, audit: InMemoryAuditLog(), clock: clock)
        let reviewer = TierReviewer(
            policy: policy,
            store: gate.segmentation(InMemorySegmentationStore()),
            clock: clock,
            calendar: bank.calendar
        )
        let report: ReviewReport
        let evaluation: PolicyEvaluation
        do {
            report = try await reviewer.review(book)
            evaluation = try PolicyEvaluator(policy).evaluate(book, on: EvaluationDay(asOf, calendar: bank.calendar))
        } catch {
            console.print("Cannot review: \(error)")
            return false
        }
        console.print(
            "Reviewed \(Output.count(report.evaluated.count)) clients under \(policy.identifier) as of \(asOf)"
        )
        SegmentReport.print(report, evaluation, policy: policy, to: console)
        if let client = arguments.options["why"], let why = evaluation.explain(CustomerID(client)) {
            console.print("")
            console.print(why.description)
        }
        return true
    }

    /// One record per profile with its holdings and balances.
    static func records(_ inputs: BookInputs) -> [ClientRecord] {
        var holdings: [CustomerID: [Holding]] = [:]
        for holding in inputs.holdings { holdings[holding.customer, default: []].append(holding) }
        var balances: [CustomerID: [BalanceSnapshot]] = [:]
        for snapshot in inputs.balances { balances[snapshot.customer, default: []].append(snapshot) }
        return inputs.profiles.map {
            ClientRecord(profile: $0, holdings: holdings[$0.id] ?? [], balances: balances[$0.id] ?? [])
        }
    }
}

/// The tier sections `clientele segment` and `clientele demo` print.
enum SegmentReport {
    static func print(
        _ report: ReviewReport,
        _ evaluation: PolicyEvaluation,
        policy: SegmentationPolicy,
        to console: Console
    ) {
        var tierOf: [String: Int] = [:]
        for state in report.states { tierOf[state.effectiveTier, default: 0] += 1 }
        for ladder in policy.ladders {
            console.print("")
            console.print("Tiers of \(ladder.ladder.name) (\(ladder.kind.rawValue) clients)")
            for tier in ladder.tiers.reversed() {
                let service = tier.service
                console.print(
                    "  \(tier.id.padding(toLength: 18, withPad: " ", startingAt: 0)) \(String(tierOf[tier.id] ?? 0).leftPadded(7))   RM \(service.rmGrade), reviewed \(service.reviewCadence.rawValue)"
                )
            }
        }
        if !policy.segments.isEmpty {
            let overlap = evaluation.overlap()
            console.print("")
            console.print("Segments")
            for name in overlap.segments {
                console.print(
                    "  \(name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(String(overlap.count(name)).leftPadded(7))"
                )
            }
            for (i, a) in overlap.segments.enumerated() {
                for b in overlap.segments.dropFirst(i + 1) where overlap.shared(a, b) > 0 {
                    console.print("  overlap \(a) & \(b): \(overlap.shared(a, b))")
                }
            }
        }
        for (title, kind) in [
            ("Upgrades", TierEvent.Kind.upgraded), ("Downgrade warnings", .warned), ("Pending approvals", .proposed),
            ("Exits started", .exitStarted),
        ] {
            let events = report.events(kind)
            guard !events.isEmpty else { continue }
            console.print("")
            console.print("\(title): \(events.count)")
            for event in events.prefix(5) {
                let move =
                    kind == .proposed
                    ? "\(event.from ?? "none") -> \(event.proposed ?? "none")" : "\(event.from ?? "none")"
                console.print("  \(event.client) \(move): \(event.reason)")
            }
        }
    }
}
