public import CustomerModel

/// An individual's life stage, from age, marital status and children's education: the potential
/// dimension's view of what the client will need next (education savings, retirement income).
///
/// ``classify(age:maritalStatus:childStages:position:)`` gives the stage:
/// - ``retired`` at 60 or older, or when the position is retired;
/// - with children: ``youngFamily`` while the youngest is at preschool or primary school,
///   ``establishedFamily`` while one is at secondary school, university or studying abroad,
///   ``emptyNest`` once every child has finished education;
/// - without children: ``youngSingle`` or ``youngCouple`` below 35 (married or not),
///   ``establishedSingle`` or ``establishedCouple`` from 35.
public enum LifeStage: String, Hashable, Sendable, CaseIterable {
    /// Under 35, not married, no children.
    case youngSingle
    /// Under 35, married, no children.
    case youngCouple
    /// Children at preschool or primary school.
    case youngFamily
    /// Children at secondary school, university or studying abroad.
    case establishedFamily
    /// 35 or older, not married, no children.
    case establishedSingle
    /// 35 or older, married, no children.
    case establishedCouple
    /// Every child has finished education.
    case emptyNest
    /// 60 or older, or retired.
    case retired

    /// The stage of a client, or `nil` when neither the age nor any child's stage is known.
    /// - Parameters:
    ///   - age: Age in whole years, if the birth date is known.
    ///   - maritalStatus: Marital status, if known.
    ///   - childStages: Each child's education stage (known or derived from the child's age).
    ///   - position: The client's position (a retired position means retired).
    /// - Returns: The life stage, or `nil` when the facts given do not tell.
    public static func classify(
        age: Int?,
        maritalStatus: MaritalStatus?,
        childStages: [EducationStage],
        position: Position?
    ) -> LifeStage? {
        if position == .retired || (age ?? 0) >= 60 { return .retired }
        if !childStages.isEmpty {
            if childStages.contains(where: { $0 == .preschool || $0 == .primary }) { return .youngFamily }
            if childStages.contains(where: { $0 == .secondary || $0 == .university || $0 == .overseasStudy }) {
                return .establishedFamily
            }
            return .emptyNest
        }
        guard let age else { return nil }
        let married = maritalStatus == .married
        if age < 35 { return married ? .youngCouple : .youngSingle }
        return married ? .establishedCouple : .establishedSingle
    }

    /// The education stage of a child of `age` when none is recorded: preschool below 6, primary
    /// below 12, secondary below 18, university below 22, graduated after.
    public static func educationStage(ofChildAged age: Int) -> EducationStage {
        switch age {
        case ..<6: .preschool
        case ..<12: .primary
        case ..<18: .secondary
        case ..<22: .university
        default: .graduated
        }
    }
}
