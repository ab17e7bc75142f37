extension CustomerProfile {
    /// Checks the profile for values no bank system should hold.
    ///
    /// Checks: a non-empty id and name; corporate attributes only on corporate clients; expert
    /// ratings from 1 to 5 and non-negative counts; non-empty tag names, unique per client;
    /// the coverage branch and RM known to `organisation` when it lists branches and staff.
    /// - Throws: ``ValueError`` naming the field.
    public func validate(in organisation: Organisation = .empty) throws(ValueError) {
        if id.rawValue.isEmpty { throw ValueError(field: "id", "client id is empty") }
        if name.trimmingWhitespace.isEmpty { throw ValueError(field: "name", "name is empty") }
        if kind == .individual, corporate != nil {
            throw ValueError(field: "corporate", "an individual client cannot carry corporate attributes")
        }
        if let corporate {
            let ratings: [(String, Int?)] = [
                ("growthPotential", corporate.growthPotential), ("innovationCapacity", corporate.innovationCapacity),
                ("operatingStability", corporate.operatingStability), ("strategicFit", corporate.strategicFit),
                ("esgRating", corporate.esgRating),
            ]
            for (field, value) in ratings {
                if let value, !(1...5).contains(value) {
                    throw ValueError(field: field, "expert rating must be 1 to 5, not \(value)")
                }
            }
            let counts: [(String, Int?)] = [
                ("industryRank", corporate.industryRank), ("productBreadth", corporate.productBreadth),
                ("yearsOfCooperation", corporate.yearsOfCooperation),
            ]
            for (field, value) in counts {
                if let value, value < 0 { throw ValueError(field: field, "must not be negative") }
            }
        }
        var tagNames = Set<String>()
        for tag in tags {
            if tag.name.isEmpty { throw ValueError(field: "tags", "a tag has an empty name") }
            if !tagNames.insert(tag.name).inserted {
                throw ValueError(field: "tags", "tag '\(tag.name)' appears twice")
            }
        }
        for contact in contacts where contact.value.trimmingWhitespace.isEmpty {
            throw ValueError(field: "contacts", "a \(contact.kind.rawValue) contact is empty")
        }
        if !organisation.branches.isEmpty, organisation.branch(coverage.branch) == nil {
            throw ValueError(field: "coverage.branch", "unknown branch \(coverage.branch)")
        }
        if !organisation.staff.isEmpty, let rm = coverage.relationshipManager, organisation.member(rm) == nil {
            throw ValueError(field: "coverage.relationshipManager", "unknown staff member \(rm)")
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    package var trimmingWhitespace: Substring {
        let text = Substring(self)
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return text[first...last]
    }
}
