/// What a tier's clients get: the grade of their relationship manager, the expert team beside
/// them, how often they are reviewed and contacted, and their priority for scarce resources.
///
/// ```swift
/// let core = ServiceModel(rmGrade: "executive", expertTeam: ["credit", "investment banking"],
///                         reviewCadence: .quarterly, contactEveryDays: 14, resourcePriority: 1)
/// ```
public struct ServiceModel: Hashable, Sendable, Codable {
    /// The grade of relationship manager the tier is served by (`executive`, `senior`, `dedicated`).
    public var rmGrade: String
    /// The expert teams serving beside the RM (product experts, industry experts).
    public var expertTeam: [String]
    /// How often the tier's clients are reviewed.
    public var reviewCadence: ReviewCadence
    /// The longest gap between two contacts with the client, in days.
    public var contactEveryDays: Int
    /// The tier's priority for scarce resources: 1 is served first.
    public var resourcePriority: Int

    /// Creates a service model.
    /// - Parameters:
    ///   - rmGrade: the grade of relationship manager.
    ///   - expertTeam: the expert teams beside the RM.
    ///   - reviewCadence: how often clients of the tier are reviewed (yearly unless told).
    ///   - contactEveryDays: the longest gap between two contacts, in days.
    ///   - resourcePriority: 1 is served first.
    public init(
        rmGrade: String,
        expertTeam: [String] = [],
        reviewCadence: ReviewCadence = .yearly,
        contactEveryDays: Int = 90,
        resourcePriority: Int = 99
    ) {
        self.rmGrade = rmGrade
        self.expertTeam = expertTeam
        self.reviewCadence = reviewCadence
        self.contactEveryDays = contactEveryDays
        self.resourcePriority = resourcePriority
    }
}
