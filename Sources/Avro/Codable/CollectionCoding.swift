/// Arrays and string-keyed dictionaries are converted element by element here rather than through the container
/// protocols, whose generic boxes, key arrays and witness calls cost more than the elements themselves.
protocol AvroCollectionDecodable {
    /// The collection held by `value`; throws when `value` is not an array or map of the right shape.
    static func avroDecode(_ value: AvroValue, path: [any CodingKey]) throws(AvroError) -> Self
}

/// See ``AvroCollectionDecodable``.
protocol AvroCollectionEncodable {
    /// Streams the collection into `collection` (an array or map node, with the union branch that leads to it);
    /// returns `false`, having written nothing, when the collection's shape does not match the node.
    func avroEncode(encoder: StreamEncoder, collection: (node: Int32, branch: Int?), path: [any CodingKey]) throws(AvroError) -> Bool
}

extension Array: AvroCollectionDecodable where Element: Decodable {
    static func avroDecode(_ value: AvroValue, path: [any CodingKey]) throws(AvroError) -> [Element] {
        guard case let .array(items) = value else {
            throw AvroError.codable(codingPath: AvroCodingKey.describe(path), message: "expected an array, found \(value.kindName)")
        }
        var result: [Element] = []
        result.reserveCapacity(items.count)
        for index in items.indices {
            result.append(try ValueDecoder.decode(Element.self, from: items[index], parentPath: path, key: AvroCodingKey(intValue: index)))
        }
        return result
    }
}

extension Dictionary: AvroCollectionDecodable where Key == String, Value: Decodable {
    static func avroDecode(_ value: AvroValue, path: [any CodingKey]) throws(AvroError) -> [String: Value] {
        guard case let .map(entries) = value else {
            throw AvroError.codable(codingPath: AvroCodingKey.describe(path), message: "expected a map, found \(value.kindName)")
        }
        var result: [String: Value] = [:]
        result.reserveCapacity(entries.count)
        for (key, entry) in entries {
            result[key] = try ValueDecoder.decode(Value.self, from: entry, parentPath: path, key: AvroCodingKey(stringValue: key))
        }
        return result
    }
}

extension Array: AvroCollectionEncodable where Element: Encodable {
    func avroEncode(encoder: StreamEncoder, collection: (node: Int32, branch: Int?), path: [any CodingKey]) throws(AvroError) -> Bool {
        let node = encoder.output.program.nodes[Int(collection.node)]
        guard node.op == .array else { return false }
        if let branch = collection.branch {
            encoder.output.writer.writeLong(Int64(branch))
        }
        if !isEmpty {
            encoder.output.writer.writeLong(Int64(count))
            for index in indices {
                try encoder.encodeValue(self[index], node: node.a, parentPath: path, key: AvroCodingKey(intValue: index))
            }
        }
        encoder.output.writer.writeLong(0)
        return true
    }
}

extension Dictionary: AvroCollectionEncodable where Key == String, Value: Encodable {
    func avroEncode(encoder: StreamEncoder, collection: (node: Int32, branch: Int?), path: [any CodingKey]) throws(AvroError) -> Bool {
        let node = encoder.output.program.nodes[Int(collection.node)]
        guard node.op == .map else { return false }
        if let branch = collection.branch {
            encoder.output.writer.writeLong(Int64(branch))
        }
        if !isEmpty {
            encoder.output.writer.writeLong(Int64(count))
            for (key, value) in self {
                encoder.output.writer.writeString(key)
                try encoder.encodeValue(value, node: node.a, parentPath: path, key: AvroCodingKey(stringValue: key))
            }
        }
        encoder.output.writer.writeLong(0)
        return true
    }
}
