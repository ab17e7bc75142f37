/// A label on a client ("high net worth", "frequent flyer", "dormant warning"), with where it
/// came from, when it was set and when it lapses.
///
/// Banks keep hundreds of tags per client; some are computed by rules, some set by RMs. Every
/// tag says its ``source`` so a reader can tell a rule's conclusion from a person's judgement.
public struct Tag: Hashable, Sendable, Codable {
    /// The tag's family.
    public enum Category: String, Hashable, Sendable, Codable, CaseIterable {
        /// Natural attributes (age band, life stage).
        case natural
        /// Assets and holdings (AUM band, product mix).
        case asset
        /// Behaviour (channel use, spending habits).
        case behaviour
        /// Risk preference.
        case riskPreference
        /// Social (influence, networks).
        case social
        /// Service state (dormant warning, under complaint).
        case service
        /// Anything else.
        case other
    }

    /// Who or what set a tag.
    public enum Source: Hashable, Sendable, Codable, CustomStringConvertible {
        /// Computed by the named rule.
        case rule(String)
        /// Set by a member of staff.
        case staff(StaffID)
        /// Supplied by a source system on import.
        case system(SourceSystem)

        /// `rule:NAME`, `staff:ID` or `system:NAME`.
        public var description: String {
            switch self {
            case .rule(let name): "rule:\(name)"
            case .staff(let id): "staff:\(id)"
            case .system(let system): "system:\(system)"
            }
        }
    }

    /// The label, unique per client (`dormant-warning`, `frequent-flyer`).
    public var name: String
    /// The tag's family.
    public var category: Category
    /// Who or what set it.
    public var source: Source
    /// When it was set.
    public var setAt: Instant
    /// The last day it holds; `nil` when it does not lapse.
    public var expiresOn: Day?

    /// Creates a tag.
    public init(name: String, category: Category = .other, source: Source, setAt: Instant, expiresOn: Day? = nil) {
        self.name = name
        self.category = category
        self.source = source
        self.setAt = setAt
        self.expiresOn = expiresOn
    }

    /// Whether the tag still holds on `day`.
    public func isActive(on day: Day) -> Bool { expiresOn.map { day <= $0 } ?? true }
}
