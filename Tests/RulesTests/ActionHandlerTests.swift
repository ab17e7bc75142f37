import CustomerModel
import CustomerModelTesting
import Rules
import Synchronization
import Testing

/// The notifying handler sends `notify` actions through the sink once each, leaves the rest
/// unhandled, and a chain passes those on.
@Suite struct ActionHandlerTests {
    /// A handler for tests that takes tasks and records them.
    final class TaskRecorder: ActionHandler {
        let taken = Mutex<[ActionID]>([])

        func handle(_ batch: [FiringAction]) async throws(ActionHandlerError) -> [ActionOutcome] {
            batch.map { item in
                guard case .task = item.action else { return ActionOutcome(action: item.id, status: .unhandled) }
                let fresh = taken.withLock { taken in
                    guard !taken.contains(item.id) else { return false }
                    taken.append(item.id)
                    return true
                }
                return ActionOutcome(action: item.id, status: fresh ? .handled : .duplicate)
            }
        }
    }

    /// A sink whose gateway is down.
    struct DownSink: NotificationSink {
        func deliver(_ batch: [OutboundNotification]) async throws(StoreError) -> [DeliveryReceipt] {
            throw StoreError(.unavailable, "gateway down")
        }
    }

    /// The large inflow (task and app notification to the RM) and the severe complaint (process,
    /// SMS to an unknown group, SMS to the branch head) of the engine tests.
    static func firings() throws -> (RuleEngine, [RuleFiring]) {
        var engine = try EngineTests.engine()
        let inflow = Transaction(
            id: "T-1",
            customer: "C-1",
            day: EngineTests.day("2026-06-01"),
            secondOfDay: 36_000,
            type: .deposit,
            direction: .inflow,
            amount: EngineTests.cny(2_000_000),
            channel: .branch
        )
        let severe = Interaction(
            id: "I-1",
            customer: "C-2",
            at: EngineTests.at("2026-06-01", 11),
            day: EngineTests.day("2026-06-01"),
            channel: .call,
            detail: .complaint(category: "fees", severity: 3, resolvedOn: nil)
        )
        let firings = try engine.record(.transaction(inflow)) + engine.record(.interaction(severe))
        return (engine, firings)
    }

    @Test func notificationsGoOutOnceEachAndOtherActionsAreLeftUnhandled() async throws {
        let (engine, firings) = try Self.firings()
        let sink = InMemoryNotificationSink(clock: ManualClock(start: EngineTests.at("2026-06-01", 12)))
        let handler = NotifyingActionHandler(sink: sink)
        let resolver = RecipientResolverTests.resolver
        let outcomes = try await handler.handle(firings, resolver: resolver, coverage: engine.coverage(of:))
        #expect(outcomes.map(\.status) == [.unhandled, .handled, .unhandled, .failed, .handled])
        #expect(
            outcomes[3].problems == [
                "unknown-group: group \"regional service quality\" for client C-2: no staff group is named \"regional service quality\""
            ]
        )
        let delivered = sink.delivered
        #expect(delivered.map(\.recipient) == ["RM-7", "RH-1"])
        #expect(delivered.map(\.channel) == [.workbench, .sms])
        #expect(delivered.map(\.customer) == ["C-1", "C-2"])
        #expect(delivered[0].message == "Large inflow for Li Wei: CNY 2000000.00")
        #expect(delivered[0].id == "\(firings[0].id.rawValue)-1-RM-7")
        #expect(delivered[0].createdAt == firings[0].at)

        // The same firings again (a rerun of the day): nothing is sent twice.
        let rerun = try await handler.handle(firings, resolver: resolver, coverage: engine.coverage(of:))
        #expect(rerun.map(\.status) == [.unhandled, .duplicate, .unhandled, .failed, .duplicate])
        #expect(sink.delivered.count == 2)
        #expect(rerun.map(\.action) == outcomes.map(\.action))
    }

    @Test func aChainHandsOnWhatTheFirstHandlerLeaves() async throws {
        let (engine, firings) = try Self.firings()
        let sink = InMemoryNotificationSink(clock: ManualClock(start: EngineTests.at("2026-06-01", 12)))
        let tasks = TaskRecorder()
        let chain = ChainedActionHandler([NotifyingActionHandler(sink: sink), tasks])
        let outcomes = try await chain.handle(
            firings,
            resolver: RecipientResolverTests.resolver,
            coverage: engine.coverage(of:)
        )
        #expect(outcomes.map(\.status) == [.handled, .handled, .unhandled, .failed, .handled])
        #expect(tasks.taken.withLock { $0 } == [ActionID(firing: firings[0].id, index: 0)])
        let again = try await chain.handle(
            firings,
            resolver: RecipientResolverTests.resolver,
            coverage: engine.coverage(of:)
        )
        #expect(again.map(\.status) == [.duplicate, .duplicate, .unhandled, .failed, .duplicate])
    }

    @Test func aSinkThatIsDownFailsTheWholeCall() async throws {
        let (engine, firings) = try Self.firings()
        let handler = NotifyingActionHandler(sink: DownSink())
        let error = await #expect(throws: ActionHandlerError.self) {
            try await handler.handle(firings, resolver: RecipientResolverTests.resolver, coverage: engine.coverage(of:))
        }
        #expect(error?.code == .unavailable)
        // A batch without notifications never calls the sink.
        let quiet = try await handler.handle(
            RecipientResolverTests.resolver.actions(of: firings, coverage: engine.coverage(of:)).filter {
                if case .notify = $0.action { return false }
                return true
            }
        )
        #expect(quiet.allSatisfy { $0.status == .unhandled })
        #expect(quiet.count == 2)
    }
}
