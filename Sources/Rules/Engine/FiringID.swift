public import CustomerModel

/// The deterministic identity of a rule firing: the same rule, version, client and occasion give
/// the same id in every run, process and machine, so whatever a firing causes downstream (a
/// message, a task) can be made idempotent with it.
///
/// **How it is built.** 32 lower-case hexadecimal digits of the 128-bit FNV-1a digest of these
/// fields, each framed by its UTF-8 byte count as a 64-bit little-endian integer: the text
/// `clientele.firing.v1`, the rule's name, its version in decimal, the client id, then the
/// occasion's kind (`day`, `date`, `event`), day (`2026-06-01`, empty for events), label (the
/// event's kind, empty otherwise) and key (the event's id, the dated thing, empty for a day; see
/// ``FiringOccasion``). No `Hasher` is involved (it is seeded per process).
///
/// **Version.** The version is the one written in the rule (`version 3`; 1 when not written).
/// Editing a rule's text without raising its version keeps its ids, so a rerun of the same day
/// after a typo fix sends nothing twice; raise the version when a changed rule should be treated
/// as new.
public struct FiringID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The 32 hexadecimal digits.
    public let rawValue: String

    /// Wraps an id read back from storage.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The id of a firing of version `version` of the rule named `rule` for `client` on `occasion`.
    public init(rule: String, version: Int, client: CustomerID, occasion: FiringOccasion) {
        var hash = StableHash()
        hash.add("clientele.firing.v1")
        hash.add(rule)
        hash.add(String(version))
        hash.add(client.rawValue)
        hash.add(occasion.kind.name)
        hash.add(occasion.day?.description ?? "")
        hash.add(occasion.label)
        hash.add(occasion.key)
        rawValue = hash.hex
    }

    /// Orders ids by their text.
    public static func < (lhs: FiringID, rhs: FiringID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The hexadecimal digits.
    public var description: String { rawValue }

    /// Decodes the id from a string.
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }

    /// Encodes the id as a string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// What a firing answered: a day's run of a schedule, date or streak trigger, or one event.
///
/// Two firings of one rule for one client never share an occasion, so the occasion completes
/// the ``FiringID``.
///
/// - Schedules and streaks: the trigger day (`day`).
/// - Date triggers: the trigger day and what the date belongs to (`date`: the anchor and the
///   holding id, or the anchor, relation, date and person), so a client's two maturities on one
///   day are two occasions. The person's details are hashed into the id, never shown by
///   ``description``.
/// - Events: the event's kind and id (`event`: `transaction T-1`, `complaint I-1`); changes
///   that carry no id (profile, tier and score changes) use their instant in milliseconds.
///
/// Building an occasion copies no text for events (the kind is a literal, the id shared), and
/// the ``FiringID`` is computed only when read.
public struct FiringOccasion: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The class of occasion.
    ///
    /// New classes may be added; compare with the static members.
    public struct Kind: Hashable, Sendable, Codable, CustomStringConvertible {
        /// The kind's name, as hashed into the id.
        public let name: String
        private init(_ name: String) { self.name = name }
        /// A day's run of a schedule or streak trigger.
        public static let day = Kind("day")
        /// A day's run of a date trigger, for one dated thing.
        public static let date = Kind("date")
        /// An event.
        public static let event = Kind("event")
        /// The kind's name.
        public var description: String { name }

        /// Decodes a kind from its name.
        public init(from decoder: any Decoder) throws { name = try decoder.singleValueContainer().decode(String.self) }

        /// Encodes the kind as its name.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(name)
        }
    }

    /// The class of occasion.
    public let kind: Kind
    /// The trigger day, for day and date occasions.
    public let day: Day?
    /// The event's kind (`transaction`, `complaint` ...); empty for day and date occasions.
    let label: String
    /// The event's id, or the dated thing; empty for a day occasion.
    let key: String

    private init(kind: Kind, day: Day?, label: String, key: String) {
        self.kind = kind
        self.day = day
        self.label = label
        self.key = key
    }

    /// A day's run of a schedule or streak trigger.
    public static func day(_ day: Day) -> FiringOccasion { FiringOccasion(kind: .day, day: day, label: "", key: "") }

    /// A day's run of a date trigger for one dated thing (a holding's id, an anchor and person).
    public static func date(_ day: Day, subject: String) -> FiringOccasion {
        FiringOccasion(kind: .date, day: day, label: "", key: subject)
    }

    /// An event of a kind (`transaction`, `complaint` ...) with its id.
    public static func event(_ kind: String, id: String) -> FiringOccasion {
        FiringOccasion(kind: .event, day: nil, label: kind, key: id)
    }

    /// `day 2026-06-01`, `date 2026-06-01`, `event transaction T-1`.
    public var description: String {
        switch kind {
        case .event: "event \(label) \(key)"
        default: "\(kind) \(day.map(\.description) ?? "")"
        }
    }
}
