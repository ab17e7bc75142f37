import CustomerModel
import CustomerModelTesting
import Testing

/// The gate's own bookkeeping, made cheap: the distinct clients of a call (searched linearly for
/// short lists, numbered through a table for long ones) and the in-memory audit log's compact
/// entries. Both must give exactly what the plain versions give.
struct GateBookkeepingTests {
    private static func naiveDistinct(_ ids: [CustomerID]) -> [CustomerID] {
        var seen = Set<CustomerID>()
        return ids.filter { seen.insert($0).inserted }
    }

    @Test(arguments: [0, 1, 2, 5, 16, 17, 40, 5_000])
    func distinctClientsComeInFirstSeenOrder(count: Int) {
        // Runs, repeats far apart, and ids that do not pack into 64 bits.
        let ids = (0..<count).map { n in
            let client = (n * 7919) % max(1, count / 3 + 1)
            return client % 5 == 0 ? CustomerID("客户-\(client)") : CustomerID("C\(client)")
        }
        let doubled = ids.flatMap { [$0, $0] }
        #expect(AccessGate.distinct(ids) == Self.naiveDistinct(ids))
        #expect(AccessGate.distinct(doubled) == Self.naiveDistinct(ids))
        #expect(AccessGate.distinct(doubled.lazy.map { $0 }) == Self.naiveDistinct(ids))
    }

    @Test func everyIdCharacterRoundTripsThroughTheAuditLog() async throws {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-")
        // Ten characters at a time (packed), then ids that cannot pack: too long, or other characters.
        var ids = stride(from: 0, to: alphabet.count, by: 10).map {
            CustomerID(String(alphabet[$0..<min($0 + 10, alphabet.count)]))
        }
        ids += ["C.1", "C 1", "CÉ1", "C/1", "ABCDEFGHIJK", "@", "[", "`", "{", "~"]
        let log = InMemoryAuditLog()
        let record = AuditRecord(
            at: Instant(millisecondsSinceEpoch: 0),
            principal: .system("test"),
            action: .write,
            customers: ids,
            fields: ["profile"],
            operation: "upsert"
        )
        try await log.record([record])
        #expect(log.allEntries == [record])
        for id in ids {
            let found = try await log.entries(concerning: id, in: record.at...record.at, scope: .everyClient)
            #expect(found == [record], "\(id)")
        }
    }

    @Test func theAuditLogGivesBackEveryEntryAsRecorded() async throws {
        let log = InMemoryAuditLog()
        let rm = Principal.relationshipManager("RM-1", purpose: "review")
        let batch = (0..<3_000).map { CustomerID($0 % 7 == 0 ? "CLIENT-WITH-A-LONG-ID-\($0)" : "C\($0)") }
        let records = [
            AuditRecord(
                at: Instant(millisecondsSinceEpoch: 1_000),
                principal: rm,
                action: .read,
                customers: ["C1"],
                fields: ["profile"],
                operation: "profiles"
            ),
            AuditRecord(
                at: Instant(millisecondsSinceEpoch: 2_000),
                principal: .system("feed"),
                action: .write,
                customers: batch,
                fields: ["transactions"],
                operation: "appendTransactions"
            ),
            AuditRecord(
                at: Instant(millisecondsSinceEpoch: 3_000),
                principal: .auditor("AU-1", purpose: "audit"),
                action: .export,
                customers: [],
                isBankWide: true,
                fields: ["transactions"],
                operation: "exportTransactions"
            ),
            AuditRecord(
                at: Instant(millisecondsSinceEpoch: 4_000),
                principal: rm,
                action: .denied,
                customers: ["", "C2", "C1"],
                fields: [],
                operation: "holdings"
            ),
        ]
        try await log.record(records)
        #expect(log.allEntries == records)
        #expect(log.count == records.count)
        let everything = Instant(millisecondsSinceEpoch: 0)...Instant(millisecondsSinceEpoch: 10_000)
        let aboutC1 = try await log.entries(concerning: "C1", in: everything, scope: .everyClient)
        #expect(aboutC1 == [records[0], records[1], records[2], records[3]])
        let aboutLong = try await log.entries(concerning: batch[7], in: everything, scope: .everyClient)
        #expect(aboutLong == [records[1], records[2]])
        let aboutUnknown = try await log.entries(concerning: "NO-SUCH-CLIENT-EVER", in: everything, scope: .everyClient)
        #expect(aboutUnknown == [records[2]])
        let early = Instant(millisecondsSinceEpoch: 1_500)...Instant(millisecondsSinceEpoch: 3_000)
        #expect(try await log.entries(concerning: nil, in: early, scope: .everyClient) == [records[1], records[2]])
    }
}
