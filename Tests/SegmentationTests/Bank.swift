import CustomerModel
import CustomerModelTesting
import Rules
import Segmentation

/// A small bank for segmentation tests: clients in a customer store (the gate's directory), a
/// segmentation store behind the gate, a manual clock, and hand-set facts.
struct Bank {
    static let calendar = BankCalendar.china
    let customers = InMemoryCustomerStore()
    let audit = InMemoryAuditLog()
    let clock: ManualClock
    let gate: AccessGate
    let store: GatedSegmentationStore
    var facts = HandFacts()
    var profiles: [CustomerProfile] = []

    init(clients: [CustomerProfile], start: Day) async throws {
        clock = ManualClock(start: Self.calendar.start(of: start, plusMinutes: 22 * 60))
        gate = AccessGate(directory: customers, audit: audit, clock: clock)
        store = gate.segmentation(InMemorySegmentationStore())
        profiles = clients
        _ = try await customers.upsert(clients.map { ProfileChange($0, expectedVersion: nil) }, in: .everyClient)
    }

    func reviewer(_ policy: SegmentationPolicy) -> TierReviewer {
        TierReviewer(policy: policy, store: store, clock: clock, calendar: Self.calendar)
    }

    var book: SegmentationBook {
        SegmentationBook(records: profiles.map { ClientRecord(profile: $0) }, facts: [facts])
    }

    func move(to day: Day) { clock.set(to: Self.calendar.start(of: day, plusMinutes: 22 * 60)) }

    static let headOffice = Principal(id: "HO-1", role: .headOffice, purpose: "tier committee")
}
