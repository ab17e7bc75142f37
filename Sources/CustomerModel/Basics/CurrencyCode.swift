/// An ISO 4217 currency code such as `CNY`, `USD` or `HKD`, packed into four bytes.
///
/// The code is three upper-case ASCII letters. Packing keeps ``Money`` small and lets columnar
/// stores keep a currency per row cheaply.
///
/// ```swift
/// let cny = CurrencyCode.cny
/// let usd = try CurrencyCode(parsing: "USD")
/// ```
public struct CurrencyCode: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// The three letters packed little-endian, first letter in the low byte.
    public let packed: UInt32

    /// Creates a code from three upper-case ASCII letters, or returns `nil` for anything else.
    public init?(_ text: some StringProtocol) {
        var value: UInt32 = 0
        var count = 0
        for byte in text.utf8 {
            guard count < 3, byte >= 65, byte <= 90 else { return nil }
            value |= UInt32(byte) << (8 * UInt32(count))
            count += 1
        }
        guard count == 3 else { return nil }
        packed = value
    }

    /// Creates a code from text, throwing ``ValueError`` when it is not three upper-case letters.
    public init(parsing text: some StringProtocol) throws(ValueError) {
        guard let code = CurrencyCode(text) else {
            throw ValueError(field: "currency", "'\(text)' is not an ISO 4217 code (three upper-case letters)")
        }
        self = code
    }

    /// The three letters.
    public var description: String {
        let bytes = [UInt8(packed & 0xFF), UInt8((packed >> 8) & 0xFF), UInt8((packed >> 16) & 0xFF)]
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Orders codes alphabetically.
    public static func < (lhs: CurrencyCode, rhs: CurrencyCode) -> Bool { lhs.description < rhs.description }

    /// Decodes the three-letter string form.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = CurrencyCode(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not an ISO 4217 code")
            )
        }
        self = code
    }

    /// Encodes the three-letter string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Creates a code from its packed form as returned by ``packed``; `nil` if it is not three letters.
    public init?(packed: UInt32) {
        let letters = [packed & 0xFF, (packed >> 8) & 0xFF, (packed >> 16) & 0xFF]
        guard packed >> 24 == 0, letters.allSatisfy({ $0 >= 65 && $0 <= 90 }) else { return nil }
        self.packed = packed
    }

    private init(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ c: Unicode.Scalar) {
        packed = a.value | b.value << 8 | c.value << 16
    }

    /// Chinese yuan renminbi.
    public static let cny = CurrencyCode("C", "N", "Y")
    /// US dollar.
    public static let usd = CurrencyCode("U", "S", "D")
    /// Hong Kong dollar.
    public static let hkd = CurrencyCode("H", "K", "D")
    /// Euro.
    public static let eur = CurrencyCode("E", "U", "R")
}
