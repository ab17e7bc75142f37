import CustomerModel

extension BankBuilder {
    /// Head office, branches in cities, sub-branches in districts, and their staff: a head for
    /// every node, RMs in sub-branches, senior and executive RMs and an expert in every branch,
    /// executive RMs and experts at head office.
    mutating func makeOrganisation() {
        let c = configuration
        let headOffice = BranchID("HO")
        let headOfficeHead = StaffID("BH-HO")
        branches.append(
            Branch(id: headOffice, name: script == .hanzi ? "总行" : "Head Office", parent: nil, head: headOfficeHead)
        )
        addStaff(headOfficeHead, at: headOffice, level: .branchHead)
        for number in 1...3 {
            addStaff(StaffID("EP-HO-\(number)"), at: headOffice, level: .expert)
        }
        for number in 1...2 {
            addStaff(StaffID("XR-HO-\(number)"), at: headOffice, level: .executive)
        }
        var seniorCounter = 0
        var executiveCounter = 0
        for b in 0..<c.branches {
            let city = b % NameTables.cities.count
            let round = b / NameTables.cities.count
            let cityName = NameTables.cities[city].name
            let code = "BR" + ChineseIdentity.pad(b + 1, 2)
            let id = BranchID(code)
            let head = StaffID("BH-\(code)")
            let suffix = round == 0 ? "" : (script == .hanzi ? "第\(round + 1)" : " \(round + 1)")
            let name = script == .hanzi ? "\(cityName.hanzi)\(suffix)分行" : "\(cityName.latin) Branch\(suffix)"
            branches.append(Branch(id: id, name: name, parent: headOffice, head: head))
            addStaff(head, at: id, level: .branchHead)
            var seniors: [StaffID] = []
            for _ in 0..<c.seniorRelationshipManagersPerBranch {
                seniorCounter += 1
                let staffID = StaffID("SR-" + ChineseIdentity.pad(seniorCounter, 3))
                addStaff(staffID, at: id, level: .senior)
                seniors.append(staffID)
            }
            var executives: [StaffID] = []
            for _ in 0..<c.executiveRelationshipManagersPerBranch {
                executiveCounter += 1
                let staffID = StaffID("XR-" + ChineseIdentity.pad(executiveCounter, 3))
                addStaff(staffID, at: id, level: .executive)
                executives.append(staffID)
            }
            let expert = StaffID("EP-\(code)")
            addStaff(expert, at: id, level: .expert)
            var subs: [SubBranch] = []
            let districts = NameTables.cities[city].districts
            for s in 0..<c.subBranchesPerBranch {
                let district = s % districts.count
                let subCode = "\(code)-" + ChineseIdentity.pad(s + 1, 2)
                let subID = BranchID(subCode)
                let subHead = StaffID("BH-\(subCode)")
                let districtName = districts[district].0
                let again = s / districts.count
                let subSuffix = again == 0 ? "" : (script == .hanzi ? "第\(again + 1)" : " \(again + 1)")
                let subName =
                    script == .hanzi
                    ? "\(cityName.hanzi)\(districtName.hanzi)\(subSuffix)支行"
                    : "\(cityName.latin) \(districtName.latin) Sub-branch\(subSuffix)"
                branches.append(Branch(id: subID, name: subName, parent: id, head: subHead))
                addStaff(subHead, at: subID, level: .branchHead)
                var rms: [StaffID] = []
                for _ in 0..<c.relationshipManagersPerSubBranch {
                    rmCounter += 1
                    let rm = StaffID("RM-" + ChineseIdentity.pad(rmCounter, 4))
                    addStaff(rm, at: subID, level: .relationshipManager)
                    rms.append(rm)
                }
                subs.append(SubBranch(id: subID, rms: rms, district: district))
            }
            units.append(
                BranchUnit(
                    id: id,
                    city: city,
                    subBranches: subs,
                    seniors: seniors,
                    executives: executives,
                    expert: expert
                )
            )
        }
    }

    private mutating func addStaff(_ id: StaffID, at branch: BranchID, level: StaffMember.Level) {
        let age = 25 + rng.nextInt(below: 30)
        let person = makePerson(birthDate: end.adding(days: -(age * 365 + rng.nextInt(below: 365))))
        staff.append(StaffMember(id: id, name: person.name(script), branch: branch, level: level))
    }

    /// Chooses the booking branch and RM of a client by its tier (0 executive, 1 senior, 2
    /// sub-branch RM) inside branch unit `unit`, sub-branch `sub`.
    func coverage(unit: Int, sub: Int, tier: UInt8, pick: Int) -> (BranchID, StaffID, [StaffID]) {
        let branch = units[unit]
        switch tier {
        case 0:
            let rm = branch.executives[pick % branch.executives.count]
            return (branch.id, rm, [branch.expert])
        case 1:
            return (branch.id, branch.seniors[pick % branch.seniors.count], [])
        default:
            let subBranch = branch.subBranches[sub % branch.subBranches.count]
            return (subBranch.id, subBranch.rms[pick % subBranch.rms.count], [])
        }
    }
}
