import Foundation

/// An `Encoder` that turns a Swift value into an ``AvroValue`` guided by a schema, so that each Swift property
/// lands in the right Avro type: an `Int` in an `int` field is range-checked, a `String` in an enum field becomes a
/// symbol, a `Date` in a `timestamp-millis` field becomes milliseconds, `nil` picks the union's `null` branch.
///
/// Containers write into reference-typed storage; the value is assembled by ``finish()`` once `encode(to:)` has
/// returned, which is when fields the value left out are filled from defaults.
final class ValueEncoder: Encoder {
    let context: CodableContext
    let schema: AvroSchema
    /// The path of the container this encoder belongs to, and its key there; the full coding path is only built
    /// when something asks for it, which keeps the common case free of allocations.
    private let parentPath: [any CodingKey]
    private let key: (any CodingKey)?
    /// The Swift type being encoded, to pick among several records of a union by name.
    let type: Any.Type?
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    private var storage: Storage = .empty

    var codingPath: [any CodingKey] {
        guard let key else { return parentPath }
        return parentPath + [key]
    }

    enum Storage {
        case empty
        case value(AvroValue)
        case record(RecordStorage)
        case map(MapStorage)
        case array(ArrayStorage)
        case bytes(ByteStorage)
        case failed(AvroError)
    }

    init(context: CodableContext, schema: AvroSchema, parentPath: [any CodingKey], key: (any CodingKey)?, type: Any.Type?) {
        self.context = context
        self.schema = schema
        self.parentPath = parentPath
        self.key = key
        self.type = type
    }

    func error(_ message: String, at path: [any CodingKey]? = nil) -> AvroError {
        AvroError.codable(codingPath: AvroCodingKey.describe(path ?? codingPath), message: message)
    }

    func setValue(_ value: AvroValue) throws(AvroError) {
        if case let .failed(failure) = storage {
            throw failure
        }
        storage = .value(value)
    }

    /// An encoder that fails with `error` whatever is written to it, for containers that cannot be made.
    static func failed(_ error: AvroError, like encoder: ValueEncoder) -> ValueEncoder {
        let child = ValueEncoder(context: encoder.context, schema: .null, parentPath: encoder.codingPath, key: nil, type: nil)
        child.storage = .failed(error)
        return child
    }

