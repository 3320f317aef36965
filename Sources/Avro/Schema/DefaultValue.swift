import Foundation

/// Converts field defaults between their JSON form and ``AvroValue``, following the specification's table:
/// `bytes` and `fixed` are strings of code points 0–255, enums are symbol strings, records and maps are objects,
/// and a union's default belongs to the first branch that accepts it.
enum DefaultValue {
    /// The deepest a default may nest, counting records filled from their own fields' defaults; this ends a
    /// record whose default refers to itself.
    static let maxDepth = 256

    static func value(
        from json: JSONValue,
        schema: AvroSchema,
        table: SchemaTable,
        path: String,
        fieldDefault: (String, Int) -> JSONValue?,
        depth: Int = 0
    ) throws(AvroError) -> AvroValue {
        guard depth < maxDepth else {
            throw AvroError.invalidSchema(path: path, message: "default nests deeper than \(maxDepth) levels; does a record default refer to itself?")
        }
        func mismatch(_ expected: String) -> AvroError {
            AvroError.invalidSchema(
                path: path,
                message: "default \(describe(json)) does not match type \(schema.summary); expected \(expected)"
            )
        }
        guard let resolved = table.resolve(schema) else {
            throw AvroError.invalidSchema(path: path, message: "default refers to the undefined type \(schema.typeName)")
        }
        switch resolved {
        case .null:
            guard json == .null else { throw mismatch("null") }
            return .null
        case .boolean:
            guard case let .bool(flag) = json else { throw mismatch("true or false") }
            return .boolean(flag)
        case .int:
            guard case let .integer(number) = json, let value = Int32(exactly: number) else { throw mismatch("an integer within 32 bits") }
            return .int(value)
        case .long:
            guard case let .integer(number) = json else { throw mismatch("an integer within 64 bits") }
            return .long(number)
        case .float:
            guard let number = json.doubleValue else { throw mismatch("a number") }
            return .float(Float(number))
        case .double:
            guard let number = json.doubleValue else { throw mismatch("a number") }
            return .double(number)
        case .bytes:
            guard let bytes = latin1Bytes(json) else { throw mismatch("a string of code points 0-255") }
            return .bytes(bytes)
        case .string:
            guard case let .string(text) = json else { throw mismatch("a string") }
            return .string(text)
        case let .logical(logical):
            let base = try value(from: json, schema: logical.underlying, table: table, path: path, fieldDefault: fieldDefault, depth: depth + 1)
            return AvroValue.logical(logical, from: base) ?? base
        case let .fixed(fixed):
            guard let bytes = latin1Bytes(json), bytes.count == fixed.size else {
                throw mismatch("a string of exactly \(fixed.size) code points 0-255")
            }
            if let decimal = fixed.decimal {
                return .decimal(AvroDecimal(unscaled: bytes, scale: decimal.scale))
            }
            return .fixed(bytes)
        case let .enumeration(enumeration):
            guard case let .string(symbol) = json, enumeration.symbols.contains(symbol) else {
                throw mismatch("one of the symbols \(enumeration.symbols)")
            }
            return .enumSymbol(symbol)
        case let .array(items):
            guard case let .array(elements) = json else { throw mismatch("an array") }
            var values: [AvroValue] = []
            for (index, element) in elements.enumerated() {
                values.append(try value(
                    from: element, schema: items, table: table, path: path + "/" + String(index),
                    fieldDefault: fieldDefault, depth: depth + 1
                ))
            }
            return .array(values)
        case let .map(valueSchema):
            guard case let .object(object) = json else { throw mismatch("an object") }
            var entries: [String: AvroValue] = [:]
            for member in object.members {
                entries[member.key] = try value(
                    from: member.value, schema: valueSchema, table: table, path: path + "/" + member.key,
                    fieldDefault: fieldDefault, depth: depth + 1
                )
            }
            return .map(entries)
        case let .union(branches):
            for branch in branches {
                if let converted = try? value(from: json, schema: branch, table: table, path: path, fieldDefault: fieldDefault, depth: depth + 1) {
                    return converted
                }
            }
            throw mismatch("a value of one of the branches")
        case let .record(record):
            guard case let .object(object) = json else { throw mismatch("an object with the record's fields") }
            var fields: [AvroRecord.Field] = []
            for (index, field) in record.fields.enumerated() {
                let fieldPath = path + "/" + field.name
                guard let fieldJSON = object[field.name] ?? fieldDefault(record.name, index) else {
                    throw AvroError.invalidSchema(
                        path: fieldPath,
                        message: "default for record \(record.name) lacks field '\(field.name)', which has no default of its own"
                    )
                }
                fields.append(AvroRecord.Field(
                    name: field.name,
                    value: try value(from: fieldJSON, schema: field.type, table: table, path: fieldPath, fieldDefault: fieldDefault, depth: depth + 1)
                ))
            }
            return .record(AvroRecord(fields))
        case .reference:
            throw AvroError.invalidSchema(path: path, message: "default refers to the undefined type \(schema.typeName)")
        }
    }

    /// The JSON form of a default, for writing a schema back out.
    static func json(from value: AvroValue) -> JSONValue {
        switch value {
        case .null: return .null
        case let .boolean(flag): return .bool(flag)
        case let .int(number), let .date(number), let .timeMillis(number): return .integer(Int64(number))
        case let .long(number), let .timeMicros(number), let .timestampMillis(number), let .timestampMicros(number),
             let .localTimestampMillis(number), let .localTimestampMicros(number):
            return .integer(number)
        case let .float(number): return .number(Double(number))
        case let .double(number): return .number(number)
        case let .bytes(bytes), let .fixed(bytes): return .string(latin1String(bytes))
        case let .decimal(decimal): return .string(latin1String(decimal.unscaled))
        case let .string(text), let .enumSymbol(text): return .string(text)
        case let .uuid(uuid): return .string(uuid.uuidString.lowercased())
        case let .array(elements): return .array(elements.map(json(from:)))
        case let .map(entries):
            return .object(JSONObject(members: entries.keys.sorted().map { JSONObject.Member(key: $0, value: json(from: entries[$0] ?? .null)) }))
        case let .record(record):
            return .object(JSONObject(members: record.fields.map { JSONObject.Member(key: $0.name, value: json(from: $0.value)) }))
        }
    }

    private static func latin1Bytes(_ json: JSONValue) -> [UInt8]? {
        guard case let .string(text) = json else { return nil }
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            guard scalar.value <= 0xFF else { return nil }
            bytes.append(UInt8(scalar.value))
        }
        return bytes
    }

    private static func latin1String(_ bytes: [UInt8]) -> String {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    private static func describe(_ json: JSONValue) -> String {
        var text = ""
        JSONWriter.append(json, to: &text)
        return text.count > 60 ? String(text.prefix(57)) + "..." : text
    }
}
