public import Foundation

/// An arbitrary-precision decimal as Avro stores it: an unscaled two's-complement big-endian integer and a scale,
/// so that the value is `unscaled × 10^-scale`.
///
/// Unlike `Foundation.Decimal` it has no 38-digit limit, so every decimal an Avro schema allows survives a round
/// trip; convert with ``init(_:scale:)`` and ``decimalValue`` where `Foundation.Decimal` is wanted.
public struct AvroDecimal: Sendable, Hashable, CustomStringConvertible {
    /// The unscaled integer: two's complement, big-endian, in as few bytes as hold its sign.
    public private(set) var unscaled: [UInt8]
    /// The number of digits after the decimal point.
    public let scale: Int

    /// Creates a decimal from its unscaled two's-complement bytes; no bytes means zero.
    ///
    /// - Parameters:
    ///   - unscaled: The unscaled integer, two's complement, big-endian.
    ///   - scale: The number of digits after the decimal point.
    public init(unscaled: [UInt8], scale: Int) {
        self.unscaled = DecimalArithmetic.minimal(unscaled)
        self.scale = scale
    }

    /// Creates a decimal from an unscaled 64-bit integer.
    ///
    /// - Parameters:
    ///   - unscaledValue: The unscaled integer.
    ///   - scale: The number of digits after the decimal point.
    public init(unscaledValue: Int64, scale: Int) {
        let bytes = (0..<8).map { UInt8(truncatingIfNeeded: unscaledValue >> (8 * (7 - $0))) }
        self.init(unscaled: bytes, scale: scale)
    }

