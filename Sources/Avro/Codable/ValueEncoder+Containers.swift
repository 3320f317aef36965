extension ValueEncoder {
    /// Writes the properties of a struct or class into a record, or the entries of a dictionary into a map.
    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: ValueEncoder
        let storage: Storage
        let codingPath: [any CodingKey]

        init(encoder: ValueEncoder, storage: Storage) {
            self.encoder = encoder
            self.storage = storage
            self.codingPath = encoder.codingPath
        }

        /// Where the value for a key goes.
        private enum Slot {
            case field(RecordStorage, Int)
            case entry(MapStorage, String)
        }

        /// The schema for `key` and where its value goes.
        private func slot(_ key: Key) throws(AvroError) -> (schema: AvroSchema, slot: Slot) {
            switch storage {
            case let .record(record):
                guard let index = record.fieldIndex(key.stringValue) else {
                    let names = record.record.fields.map(\.name).joined(separator: ", ")
                    throw encoder.error(
                        "record \(record.record.name) has no field '\(key.stringValue)' (fields: \(names)); "
                            + "add it to the schema or leave the property out of CodingKeys",
                        at: codingPath + [key]
                    )
                }
                return (record.record.fields[index].type, .field(record, index))
            case let .map(map):
                return (map.valueSchema, .entry(map, key.stringValue))
            case let .failed(failure):
                throw failure
            default:
                throw encoder.error("internal: keyed container without keyed storage")
            }
        }

        private func store(_ value: AvroValue, in slot: Slot) {
            switch slot {
            case let .field(record, index): record.values[index] = value
            case let .entry(map, key): map.entries[key] = value
            }
        }

        private mutating func put(_ scalar: CodableContext.Scalar, _ key: Key) throws {
            let (schema, slot) = try slot(key)
            store(try encoder.context.box(scalar, schema: schema, path: codingPath + [key]), in: slot)
        }

        mutating func encodeNil(forKey key: Key) throws { try put(.null, key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { try put(.bool(value), key) }
        mutating func encode(_ value: String, forKey key: Key) throws { try put(.string(value), key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { try put(.double(value), key) }
        mutating func encode(_ value: Float, forKey key: Key) throws { try put(.float(value), key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { try put(.int(Int64(value)), key) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { try put(.int(Int64(value)), key) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { try put(.int(Int64(value)), key) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { try put(.int(Int64(value)), key) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { try put(.int(value), key) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { try put(.uint(UInt64(value)), key) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { try put(.uint(UInt64(value)), key) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { try put(.uint(UInt64(value)), key) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { try put(.uint(UInt64(value)), key) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { try put(.uint(value), key) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            let (schema, slot) = try slot(key)
            store(try encoder.encodeValue(value, schema: schema, parentPath: codingPath, key: key), in: slot)
        }

        private func child(for key: Key) throws(AvroError) -> ValueEncoder {
            let (schema, _) = try slot(key)
            let child = ValueEncoder(context: encoder.context, schema: schema, parentPath: codingPath, key: key, type: nil)
            switch storage {
            case let .record(record):
                if let index = record.record.fieldIndex(named: key.stringValue) {
                    record.pending.append((index, child))
                }
            case let .map(map):
                map.pending.append((key.stringValue, child))
            default:
                break
            }
            return child
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            do {
                return try child(for: key).container(keyedBy: keyType)
            } catch {
                return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder, storage: .failed(error)))
            }
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            do {
                return try child(for: key).unkeyedContainer()
            } catch {
                return UnkeyedContainer(encoder: encoder, storage: .failed(error))
            }
        }

        mutating func superEncoder() -> any Encoder {
            guard let key = Key(stringValue: "super") else {
                return ValueEncoder.failed(encoder.error("superEncoder() needs a coding key named \"super\""), like: encoder)
            }
            return superEncoder(forKey: key)
        }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            do {
                return try child(for: key)
            } catch {
                return ValueEncoder.failed(error, like: encoder)
            }
        }
    }

    /// Writes the elements of a sequence into an array, or `UInt8` elements into `bytes` or `fixed`.
    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let encoder: ValueEncoder
        let storage: Storage
        let codingPath: [any CodingKey]

        init(encoder: ValueEncoder, storage: Storage) {
            self.encoder = encoder
            self.storage = storage
            self.codingPath = encoder.codingPath
        }

        var count: Int {
            switch storage {
            case let .array(array): return array.items.count
            case let .bytes(bytes): return bytes.bytes.count
            default: return 0
            }
        }

        private var nextKey: AvroCodingKey { AvroCodingKey(intValue: count) }

        private mutating func put(_ scalar: CodableContext.Scalar) throws {
            switch storage {
            case let .array(array):
                array.items.append(try encoder.context.box(scalar, schema: array.itemSchema, path: codingPath + [nextKey]))
            case let .bytes(bytes):
                guard case let .uint(byte) = scalar, let narrow = UInt8(exactly: byte) else {
                    throw encoder.error("\(bytes.target.summary) takes UInt8 elements only", at: codingPath + [nextKey])
                }
                bytes.bytes.append(narrow)
            case let .failed(failure):
                throw failure
            default:
                throw encoder.error("internal: unkeyed container without storage")
            }
        }

        mutating func encodeNil() throws { try put(.null) }
        mutating func encode(_ value: Bool) throws { try put(.bool(value)) }
        mutating func encode(_ value: String) throws { try put(.string(value)) }
        mutating func encode(_ value: Double) throws { try put(.double(value)) }
        mutating func encode(_ value: Float) throws { try put(.float(value)) }
        mutating func encode(_ value: Int) throws { try put(.int(Int64(value))) }
        mutating func encode(_ value: Int8) throws { try put(.int(Int64(value))) }
        mutating func encode(_ value: Int16) throws { try put(.int(Int64(value))) }
        mutating func encode(_ value: Int32) throws { try put(.int(Int64(value))) }
        mutating func encode(_ value: Int64) throws { try put(.int(value)) }
        mutating func encode(_ value: UInt) throws { try put(.uint(UInt64(value))) }
        mutating func encode(_ value: UInt8) throws { try put(.uint(UInt64(value))) }
        mutating func encode(_ value: UInt16) throws { try put(.uint(UInt64(value))) }
        mutating func encode(_ value: UInt32) throws { try put(.uint(UInt64(value))) }
        mutating func encode(_ value: UInt64) throws { try put(.uint(value)) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            switch storage {
            case let .array(array):
                array.items.append(try encoder.encodeValue(value, schema: array.itemSchema, parentPath: codingPath, key: nextKey))
            case let .bytes(bytes):
                guard let byte = value as? UInt8 else {
                    throw encoder.error("\(bytes.target.summary) takes UInt8 elements only", at: codingPath + [nextKey])
                }
                bytes.bytes.append(byte)
            case let .failed(failure):
                throw failure
            default:
                throw encoder.error("internal: unkeyed container without storage")
            }
        }

        private mutating func child() throws(AvroError) -> ValueEncoder {
            guard case let .array(array) = storage else {
                if case let .failed(failure) = storage { throw failure }
                throw encoder.error("a nested container needs an array schema, not \(encoder.schema.summary)")
            }
            let child = ValueEncoder(context: encoder.context, schema: array.itemSchema, parentPath: codingPath, key: nextKey, type: nil)
            array.pending.append((array.items.count, child))
            // A placeholder keeps the positions of later elements; finish() replaces it.
            array.items.append(.null)
            return child
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            do {
                return try child().container(keyedBy: keyType)
            } catch {
                return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder, storage: .failed(error)))
            }
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            do {
                return try child().unkeyedContainer()
            } catch {
                return UnkeyedContainer(encoder: encoder, storage: .failed(error))
            }
        }

        mutating func superEncoder() -> any Encoder {
            do {
                return try child()
            } catch {
                return ValueEncoder.failed(error, like: encoder)
            }
        }
    }

    /// Writes one value: a scalar, `nil`, or a nested value encoded against the same schema.
    struct SingleValueContainer: SingleValueEncodingContainer {
        let encoder: ValueEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }

        private func put(_ scalar: CodableContext.Scalar) throws {
            try encoder.setValue(try encoder.context.box(scalar, schema: encoder.schema, path: codingPath))
        }

        mutating func encodeNil() throws { try put(.null) }
        mutating func encode(_ value: Bool) throws { try put(.bool(value)) }
        mutating func encode(_ value: String) throws { try put(.string(value)) }
        mutating func encode(_ value: Double) throws { try put(.double(value)) }
        mutating func encode(_ value: Float) throws { try put(.float(value)) }
        mutating func encode(_ value: Int) throws { try put(.int(Int64(value))) }
        mutating func encode(_ value: Int8) throws { try put(.int(Int64(value))) }
        mutating func encode(_ value: Int16) throws { try put(.int(Int64(value))) }
        mutating func encode(_ value: Int32) throws { try put(.int(Int64(value))) }
        mutating func encode(_ value: Int64) throws { try put(.int(value)) }
        mutating func encode(_ value: UInt) throws { try put(.uint(UInt64(value))) }
        mutating func encode(_ value: UInt8) throws { try put(.uint(UInt64(value))) }
        mutating func encode(_ value: UInt16) throws { try put(.uint(UInt64(value))) }
        mutating func encode(_ value: UInt32) throws { try put(.uint(UInt64(value))) }
        mutating func encode(_ value: UInt64) throws { try put(.uint(value)) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            try encoder.setValue(try encoder.encodeInPlace(value))
        }
    }
}
