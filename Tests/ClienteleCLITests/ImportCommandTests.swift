import Testing

@testable import clientele

/// `clientele import` on small host files.
@Suite struct ImportCommandTests {
    @Test func goodFilesAreLoadedAndTheMergeReported() async throws {
        let scratch = try Scratch()
        let export = try HostExport(scratch)
        let run = await clientele(["import"] + export.arguments)
        #expect(run.status == .success, "\(run.output)\(run.errors)")
        #expect(run.errors.isEmpty)
        #expect(
            run.lines.contains("read: customers 4, accounts 3, holdings 3, transactions 7, interactions 2"),
            "\(run.output)"
        )
        #expect(
            run.output.contains("golden profiles: 3 (1 source records merged; 3 created, 0 updated, 0 unchanged)"),
            "\(run.output)"
        )
        #expect(
            run.output.contains(
                "written: accounts 3, holdings 3, transactions 7 (+0 already stored), interactions 2 (+0 already stored)"
            ),
            "\(run.output)"
        )
    }

    @Test func oneBadRowRejectsTheImportNamingFileLineAndField() async throws {
        let scratch = try Scratch()
        var rows = HostExport.coreTransactionRows
        rows[2] = "T-3,10002,A-2,2026-03-12,11:00,transferIn,inflow,500000.125,CNY,online,"
        let export = try HostExport(scratch, transactionRows: rows)
        let run = await clientele(["import"] + export.arguments)
        #expect(run.status == .failure)
        #expect(run.lines.first == "Rejected: 1 problem(s); nothing was stored.", "\(run.output)")
        // The header is line 1, so the third row is line 4.
        #expect(
            run.lines.contains("  core-transactions.csv:4: field amount: the amount has more than two decimal places"),
            "\(run.output)"
        )
        // Nothing half-imported: no report of anything read, merged or written.
        #expect(!run.output.contains("golden profiles"))
        #expect(!run.output.contains("written:"))
    }

    @Test func everyBadRowIsListed() async throws {
        let scratch = try Scratch()
        var rows = HostExport.coreTransactionRows
        rows[0] = "T-1,10001,A-1,2026-02-30,10:00,deposit,inflow,50000,CNY,branch,"
        rows[4] = "T-5,10003,A-3,2026-01-10,12:00,cardSwipe,outflow,300,CNY,pos,groceries"
        let export = try HostExport(scratch, transactionRows: rows)
        let run = await clientele(["import"] + export.arguments)
        #expect(run.status == .failure)
        #expect(run.lines.first == "Rejected: 2 problem(s); nothing was stored.", "\(run.output)")
        #expect(run.output.contains("core-transactions.csv:2: field day:"))
        #expect(run.output.contains("core-transactions.csv:6: field type:"))
    }

    @Test func theSystemOptionNamesTheSourceOfBarePaths() async throws {
        let scratch = try Scratch()
        let customers = try scratch.write(
            "customers.csv",
            ["id,name,branch", "77,Chen Jie,BR-SH"]
        )
        let holdings = try scratch.write(
            "holdings.csv",
            ["id,customer,product,productCode,balance,currency,openedOn", "H-9,77,fund,FD-1,1000,CNY,2025-01-01"]
        )
        let run = await clientele("import", "--system", "wealth", customers, holdings)
        #expect(run.status == .success, "\(run.output)\(run.errors)")
        #expect(run.output.contains("golden profiles: 1"))
        // A holding naming a client the import does not hold.
        let orphan = try scratch.write(
            "more-holdings.csv",
            ["id,customer,product,productCode,balance,currency,openedOn", "H-10,78,fund,FD-1,1000,CNY,2025-01-01"]
        )
        let rejected = await clientele("import", "--system", "wealth", customers, orphan)
        #expect(rejected.status == .failure)
        #expect(
            rejected.output.contains(
                "more-holdings.csv:2: field customer: no customers file of this import holds customer '78' of system wealth"
            ),
            "\(rejected.output)"
        )
    }
}
