/// How the importer built each golden profile: which source records it merged and why, and which
/// system supplied each field over which others.
///
/// The log holds identifiers, field names, systems, files and lines, never personal values: an
/// auditor can trace every field of every profile to its source without the log becoming a second
/// copy of the data.
///
/// ```swift
/// let entry = plan.mergeLog.entry(for: "core:10001")
/// entry?.choice(for: .mobile)?.source.system   // .mobileApp
/// entry?.choice(for: .mobile)?.overridden      // [core:10001]: core had another number
/// ```
public struct MergeLog: Hashable, Sendable {
    /// Why two source records were taken to be the same client.
    public enum MatchRule: String, Hashable, Sendable, CaseIterable {
        /// Both carry the same host `customerID`.
        case customerID
        /// Both are individuals with the same national ID (after normalisation).
        case nationalID
        /// Both are organisations with the same registration ID (after normalisation).
        case registrationID
        /// At least one has no national (or registration) ID, and both have the same normalised
        /// mobile number, normalised name and birth date.
        case mobileNameAndBirthDate
    }

    /// One source record that went into a golden profile, and where it was read.
    public struct SourceRecord: Hashable, Sendable, CustomStringConvertible {
        /// The record's system and local id.
        public var identity: SourceIdentity
        /// The file it was read from.
        public var file: String
        /// The line it starts on.
        public var line: Int

        /// Creates a reference.
        public init(identity: SourceIdentity, file: String, line: Int) {
            self.identity = identity
            self.file = file
            self.line = line
        }

        /// `core:10001 (customers.csv:2)`.
        public var description: String { "\(identity) (\(file):\(line))" }
    }

    /// One match that joined two groups of records: `record` was matched to `matched` by `rule`.
    public struct Link: Hashable, Sendable, CustomStringConvertible {
        /// The record that joined.
        public var record: SourceIdentity
        /// The record it matched.
        public var matched: SourceIdentity
        /// The rule that matched them.
        public var rule: MatchRule

        /// Creates a link.
        public init(record: SourceIdentity, matched: SourceIdentity, rule: MatchRule) {
            self.record = record
            self.matched = matched
            self.rule = rule
        }

        /// `card:C-77 = core:10001 by nationalID`.
        public var description: String { "\(record) = \(matched) by \(rule.rawValue)" }
    }

    /// Which record supplied a field, and which records offered a different value that lost.
    public struct FieldChoice: Hashable, Sendable, CustomStringConvertible {
        /// The field.
        public var field: ProfileField
        /// The record whose value the profile holds.
        public var source: SourceIdentity
        /// Records of lower precedence that supplied a different value, best first.
        ///
        /// Records that supplied the same value, or none, are not listed.
        public var overridden: [SourceIdentity]

        /// Creates a choice.
        public init(field: ProfileField, source: SourceIdentity, overridden: [SourceIdentity] = []) {
            self.field = field
            self.source = source
            self.overridden = overridden
        }

        /// The system that supplied the value.
        public var system: SourceSystem { source.system }

        /// `mobile from app:U-9 over core:10001`.
        public var description: String {
            overridden.isEmpty
                ? "\(field) from \(source)"
                : "\(field) from \(source) over \(overridden.map(\.description).joined(separator: ", "))"
        }
    }

    /// How one golden profile was built.
    public struct Entry: Hashable, Sendable, CustomStringConvertible {
        /// The golden profile.
        public var customer: CustomerID
        /// Every source record merged into it, most trusted first.
        public var records: [SourceRecord]
        /// The matches that joined the records, in the order they were found; empty for one record.
        public var links: [Link]
        /// The record chosen for each field that some record supplied, in ``ProfileField/allCases`` order.
        public var fields: [FieldChoice]

        /// Creates an entry.
        public init(customer: CustomerID, records: [SourceRecord], links: [Link], fields: [FieldChoice]) {
            self.customer = customer
            self.records = records
            self.links = links
            self.fields = fields
        }

        /// Whether more than one source record went into the profile.
        public var isMerged: Bool { records.count > 1 }

        /// The choice for `field`, or `nil` when no record supplied it.
        public func choice(for field: ProfileField) -> FieldChoice? { fields.first { $0.field == field } }

        /// The fields that had conflicting values.
        public var conflicts: [FieldChoice] { fields.filter { !$0.overridden.isEmpty } }

        /// One line per record, link and conflicting field; no personal values.
        public var description: String {
            var lines = ["\(customer): \(records.count) record\(records.count == 1 ? "" : "s")"]
            lines += records.map { "  record \($0)" }
            lines += links.map { "  match \($0)" }
            lines += conflicts.map { "  field \($0)" }
            return lines.joined(separator: "\n")
        }
    }

    /// One entry per golden profile, sorted by customer id.
    public var entries: [Entry]

    /// Creates a log.
    public init(entries: [Entry]) { self.entries = entries }

    /// The entry of `customer`.
    /// - Complexity: O(log n).
    public func entry(for customer: CustomerID) -> Entry? {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].customer < customer { low = middle + 1 } else { high = middle }
        }
        return low < entries.count && entries[low].customer == customer ? entries[low] : nil
    }

    /// The entry whose profile merged the source record `identity`.
    /// - Complexity: O(n).
    public func entry(containing identity: SourceIdentity) -> Entry? {
        entries.first { $0.records.contains { $0.identity == identity } }
    }

    /// Source customer records that joined a profile another record started (records minus profiles).
    public var mergedRecordCount: Int { entries.reduce(0) { $0 + $1.records.count - 1 } }
}
