/// A child of an individual client, kept on the profile for life-stage scoring
/// (education needs drive savings and insurance).
public struct Child: Hashable, Sendable, Codable {
    /// The child's name.
    ///
    /// Personal data.
    public var name: String?
    /// The child's birth date.
    public var birthDate: Day?
    /// Where the child is in education.
    public var educationStage: EducationStage?

    /// Creates a child record.
    public init(name: String? = nil, birthDate: Day? = nil, educationStage: EducationStage? = nil) {
        self.name = name
        self.birthDate = birthDate
        self.educationStage = educationStage
    }
}
