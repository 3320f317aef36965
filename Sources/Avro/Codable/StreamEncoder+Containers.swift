extension StreamEncoder {
    /// Writes the properties of a struct or class as record fields, or dictionary entries as a map.
    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: StreamEncoder
        let codingPath: [any CodingKey]

        init(encoder: StreamEncoder) {
            self.encoder = encoder
            self.codingPath = encoder.codingPath
        }

        /// Runs `body` to write the value for `key` at the node it returns, wherever the value belongs.
        private func write(_ key: Key, _ body: (Int32) throws(AvroError) -> Void) throws(AvroError) {
            let output = encoder.output
            switch encoder.state {
            case let .record(record):
                guard let field = record.fieldIndex(key.stringValue, in: output.program) else {
                    let base = Int(record.record.c)
                    let names = output.program.fieldNames[base..<(base + record.fieldCount)].joined(separator: ", ")
                    throw encoder.error(
                        "record \(output.program.recordNames[record.node] ?? "") has no field '\(key.stringValue)' (fields: \(names)); "
                            + "add it to the schema or leave the property out of CodingKeys",
                        at: codingPath + [key]
                    )
                }
                let chunked = try record.begin(field, encoder: encoder)
                let mark = output.writer.bytes.count
                try body(record.fieldNode(field, in: output.program))
                if chunked {
                    record.store(field, from: mark, output: output)
                }
            case let .collection(map) where map.kind == .map:
                output.writer.writeString(key.stringValue)
                try body(map.itemNode)
                map.count += 1
            case let .failed(failure):
                throw failure
            default:
                throw encoder.error("a keyed container was used after the value was written")
            }
        }

        private mutating func put(_ scalar: Scalar, _ key: Key) throws {
            try write(key) { (node: Int32) throws(AvroError) in
                try encoder.encodeScalar(scalar, node: node, path: codingPath + [key])
            }
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
            try write(key) { (node: Int32) throws(AvroError) in
                try encoder.encodeValue(value, node: node, parentPath: codingPath, key: key)
            }
        }

        /// A child encoder for `key` with an output of its own, whose bytes the record or map places at finish.
        private func detachedChild(for key: Key) throws(AvroError) -> StreamEncoder {
            let output = encoder.output
            switch encoder.state {
            case let .record(record):
                guard let field = record.fieldIndex(key.stringValue, in: output.program) else {
                    throw encoder.error("record has no field '\(key.stringValue)'", at: codingPath + [key])
                }
                record.cutIntoChunks(output)
                let child = StreamEncoder(
                    output: output.detached(), node: record.fieldNode(field, in: output.program),
                    parentPath: codingPath, key: key, type: nil, depth: encoder.depth + 1
                )
                record.pending.append((field, child))
                return child
            case let .collection(map) where map.kind == .map:
                output.writer.writeString(key.stringValue)
                let child = StreamEncoder(
                    output: output.detached(), node: map.itemNode, parentPath: codingPath, key: key, type: nil, depth: encoder.depth + 1
                )
                map.pending.append((output.writer.bytes.count - map.start, child))
                map.count += 1
                return child
            case let .failed(failure):
                throw failure
            default:
                throw encoder.error("a keyed container was used after the value was written")
            }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            do {
                return try detachedChild(for: key).container(keyedBy: keyType)
            } catch {
                return StreamEncoder.failing(error, like: encoder).container(keyedBy: keyType)
            }
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            do {
                return try detachedChild(for: key).unkeyedContainer()
            } catch {
                return StreamEncoder.failing(error, like: encoder).unkeyedContainer()
            }
        }

        mutating func superEncoder() -> any Encoder {
            guard let key = Key(stringValue: "super") else {
                return StreamEncoder.failing(encoder.error("superEncoder() needs a coding key named \"super\""), like: encoder)
            }
            return superEncoder(forKey: key)
        }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            do {
                return try detachedChild(for: key)
            } catch {
                return StreamEncoder.failing(error, like: encoder)
            }
        }
    }

    /// Writes the elements of a sequence as an array, or `UInt8` elements as bytes or fixed.
    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let encoder: StreamEncoder
        let codingPath: [any CodingKey]

        init(encoder: StreamEncoder) {
            self.encoder = encoder
            self.codingPath = encoder.codingPath
        }

        var count: Int {
            if case let .collection(collection) = encoder.state {
                return collection.count
            }
            return 0
        }

        private var nextKey: AvroCodingKey { AvroCodingKey(intValue: count) }

        private func collection() throws(AvroError) -> CollectionState {
            switch encoder.state {
            case let .collection(collection) where collection.kind != .map:
                return collection
            case let .failed(failure):
                throw failure
            default:
                throw encoder.error("an unkeyed container was used after the value was written")
            }
        }

        private mutating func put(_ scalar: Scalar) throws {
            let collection = try collection()
            if collection.kind == .bytes {
                guard case let .uint(byte) = scalar, let narrow = UInt8(exactly: byte) else {
                    throw encoder.error("bytes and fixed take UInt8 elements only", at: codingPath + [nextKey])
                }
                encoder.output.writer.bytes.append(narrow)
            } else {
                try encoder.encodeScalar(scalar, node: collection.itemNode, path: codingPath + [nextKey])
            }
            collection.count += 1
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
            let collection = try collection()
            if collection.kind == .bytes {
                guard let byte = value as? UInt8 else {
                    throw encoder.error("bytes and fixed take UInt8 elements only", at: codingPath + [nextKey])
                }
                encoder.output.writer.bytes.append(byte)
            } else {
                try encoder.encodeValue(value, node: collection.itemNode, parentPath: codingPath, key: nextKey)
            }
            collection.count += 1
        }

        private mutating func detachedChild() throws(AvroError) -> StreamEncoder {
            let collection = try collection()
            guard collection.kind == .array else {
                throw encoder.error("bytes and fixed take UInt8 elements only", at: codingPath + [nextKey])
            }
            let output = encoder.output
            let child = StreamEncoder(
                output: output.detached(), node: collection.itemNode, parentPath: codingPath, key: nextKey, type: nil, depth: encoder.depth + 1
            )
            collection.pending.append((output.writer.bytes.count - collection.start, child))
            collection.count += 1
            return child
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            do {
                return try detachedChild().container(keyedBy: keyType)
            } catch {
                return StreamEncoder.failing(error, like: encoder).container(keyedBy: keyType)
            }
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            do {
                return try detachedChild().unkeyedContainer()
            } catch {
                return StreamEncoder.failing(error, like: encoder).unkeyedContainer()
            }
        }

        mutating func superEncoder() -> any Encoder {
            do {
                return try detachedChild()
            } catch {
                return StreamEncoder.failing(error, like: encoder)
            }
        }
    }

    /// Writes one value at the encoder's node: a scalar, `nil`, or a nested value.
    struct SingleValueContainer: SingleValueEncodingContainer {
        let encoder: StreamEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }

        private func claim() throws(AvroError) {
            switch encoder.state {
            case .empty:
                encoder.state = .written
            case let .failed(failure):
                throw failure
            default:
                throw encoder.error("a single value was encoded twice, or after a container")
            }
        }

        private func put(_ scalar: Scalar) throws {
            try claim()
            try encoder.encodeScalar(scalar, node: encoder.node, path: encoder.codingPath)
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
            try claim()
            try encoder.encodeInPlace(value)
        }
    }
}

extension StreamEncoder {
    /// An encoder that fails with `error` whatever is written to it, for containers that cannot be made.
    static func failing(_ error: AvroError, like encoder: StreamEncoder) -> StreamEncoder {
        let child = StreamEncoder(
            output: encoder.output.detached(), node: encoder.node, parentPath: encoder.codingPath, key: nil, type: nil, depth: encoder.depth + 1
        )
        child.state = .failed(error)
        return child
    }

    /// Encodes a nested value at this encoder's own node and position, for a single-value container that wraps it.
    func encodeInPlace<T: Encodable>(_ value: T) throws(AvroError) {
        try encodeValue(value, node: node, parentPath: parentPath, key: key)
    }
}
