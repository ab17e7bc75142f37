import CustomerModel
import CustomerModelTesting
import Testing

/// Shared helpers for the import tests: an importer on a manual clock, file builders, and a way
/// to get the errors of a plan that must fail.
enum ImportFixture {
    static let start = Instant(millisecondsSinceEpoch: 1_795_000_000_000)  // 2026-11-18

    static func importer(
        precedence: SourcePrecedence = .default,
        clock: ManualClock = ManualClock(start: start)
    ) -> CustomerImporter {
        CustomerImporter(precedence: precedence, calendar: .china, clock: clock)
    }

    static func csv(_ name: String, _ kind: ImportFile.Kind, _ system: SourceSystem, _ lines: [String]) -> ImportFile {
        ImportFile(name: name, kind: kind, sourceSystem: system, contents: lines.joined(separator: "\n") + "\n")
    }

    static func jsonl(_ name: String, _ kind: ImportFile.Kind, _ system: SourceSystem, _ lines: [String]) -> ImportFile
    {
        ImportFile(name: name, kind: kind, sourceSystem: system, contents: lines.joined(separator: "\n") + "\n")
    }

    /// The errors of a plan that must be refused.
    static func errors(
        _ files: [ImportFile],
        importer: CustomerImporter = importer(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> [ImportError] {
        do {
            _ = try importer.plan(files)
            Issue.record("the plan was accepted", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.errors
        }
    }

    /// A one-line customers file of the core system with a valid client, to reference from activity files.
    static let coreCustomers = csv(
        "customers.csv",
        .customers,
        .coreBanking,
        [
            "id,name,nationalID,birthDate,mobile,branch",
            "10001,Wang Fang,110101198001011234,1980-01-01,13800138000,BR-SH",
        ]
    )

    /// In-memory ports wired together.
    struct Ports {
        let audit = InMemoryAuditLog()
        let clock = ManualClock(start: ImportFixture.start)
        let customerStore: InMemoryCustomerStore
        let activityStore = InMemoryActivityStore()
        let gate: AccessGate
        let customers: GatedCustomerStore
        let activity: GatedActivityStore

        init(organisation: Organisation = .empty) {
            customerStore = InMemoryCustomerStore(organisation: organisation)
            gate = AccessGate(directory: customerStore, audit: audit, clock: clock)
            customers = gate.customers(customerStore)
            activity = gate.activity(activityStore)
        }
    }
}

extension Day {
    /// A day from `YYYY-MM-DD` text in tests.
    static func test(_ text: String) -> Day { (try? Day(parsing: text)) ?? Day(number: 0) }
}
