/// Whether a client is a person or an organisation.
public enum CustomerKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// A natural person (a VIP or high-net-worth individual).
    case individual
    /// An enterprise or institution.
    case corporate
}

/// Marital status of an individual client.
public enum MaritalStatus: String, Hashable, Sendable, Codable, CaseIterable {
    /// Never married.
    case single
    /// Married.
    case married
    /// Divorced.
    case divorced
    /// Widowed.
    case widowed
}

/// The education stage of a client's child, a driver of life-stage needs.
public enum EducationStage: String, Hashable, Sendable, Codable, CaseIterable {
    /// Not yet at school.
    case preschool
    /// Primary school.
    case primary
    /// Secondary school.
    case secondary
    /// University or college.
    case university
    /// Studying abroad.
    case overseasStudy
    /// Finished education.
    case graduated
}

/// A client's position in their organisation.
public enum Position: String, Hashable, Sendable, Codable, CaseIterable {
    /// Founder or owner.
    case founder
    /// Executive (C-level, general manager).
    case executive
    /// Senior manager.
    case seniorManager
    /// Professional (doctor, lawyer, engineer).
    case professional
    /// Employee.
    case employee
    /// Retired.
    case retired
    /// Other or unknown.
    case other
}

/// The investment risk appetite from the client's suitability assessment, lowest to highest.
public enum RiskAppetite: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// Conservative (C1).
    case conservative
    /// Steady (C2).
    case steady
    /// Balanced (C3).
    case balanced
    /// Growth (C4).
    case growth
    /// Aggressive (C5).
    case aggressive

    /// The rank from 1 (conservative) to 5 (aggressive).
    public var rank: Int { Self.allCases.firstIndex(of: self).map { $0 + 1 } ?? 0 }

    /// Orders appetites from conservative to aggressive.
    public static func < (lhs: RiskAppetite, rhs: RiskAppetite) -> Bool { lhs.rank < rhs.rank }
}

/// State of know-your-customer due diligence.
public enum KYCState: String, Hashable, Sendable, Codable, CaseIterable {
    /// Verified and current.
    case verified
    /// Due for periodic review.
    case reviewDue
    /// Verification pending.
    case pending
    /// Expired: the client must be re-verified before new business.
    case expired
    /// Under enhanced due diligence.
    case enhancedDueDiligence
}

/// Lifecycle stage of a corporate client.
public enum LifecycleStage: String, Hashable, Sendable, Codable, CaseIterable {
    /// Start-up.
    case startUp
    /// Growth.
    case growth
    /// Mature.
    case mature
    /// Transformation.
    case transformation
}

/// Ownership type of a corporate client.
public enum OwnershipType: String, Hashable, Sendable, Codable, CaseIterable {
    /// State-owned enterprise.
    case stateOwned
    /// Private enterprise.
    case privatelyOwned
    /// Foreign-invested enterprise.
    case foreignInvested
    /// Listed company.
    case listed
    /// Public institution.
    case institution
    /// Other.
    case other
}
