/// The normalised forms identity resolution compares.
///
/// - National and registration IDs: spaces and hyphens removed, letters upper-cased (a Chinese ID
///   may end in `x` or `X`).
/// - Mobile numbers: digits only; a leading `00` international prefix is dropped, then a leading
///   `86` country code when what is left is a 13-digit Chinese number. Fewer than 7 digits is no
///   number at all.
/// - Names: lower-cased, with whitespace and punctuation removed (`Wang  Fang`, `WANG FANG` and
///   `Wang-Fang` are one name; `·` in transliterated names is punctuation too).
enum MatchKeys {
    static func identityNumber(_ text: String?) -> String? {
        guard let text else { return nil }
        let cleaned = String(text.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "-" }).uppercased()
        return cleaned.isEmpty ? nil : cleaned
    }

    static func mobile(_ text: String?) -> String? {
        guard let text else { return nil }
        var digits = String(text.unicodeScalars.filter { $0.value >= 48 && $0.value <= 57 })
        if digits.hasPrefix("00") { digits.removeFirst(2) }
        if digits.count == 13, digits.hasPrefix("86") { digits.removeFirst(2) }
        return digits.count >= 7 ? digits : nil
    }

    static func name(_ text: String?) -> String? {
        guard let text else { return nil }
        let kept = text.lowercased().filter { !$0.isWhitespace && !$0.isPunctuation }
        return kept.isEmpty ? nil : kept
    }

    /// The identity key: national ID for individuals, registration ID for organisations.
    static func identity(of record: SourceCustomer) -> String? {
        switch record.effectiveKind {
        case .individual: identityNumber(record.nationalID).map { "individual:" + $0 }
        case .corporate: identityNumber(record.registrationID).map { "corporate:" + $0 }
        }
    }

    /// The contact key: kind, mobile, name and birth date, when all are known.
    static func contact(of record: SourceCustomer) -> String? {
        guard let mobile = mobile(record.mobile), let name = name(record.name), let birth = record.birthDate else {
            return nil
        }
        return "\(record.effectiveKind.rawValue)|\(mobile)|\(name)|\(birth.number)"
    }
}
