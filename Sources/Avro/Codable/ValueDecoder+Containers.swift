extension ValueDecoder {
    /// Record fields or map entries.
    enum Entries {
        case record([AvroRecord.Field])
        case map([String: AvroValue])
    }

    /// Reads the fields of a record or the entries of a map by key.
    struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: ValueDecoder
        let entries: Entries
        let codingPath: [any CodingKey]
        init(decoder: ValueDecoder, entries: Entries) {
            self.decoder = decoder
            self.entries = entries
            self.codingPath = decoder.codingPath
        }

        var allKeys: [Key] {
            switch entries {
            case let .record(fields): return fields.compactMap { Key(stringValue: $0.name) }
            case let .map(map): return map.keys.compactMap { Key(stringValue: $0) }
            }
        }

        func contains(_ key: Key) -> Bool {
            lookup(key) != nil
        }

        private func lookup(_ key: Key) -> AvroValue? {
            switch entries {
            case let .record(fields):
                let name = key.stringValue
                return fields.first { $0.name == name }?.value
            case let .map(map):
                return map[key.stringValue]
            }
        }

        private func child(_ key: Key) throws(AvroError) -> ValueDecoder {
            if case let .record(fields) = entries {
                // Records have few fields, and a linear scan of short names is cheaper than any index.
                let name = key.stringValue
                if let field = fields.first(where: { $0.name == name }) {
                    return ValueDecoder(value: field.value, parentPath: codingPath, key: key)
                }
            } else if case let .map(map) = entries, let value = map[key.stringValue] {
                return ValueDecoder(value: value, parentPath: codingPath, key: key)
            }
            throw decoder.error("no field '\(key.stringValue)' in the decoded value", at: codingPath + [key])
        }

        // The protocol's default decodeIfPresent looks the key up three times; one lookup is enough.
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard let value = lookup(key), value != .null else { return nil }
            return try ValueDecoder.decode(type, from: value, parentPath: codingPath, key: key)
        }

        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
            guard let value = lookup(key), value != .null else { return nil }
            return try ValueDecoder(value: value, parentPath: codingPath, key: key).string()
        }

        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
            guard let value = lookup(key), value != .null else { return nil }
            return try ValueDecoder(value: value, parentPath: codingPath, key: key).integer(type)
        }

        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
            guard let value = lookup(key), value != .null else { return nil }
            return try ValueDecoder(value: value, parentPath: codingPath, key: key).integer(type)
        }

        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
            guard let value = lookup(key), value != .null else { return nil }
            return try ValueDecoder(value: value, parentPath: codingPath, key: key).floatingPoint()
        }

        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
            guard let value = lookup(key), value != .null else { return nil }
            return try ValueDecoder(value: value, parentPath: codingPath, key: key).bool()
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            guard let value = lookup(key) else { return true }
            return value == .null
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try child(key).bool() }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try child(key).string() }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try child(key).floatingPoint() }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try child(key).float() }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try child(key).integer(type) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try child(key).integer(type) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try child(key).integer(type) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try child(key).integer(type) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try child(key).integer(type) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try child(key).integer(type) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try child(key).integer(type) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try child(key).integer(type) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try child(key).integer(type) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try child(key).integer(type) }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            let child = try child(key)
            return try ValueDecoder.decode(type, from: child.value, parentPath: codingPath, key: key)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try child(key).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try child(key).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder {
            guard let key = Key(stringValue: "super") else {
                throw decoder.error("superDecoder() needs a coding key named \"super\"")
            }
            return try child(key)
        }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            try child(key)
        }
    }

    /// Reads the items of an array in order.
    struct UnkeyedContainer: UnkeyedDecodingContainer {
        let decoder: ValueDecoder
        let items: [AvroValue]
        var currentIndex = 0
        let codingPath: [any CodingKey]
        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }

        init(decoder: ValueDecoder, items: [AvroValue]) {
            self.decoder = decoder
            self.items = items
            self.codingPath = decoder.codingPath
        }

        private mutating func next() throws(AvroError) -> ValueDecoder {
            let key = AvroCodingKey(intValue: currentIndex)
            guard currentIndex < items.count else {
                throw decoder.error("read past the \(items.count) items of the array", at: codingPath + [key])
            }
            defer { currentIndex += 1 }
            return ValueDecoder(value: items[currentIndex], parentPath: codingPath, key: key)
        }

        mutating func decodeNil() throws -> Bool {
            guard currentIndex < items.count, items[currentIndex] == .null else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode(_ type: Bool.Type) throws -> Bool { try next().bool() }
        mutating func decode(_ type: String.Type) throws -> String { try next().string() }
        mutating func decode(_ type: Double.Type) throws -> Double { try next().floatingPoint() }
        mutating func decode(_ type: Float.Type) throws -> Float { try next().float() }
        mutating func decode(_ type: Int.Type) throws -> Int { try next().integer(type) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try next().integer(type) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try next().integer(type) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try next().integer(type) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try next().integer(type) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try next().integer(type) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next().integer(type) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next().integer(type) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next().integer(type) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next().integer(type) }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let child = try next()
            return try ValueDecoder.decode(type, from: child.value, parentPath: codingPath, key: child.key)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try next().container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try next().unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder {
            try next()
        }
    }

    /// Reads one value.
    struct SingleValueContainer: SingleValueDecodingContainer {
        let decoder: ValueDecoder
        var codingPath: [any CodingKey] { decoder.codingPath }

        func decodeNil() -> Bool { decoder.value == .null }
        func decode(_ type: Bool.Type) throws -> Bool { try decoder.bool() }
        func decode(_ type: String.Type) throws -> String { try decoder.string() }
        func decode(_ type: Double.Type) throws -> Double { try decoder.floatingPoint() }
        func decode(_ type: Float.Type) throws -> Float { try decoder.float() }
        func decode(_ type: Int.Type) throws -> Int { try decoder.integer(type) }
        func decode(_ type: Int8.Type) throws -> Int8 { try decoder.integer(type) }
        func decode(_ type: Int16.Type) throws -> Int16 { try decoder.integer(type) }
        func decode(_ type: Int32.Type) throws -> Int32 { try decoder.integer(type) }
        func decode(_ type: Int64.Type) throws -> Int64 { try decoder.integer(type) }
        func decode(_ type: UInt.Type) throws -> UInt { try decoder.integer(type) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.integer(type) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.integer(type) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.integer(type) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.integer(type) }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try ValueDecoder.decode(type, from: decoder.value, parentPath: decoder.parentPath, key: decoder.key)
        }
    }
}
