/// Arrays and string-keyed dictionaries are converted element by element here rather than through the container
/// protocols, whose generic boxes, key arrays and witness calls cost more than the elements themselves.
protocol AvroCollectionDecodable {
    /// The collection held by `value`, or `nil` when `value` is not an array or map of the right shape.
    static func avroDecode(_ value: AvroValue, path: [any CodingKey]) throws(AvroError) -> Self?
}

/// See ``AvroCollectionDecodable``.
protocol AvroCollectionEncodable {
    /// The collection as a value of `target` (an array or map schema), or `nil` when the shapes differ.
    func avroEncode(target: AvroSchema, encoder: ValueEncoder, path: [any CodingKey]) throws(AvroError) -> AvroValue?
}

extension Array: AvroCollectionDecodable where Element: Decodable {
    static func avroDecode(_ value: AvroValue, path: [any CodingKey]) throws(AvroError) -> [Element]? {
        guard case let .array(items) = value else { return nil }
        var result: [Element] = []
        result.reserveCapacity(items.count)
        for index in items.indices {
            result.append(try ValueDecoder.decode(Element.self, from: items[index], parentPath: path, key: AvroCodingKey(intValue: index)))
        }
        return result
    }
}

extension Dictionary: AvroCollectionDecodable where Key == String, Value: Decodable {
    static func avroDecode(_ value: AvroValue, path: [any CodingKey]) throws(AvroError) -> [String: Value]? {
        guard case let .map(entries) = value else { return nil }
        var result: [String: Value] = [:]
        result.reserveCapacity(entries.count)
        for (key, entry) in entries {
            result[key] = try ValueDecoder.decode(Value.self, from: entry, parentPath: path, key: AvroCodingKey(stringValue: key))
        }
        return result
    }
}

extension Array: AvroCollectionEncodable where Element: Encodable {
    func avroEncode(target: AvroSchema, encoder: ValueEncoder, path: [any CodingKey]) throws(AvroError) -> AvroValue? {
        guard case let .array(itemSchema) = target else { return nil }
        var items: [AvroValue] = []
        items.reserveCapacity(count)
        for index in indices {
            items.append(try encoder.encodeValue(self[index], schema: itemSchema, parentPath: path, key: AvroCodingKey(intValue: index)))
        }
        return .array(items)
    }
}

extension Dictionary: AvroCollectionEncodable where Key == String, Value: Encodable {
    func avroEncode(target: AvroSchema, encoder: ValueEncoder, path: [any CodingKey]) throws(AvroError) -> AvroValue? {
        guard case let .map(valueSchema) = target else { return nil }
        var entries: [String: AvroValue] = [:]
        entries.reserveCapacity(count)
        for (key, value) in self {
            entries[key] = try encoder.encodeValue(value, schema: valueSchema, parentPath: path, key: AvroCodingKey(stringValue: key))
        }
        return .map(entries)
    }
}
