import Foundation

/// A `Decoder` over a decoded ``AvroValue``. Values carry their Avro kind (a `.timestampMillis`, an `.enumSymbol`),
/// so the Swift type asked for decides the conversion: a `Date` from a timestamp, a `String` from an enum symbol,
/// an `Int` from an `int` or `long` with a range check.
struct ValueDecoder: Decoder {
    let value: AvroValue
    /// The path of the container this value came from, and its key there; the full coding path is only built when
    /// something asks for it, which keeps decoding a field free of allocations.
    let parentPath: [any CodingKey]
    let key: (any CodingKey)?
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    var codingPath: [any CodingKey] {
        guard let key else { return parentPath }
        return parentPath + [key]
    }

    func error(_ message: String, at path: [any CodingKey]? = nil) -> AvroError {
        AvroError.codable(codingPath: AvroCodingKey.describe(path ?? codingPath), message: message)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        switch value {
        case let .record(record):
            return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self, entries: .record(record.fields)))
        case let .map(entries):
            return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self, entries: .map(entries)))
        default:
            throw error("expected a record or map for a keyed value, found \(value.kindName)")
        }
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        switch value {
        case let .array(items):
            return UnkeyedContainer(decoder: self, items: items)
        case let .bytes(bytes), let .fixed(bytes):
            return UnkeyedContainer(decoder: self, items: bytes.map { .int(Int32($0)) })
        default:
            throw error("expected an array for a sequence, found \(value.kindName)")
        }
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(decoder: self)
    }

    // MARK: - Conversions

    /// Decodes a nested value of type `T` from `value`.
    static func decode<T: Decodable>(_ type: T.Type, from value: AvroValue, parentPath: [any CodingKey], key: (any CodingKey)?) throws(AvroError) -> T {
        let decoder = ValueDecoder(value: value, parentPath: parentPath, key: key)
        // Scalars skip the container protocol (an existential allocation and several witness calls each). Each
        // check compares metatypes first, so a bit cast only runs when T is that very type; returning T directly,
        // rather than T?, spares a generic metadata lookup per value.
        if type == String.self { return unsafeBitCast(try decoder.string(), to: T.self) }
        if type == Int.self { return unsafeBitCast(try decoder.integer(Int.self), to: T.self) }
        if type == Int64.self { return unsafeBitCast(try decoder.integer(Int64.self), to: T.self) }
        if type == Int32.self { return unsafeBitCast(try decoder.integer(Int32.self), to: T.self) }
        if type == Double.self { return unsafeBitCast(try decoder.floatingPoint(), to: T.self) }
        if type == Bool.self { return unsafeBitCast(try decoder.bool(), to: T.self) }
        if type == Float.self { return unsafeBitCast(try decoder.float(), to: T.self) }
        return try decodeComposite(type, decoder: decoder)
    }

    /// Everything but the common scalars, kept out of ``decode(_:from:parentPath:key:)`` so that scalars do not pay
    /// for the generic metadata these paths need.
    @inline(never)
    private static func decodeComposite<T: Decodable>(_ type: T.Type, decoder: ValueDecoder) throws(AvroError) -> T {
        if isFoundationSpecial(type) {
            return try decoder.foundation(type)
        }
        switch decoder.value {
        case .array, .map:
            if let collection = T.self as? any AvroCollectionDecodable.Type {
                // `collection` is T itself, so the bit cast only restates the type; going through `as? T` would
                // cost a generic metadata lookup for T? on every collection.
                func decode<C: AvroCollectionDecodable>(_ type: C.Type) throws(AvroError) -> T {
                    unsafeBitCast(try C.avroDecode(decoder.value, path: decoder.codingPath), to: T.self)
                }
                return try decode(collection)
            }
        default:
            break
        }
        do {
            return try T(from: decoder)
        } catch let error as AvroError {
            throw error
        } catch {
            throw decoder.error("\(error)")
        }
    }

    private static func isFoundationSpecial<T>(_ type: T.Type) -> Bool {
        type == Date.self || type == UUID.self || type == Foundation.Decimal.self || type == AvroDecimal.self
            || type == Data.self || type == Scalar.byteArray
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type) throws(AvroError) -> T {
        let number: Int64
        switch value {
        case let .int(small), let .date(small), let .timeMillis(small): number = Int64(small)
        case let .long(large), let .timeMicros(large), let .timestampMillis(large), let .timestampMicros(large),
             let .localTimestampMillis(large), let .localTimestampMicros(large):
            number = large
        default:
            throw error("expected an integer for \(T.self), found \(value.kindName)")
        }
        guard let converted = T(exactly: number) else {
            throw error("\(number) does not fit in \(T.self)")
        }
        return converted
    }

    func floatingPoint() throws(AvroError) -> Double {
        switch value {
        case let .double(number): return number
        case let .float(number): return Double(number)
        case let .int(number): return Double(number)
        case let .long(number): return Double(number)
        default: throw error("expected a number, found \(value.kindName)")
        }
    }

    func float() throws(AvroError) -> Float {
        if case let .float(number) = value {
            return number
        }
        return Float(try floatingPoint())
    }

    func string() throws(AvroError) -> String {
        switch value {
        case let .string(text), let .enumSymbol(text): return text
        case let .uuid(uuid): return uuid.uuidString.lowercased()
        case let .decimal(decimal): return decimal.description
        default: throw error("expected a string, found \(value.kindName)")
        }
    }

    func bool() throws(AvroError) -> Bool {
        guard case let .boolean(flag) = value else { throw error("expected a boolean, found \(value.kindName)") }
        return flag
    }

    /// Converts to one of the Foundation types Avro has logical types for.
    @inline(never)
    func foundation<T>(_ type: T.Type) throws(AvroError) -> T {
        guard let converted = try foundationValue(type) else {
            throw error("cannot decode \(T.self) from \(value.kindName)")
        }
        return converted
    }

    /// Converts to the Foundation types Avro has logical types for; `nil` when `T` is none of them.
    private func foundationValue<T>(_ type: T.Type) throws(AvroError) -> T? {
        if type == Date.self {
            let seconds: Double
            switch value {
            case let .timestampMillis(millis), let .localTimestampMillis(millis): seconds = Double(millis) / 1_000
            case let .timestampMicros(micros), let .localTimestampMicros(micros): seconds = Double(micros) / 1_000_000
            case let .date(days): seconds = Double(days) * 86_400
            default: throw error("expected a timestamp or date for Date, found \(value.kindName)")
            }
            return Date(timeIntervalSince1970: seconds) as? T
        }
        if type == UUID.self {
            switch value {
            case let .uuid(uuid): return uuid as? T
            case let .string(text):
                guard let uuid = UUID(uuidString: text) else { throw error("\"\(text)\" is not a UUID") }
                return uuid as? T
            case let .fixed(bytes) where bytes.count == 16:
                return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                                   bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15])) as? T
            default: throw error("expected a uuid for UUID, found \(value.kindName)")
            }
        }
        if type == Foundation.Decimal.self {
            switch value {
            case let .decimal(decimal):
                guard let converted = decimal.decimalValue else {
                    throw error("decimal \(decimal) has more digits than Foundation.Decimal holds; decode it as AvroDecimal")
                }
                return converted as? T
            case let .double(number): return Foundation.Decimal(number) as? T
            case let .string(text):
                guard let converted = Foundation.Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                    throw error("\"\(text)\" is not a decimal number")
                }
                return converted as? T
            default: throw error("expected a decimal for Decimal, found \(value.kindName)")
            }
        }
        if type == AvroDecimal.self {
            guard case let .decimal(decimal) = value else { throw error("expected a decimal, found \(value.kindName)") }
            return decimal as? T
        }
        if type == Data.self || type == Scalar.byteArray {
            let bytes: [UInt8]
            switch value {
            case let .bytes(raw), let .fixed(raw): bytes = raw
            default: throw error("expected bytes or fixed, found \(value.kindName)")
            }
            return (type == Data.self ? Data(bytes) as Any : bytes as Any) as? T
        }
        return nil
    }
}