    // MARK: - Encoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        switch storage {
        case .record, .map, .failed:
            break
        default:
            if let target = context.keyedTarget(schema, type: type) {
                switch target {
                case let .record(record): storage = .record(RecordStorage(record: record))
                case let .map(values): storage = .map(MapStorage(valueSchema: values))
                default: break
                }
            } else {
                storage = .failed(error("a keyed value (a struct, class or dictionary) needs a record or map, but the schema has \(schema.summary)"))
            }
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(encoder: self, storage: storage))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        switch storage {
        case .array, .bytes, .failed:
            break
        default:
            switch context.unkeyedTarget(schema) {
            case let .array(items)?: storage = .array(ArrayStorage(itemSchema: items))
            case let target?: storage = .bytes(ByteStorage(target: target))
            case nil:
                storage = .failed(error("a sequence needs an array, bytes or fixed, but the schema has \(schema.summary)"))
            }
        }
        return UnkeyedContainer(encoder: self, storage: storage)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(encoder: self)
    }

    // MARK: - Values

    /// Encodes a nested Swift value against `schema`, as the element `key` of the container at `parentPath`.
    func encodeValue<T: Encodable>(
        _ value: T,
        schema: AvroSchema,
        parentPath: [any CodingKey],
        key: (any CodingKey)?
    ) throws(AvroError) -> AvroValue {
        if let scalar = Self.scalar(value) {
            return try context.box(scalar, schema: schema, path: key.map { parentPath + [$0] } ?? parentPath)
        }
        if Self.isFoundationSpecial(T.self),
           let special = try context.boxFoundation(value, schema: schema, path: key.map { parentPath + [$0] } ?? parentPath) {
            return special
        }
        // The schema test is cheap and rules out most values before the dynamic cast, which is not.
        if let target = collectionTarget(schema), let collection = value as? any AvroCollectionEncodable {
            let path = key.map { parentPath + [$0] } ?? parentPath
            if let encoded = try collection.avroEncode(target: target, encoder: self, path: path) {
                return encoded
            }
        }
        let child = ValueEncoder(context: context, schema: schema, parentPath: parentPath, key: key, type: T.self)
        try child.run { try value.encode(to: child) }
        return try child.finish()
    }

    /// The array or map schema a collection could be written to directly.
    private func collectionTarget(_ schema: AvroSchema) -> AvroSchema? {
        let resolved = context.resolve(schema)
        switch resolved {
        case .array, .map: return resolved
        case .union: return context.alternatives(resolved).first { if case .array = $0 { true } else if case .map = $0 { true } else { false } }
        default: return nil
        }
    }

    /// Encodes a Swift value at this encoder's own position, for a single-value container that wraps another value.
    func encodeInPlace<T: Encodable>(_ value: T) throws(AvroError) -> AvroValue {
        try encodeValue(value, schema: schema, parentPath: parentPath, key: key)
    }

    /// Runs a Codable method and maps whatever it throws to an `AvroError`.
    func run(_ body: () throws -> Void) throws(AvroError) {
        do {
            try body()
        } catch let error as AvroError {
            throw error
        } catch {
            throw self.error("\(error)")
        }
    }

    /// The most common scalar types, taken directly rather than through a single-value container.
    @inline(__always)
    private static func scalar<T>(_ value: T) -> CodableContext.Scalar? {
        // Each check compares metatypes first, so the bit casts only run when T is that very type.
        if T.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
        if T.self == Int.self { return .int(Int64(unsafeBitCast(value, to: Int.self))) }
        if T.self == Int64.self { return .int(unsafeBitCast(value, to: Int64.self)) }
        if T.self == Int32.self { return .int(Int64(unsafeBitCast(value, to: Int32.self))) }
        if T.self == Double.self { return .double(unsafeBitCast(value, to: Double.self)) }
        if T.self == Bool.self { return .bool(unsafeBitCast(value, to: Bool.self)) }
        if T.self == Float.self { return .float(unsafeBitCast(value, to: Float.self)) }
        return nil
    }

    private static func isFoundationSpecial<T>(_ type: T.Type) -> Bool {
        type == Date.self || type == UUID.self || type == Foundation.Decimal.self || type == AvroDecimal.self
            || type == Data.self || type == [UInt8].self
    }

    /// The encoded value, with omitted record fields filled from their defaults (or `null` for optional fields).
    func finish() throws(AvroError) -> AvroValue {
        switch storage {
        case .empty:
            throw error("the value encoded nothing")
        case let .value(value):
            return value
        case let .failed(failure):
            throw failure
        case let .record(record):
            return .record(AvroRecord(try record.finish(encoder: self)))
        case let .map(map):
            for (key, child) in map.pending {
                map.entries[key] = try child.finish()
            }
            return .map(map.entries)
        case let .array(array):
            for (index, child) in array.pending {
                array.items[index] = try child.finish()
            }
            return .array(array.items)
        case let .bytes(bytes):
            if case let .fixed(fixed) = bytes.target {
                guard bytes.bytes.count == fixed.size else {
                    throw error("\(bytes.bytes.count) bytes do not fill fixed \(fixed.name) of size \(fixed.size)")
                }
                return .fixed(bytes.bytes)
            }
            return .bytes(bytes.bytes)
        }
    }

    // MARK: - Storage

    final class RecordStorage {
        let record: AvroSchema.Record
        var values: [AvroValue?]
        var pending: [(index: Int, encoder: ValueEncoder)] = []
        private var lastIndex = -1

        init(record: AvroSchema.Record) {
            self.record = record
            self.values = Array(repeating: nil, count: record.fields.count)
        }

        /// The field for `name`; keys usually arrive in schema order, so the next field is tried first.
        func fieldIndex(_ name: String) -> Int? {
            let next = lastIndex + 1
            if next < record.fields.count, record.fields[next].name == name {
                lastIndex = next
                return next
            }
            guard let found = record.fieldIndex(named: name) else { return nil }
            lastIndex = found
            return found
        }

        func finish(encoder: ValueEncoder) throws(AvroError) -> [AvroRecord.Field] {
            for (index, child) in pending {
                values[index] = try child.finish()
            }
            var fields: [AvroRecord.Field] = []
            fields.reserveCapacity(values.count)
            for (index, field) in record.fields.enumerated() {
                if let value = values[index] {
                    fields.append(AvroRecord.Field(name: field.name, value: value))
                } else if let fallback = field.defaultValue {
                    fields.append(AvroRecord.Field(name: field.name, value: fallback))
                } else if encoder.context.alternatives(field.type).contains(.null) {
                    fields.append(AvroRecord.Field(name: field.name, value: .null))
                } else {
                    throw encoder.error(
                        "no value for field '\(field.name)' of record \(record.name), which has no default",
                        at: encoder.codingPath + [AvroCodingKey(stringValue: field.name)]
                    )
                }
            }
            return fields
        }
    }

    final class MapStorage {
        let valueSchema: AvroSchema
        var entries: [String: AvroValue] = [:]
        var pending: [(key: String, encoder: ValueEncoder)] = []

        init(valueSchema: AvroSchema) {
            self.valueSchema = valueSchema
        }
    }

    final class ArrayStorage {
        let itemSchema: AvroSchema
        var items: [AvroValue] = []
        var pending: [(index: Int, encoder: ValueEncoder)] = []

        init(itemSchema: AvroSchema) {
            self.itemSchema = itemSchema
        }
    }

    final class ByteStorage {
        let target: AvroSchema
        var bytes: [UInt8] = []

        init(target: AvroSchema) {
            self.target = target
        }
    }
}
