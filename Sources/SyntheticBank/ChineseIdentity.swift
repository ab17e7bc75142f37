public import CustomerModel

/// Builders of Chinese identity numbers with correct check characters: the 18-digit resident
/// identity card number and the 18-character unified social credit code of organisations.
public enum ChineseIdentity: Sendable {
    private static let idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let idCheck = Array("10X98765432")

    /// An 18-character resident identity number: the 6-digit region code, the birth date as `YYYYMMDD`, a 3-digit
    /// sequence (odd for men, even for women) and the ISO 7064 MOD 11-2 check character.
    ///
    /// Returns `nil` when `region` is not six digits or the sequence is out of 0...999.
    public static func nationalID(region: String, birthDate: Day, sequence: Int) -> String? {
        guard region.utf8.count == 6, region.allSatisfy(\.isASCIIDigit), (0...999).contains(sequence) else {
            return nil
        }
        let (y, m, d) = birthDate.components
        guard (1000...9999).contains(y) else { return nil }
        let body = region + pad(y, 4) + pad(m, 2) + pad(d, 2) + pad(sequence, 3)
        guard let check = checkCharacter(ofNationalID: body) else { return nil }
        return body + String(check)
    }

    /// The check character of the first 17 digits of an identity number, or `nil` if they are not 17 digits.
    public static func checkCharacter(ofNationalID body: some StringProtocol) -> Character? {
        let digits = body.utf8.prefix(17).map { Int($0) - 48 }
        guard digits.count == 17, digits.allSatisfy({ (0...9).contains($0) }) else { return nil }
        let sum = zip(digits, idWeights).reduce(0) { $0 + $1.0 * $1.1 }
        return idCheck[sum % 11]
    }

    /// Whether `id` is an 18-character identity number with a correct check character and an
    /// existing birth date.
    public static func isValidNationalID(_ id: String) -> Bool {
        guard id.utf8.count == 18, let check = checkCharacter(ofNationalID: id.prefix(17)), id.last == check else {
            return false
        }
        return birthDate(inNationalID: id) != nil
    }

    /// The birth date embedded in an 18-character identity number.
    public static func birthDate(inNationalID id: String) -> Day? {
        let bytes = Array(id.utf8)
        guard bytes.count == 18 else { return nil }
        return try? Day(parsing: String(decoding: bytes[6..<14], as: UTF8.self))
    }

    private static let usccAlphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
    private static let usccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    private static let usccValues: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (value, byte) in usccAlphabet.enumerated() { table[Int(byte)] = Int8(value) }
        return table
    }()

    /// An 18-character unified social credit code (GB 32100-2015): registration authority and type (`91` for an
    /// enterprise), the 6-digit region code, a 9-character organisation code drawn from `serial`, and the check
    /// character.
    ///
    /// Returns `nil` for a region that is not six digits.
    public static func unifiedSocialCreditCode(region: String, serial: UInt64, authority: String = "91") -> String? {
        guard region.utf8.count == 6, region.allSatisfy(\.isASCIIDigit), authority.utf8.count == 2,
            authority.utf8.allSatisfy({ usccValues[Int($0)] >= 0 })
        else { return nil }
        var bytes = Array(authority.utf8) + Array(region.utf8)
        var value = serial
        var organisation = [UInt8](repeating: 0, count: 9)
        for position in stride(from: 8, through: 0, by: -1) {
            organisation[position] = usccAlphabet[Int(value % 31)]
            value /= 31
        }
        bytes.append(contentsOf: organisation)
        guard let check = checkValue(ofSocialCreditCode: bytes) else { return nil }
        bytes.append(usccAlphabet[check])
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The check character of the first 17 characters of a unified social credit code, or
    /// `nil` when they are not 17 characters of its alphabet (digits and upper-case letters
    /// without I, O, S, V and Z).
    public static func checkCharacter(ofSocialCreditCode body: some StringProtocol) -> Character? {
        checkValue(ofSocialCreditCode: Array(body.utf8.prefix(17))).map { Character(Unicode.Scalar(usccAlphabet[$0])) }
    }

    private static func checkValue(ofSocialCreditCode bytes: [UInt8]) -> Int? {
        guard bytes.count >= 17 else { return nil }
        var sum = 0
        for position in 0..<17 {
            let value = Int(usccValues[Int(bytes[position])])
            guard value >= 0 else { return nil }
            sum += value * usccWeights[position]
        }
        return (31 - sum % 31) % 31
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