    /// Parses plain decimal text such as `-123.45` or `7`; the scale is the number of digits after the point.
    /// Returns `nil` for anything else (exponents, spaces, empty input).
    ///
    /// - Parameter text: The decimal text.
    public init?(_ text: String) {
        var digits: [UInt8] = []
        var scale = 0
        var seenPoint = false
        var isNegative = false
        for (position, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where position == 0:
                isNegative = true
            case UInt8(ascii: "+") where position == 0:
                continue
            case UInt8(ascii: ".") where !seenPoint:
                seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits.append(byte - UInt8(ascii: "0"))
                if seenPoint { scale += 1 }
            default:
                return nil
            }
        }
        guard !digits.isEmpty else { return nil }
        let magnitude = DecimalArithmetic.magnitude(fromDigits: digits)
        self.init(unscaled: DecimalArithmetic.twosComplement(magnitude: magnitude, negative: isNegative), scale: scale)
    }

    /// Converts a `Foundation.Decimal`, rounding half-up to `scale` digits after the point.
    ///
    /// - Parameters:
    ///   - value: The decimal to convert.
    ///   - scale: The number of digits after the decimal point to keep.
    /// - Returns: `nil` when `value` is NaN.
    public init?(_ value: Foundation.Decimal, scale: Int) {
        guard !value.isNaN, scale >= 0 else { return nil }
        var input = value
        var rounded = Foundation.Decimal()
        NSDecimalRound(&rounded, &input, scale, .plain)
        var shifted = Foundation.Decimal()
        guard NSDecimalMultiplyByPowerOf10(&shifted, &rounded, Int16(clamping: scale), .plain) == .noError else {
            return nil
        }
        // An integral Decimal prints all of its digits without an exponent.
        guard let integer = AvroDecimal(shifted.description), integer.scale == 0 else { return nil }
        self.init(unscaled: integer.unscaled, scale: scale)
    }

    /// Whether the value is negative.
    public var isNegative: Bool {
        (unscaled.first ?? 0) & 0x80 != 0
    }

    /// The value as plain decimal text, for example `-123.45`.
    public var description: String {
        var digits = DecimalArithmetic.decimalDigits(of: magnitude)
        if scale > 0 {
            if digits.count <= scale {
                digits = String(repeating: "0", count: scale - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        } else if scale < 0, digits != "0" {
            digits += String(repeating: "0", count: -scale)
        }
        return (isNegative ? "-" : "") + digits
    }

    /// The value as a `Foundation.Decimal`; `nil` when it needs more than the 38 digits that type holds.
    public var decimalValue: Foundation.Decimal? {
        guard digitCount <= 38 else { return nil }
        return Foundation.Decimal(string: description, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// The number of significant decimal digits of the unscaled value (1 for zero).
    var digitCount: Int {
        DecimalArithmetic.decimalDigits(of: magnitude).count
    }

    /// The absolute value of the unscaled integer, big-endian, without leading zero bytes.
    var magnitude: [UInt8] {
        DecimalArithmetic.magnitude(ofTwosComplement: unscaled)
    }

    /// The same number with `newScale` digits after the point; `nil` when that would drop non-zero digits.
    func rescaled(to newScale: Int) -> AvroDecimal? {
        if newScale == scale { return self }
        var magnitude = self.magnitude
        if newScale > scale {
            for _ in scale..<newScale {
                magnitude = DecimalArithmetic.multiply(magnitude, by: 10, adding: 0)
            }
        } else {
            for _ in newScale..<scale {
                let (quotient, remainder) = DecimalArithmetic.divide(magnitude, by: 10)
                guard remainder == 0 else { return nil }
                magnitude = quotient
            }
        }
        return AvroDecimal(unscaled: DecimalArithmetic.twosComplement(magnitude: magnitude, negative: isNegative), scale: newScale)
    }

    /// The unscaled integer sign-extended to exactly `size` bytes, or `nil` when it needs more.
    func fixedBytes(size: Int) -> [UInt8]? {
        guard unscaled.count <= size else { return nil }
        let fill: UInt8 = isNegative ? 0xFF : 0x00
        return [UInt8](repeating: fill, count: size - unscaled.count) + unscaled
    }
}

/// Unsigned big-endian byte arithmetic for decimals; lengths here are a few dozen bytes, so the quadratic
/// schoolbook methods are the simple and fast choice.
enum DecimalArithmetic {
    /// Drops sign-redundant leading bytes of a two's-complement number; zero stays one byte.
    static func minimal(_ bytes: [UInt8]) -> [UInt8] {
        guard !bytes.isEmpty else { return [0] }
        var start = 0
        while start + 1 < bytes.count {
            let byte = bytes[start]
            let nextHighBit = bytes[start + 1] & 0x80
            if (byte == 0x00 && nextHighBit == 0) || (byte == 0xFF && nextHighBit != 0) {
                start += 1
            } else {
                break
            }
        }
        return start == 0 ? bytes : Array(bytes[start...])
    }

    static func magnitude(ofTwosComplement bytes: [UInt8]) -> [UInt8] {
        guard let first = bytes.first, first & 0x80 != 0 else { return stripZeros(bytes) }
        return stripZeros(negate(bytes))
    }

    static func twosComplement(magnitude: [UInt8], negative: Bool) -> [UInt8] {
        let widened = [0] + magnitude
        return minimal(negative ? negate(widened) : widened)
    }

    static func magnitude(fromDigits digits: [UInt8]) -> [UInt8] {
        var result: [UInt8] = [0]
        for digit in digits {
            result = multiply(result, by: 10, adding: UInt32(digit))
        }
        return stripZeros(result)
    }

    static func decimalDigits(of magnitude: [UInt8]) -> String {
        var remaining = stripZeros(magnitude)
        if remaining == [0] { return "0" }
        var chunks: [UInt32] = []
        while remaining != [0] {
            let (quotient, remainder) = divide(remaining, by: 1_000_000_000)
            chunks.append(remainder)
            remaining = quotient
        }
        var text = String(chunks.removeLast())
        for chunk in chunks.reversed() {
            let part = String(chunk)
            text += String(repeating: "0", count: 9 - part.count) + part
        }
        return text
    }

    static func multiply(_ bytes: [UInt8], by factor: UInt32, adding addend: UInt32) -> [UInt8] {
        var result = bytes
        var carry = UInt64(addend)
        for index in result.indices.reversed() {
            let product = UInt64(result[index]) * UInt64(factor) + carry
            result[index] = UInt8(truncatingIfNeeded: product)
            carry = product >> 8
        }
        while carry > 0 {
            result.insert(UInt8(truncatingIfNeeded: carry), at: 0)
            carry >>= 8
        }
        return result
    }

    static func divide(_ bytes: [UInt8], by divisor: UInt32) -> (quotient: [UInt8], remainder: UInt32) {
        var quotient = [UInt8](repeating: 0, count: bytes.count)
        var remainder: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            let current = remainder << 8 | UInt64(byte)
            quotient[index] = UInt8(current / UInt64(divisor))
            remainder = current % UInt64(divisor)
        }
        return (stripZeros(quotient), UInt32(remainder))
    }

    private static func negate(_ bytes: [UInt8]) -> [UInt8] {
        var result = bytes.map { ~$0 }
        for index in result.indices.reversed() {
            let (sum, overflow) = result[index].addingReportingOverflow(1)
            result[index] = sum
            if !overflow { break }
        }
        return result
    }

    private static func stripZeros(_ bytes: [UInt8]) -> [UInt8] {
        guard let first = bytes.firstIndex(where: { $0 != 0 }) else { return [0] }
        return Array(bytes[first...])
    }
}

extension AvroDecimal: Codable {
    /// Decodes plain decimal text such as `"-123.45"`; ``AvroDecoder`` reads Avro decimals directly instead.
    ///
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: `DecodingError.dataCorrupted` when the text is not a plain decimal number.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = AvroDecimal(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not a plain decimal number")
        }
        self = value
    }

    /// Encodes the value as plain decimal text; ``AvroEncoder`` writes Avro decimals directly instead.
    ///
    /// - Parameter encoder: The encoder to write to.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
