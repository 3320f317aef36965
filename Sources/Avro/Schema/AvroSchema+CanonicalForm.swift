extension AvroSchema {
    /// The schema's Parsing Canonical Form: full names everywhere, only the attributes that affect parsing
    /// (`name`, `type`, `fields`, `symbols`, `items`, `values`, `size`) in that order, logical types and
    /// defaults stripped, and no whitespace. Two schemas with the same canonical form read and write the same
    /// bytes.
    public var canonicalForm: String {
        var writer = CanonicalFormWriter(table: SchemaTable(self))
        writer.write(self)
        return writer.output
    }

    /// The CRC-64-AVRO (Rabin) fingerprint of the canonical form, as the single-object encoding and schema
    /// caches use it. Compare with the signed decimal values of the Avro test suite through
    /// `Int64(bitPattern:)`.
    public var fingerprint: UInt64 {
        AvroFingerprint.crc64(Array(canonicalForm.utf8))
    }
}

/// Writes the Parsing Canonical Form. A named type is written in full at its first occurrence and by name
/// afterwards; the writer keeps its own stack of pending work, so any depth of nesting is safe.
struct CanonicalFormWriter {
    let table: SchemaTable
    private(set) var output = ""
    private var written = Set<String>()

    init(table: SchemaTable) {
        self.table = table
    }

    private enum Step {
        case schema(AvroSchema)
        case text(String)
    }

    mutating func write(_ root: AvroSchema) {
        var steps: [Step] = [.schema(root)]
        while let step = steps.popLast() {
            switch step {
            case let .text(text):
                output.append(text)
            case let .schema(schema):
                // Steps run last-in first-out, so each expansion is pushed in reverse.
                steps.append(contentsOf: expand(schema).reversed())
            }
        }
    }

    private mutating func expand(_ schema: AvroSchema) -> [Step] {
        switch schema {
        case .null, .boolean, .int, .long, .float, .double, .bytes, .string:
            return [.text(quoted(schema.typeName))]
        case let .logical(logical):
            return [.schema(logical.underlying)]
        case let .reference(name):
            if written.contains(name) {
                return [.text(quoted(name))]
            }
            guard let definition = table.definitions[name], definition.fullName == name else {
                return [.text(quoted(name))]
            }
            return [.schema(definition)]
        case let .fixed(fixed):
            guard written.insert(fixed.name).inserted else { return [.text(quoted(fixed.name))] }
            return [.text("{\"name\":\(quoted(fixed.name)),\"type\":\"fixed\",\"size\":\(fixed.size)}")]
        case let .enumeration(enumeration):
            guard written.insert(enumeration.name).inserted else { return [.text(quoted(enumeration.name))] }
            let symbols = enumeration.symbols.map(quoted).joined(separator: ",")
            return [.text("{\"name\":\(quoted(enumeration.name)),\"type\":\"enum\",\"symbols\":[\(symbols)]}")]
        case let .record(record):
            guard written.insert(record.name).inserted else { return [.text(quoted(record.name))] }
            var steps: [Step] = [.text("{\"name\":\(quoted(record.name)),\"type\":\"record\",\"fields\":[")]
            for (index, field) in record.fields.enumerated() {
                steps.append(.text((index > 0 ? "," : "") + "{\"name\":\(quoted(field.name)),\"type\":"))
                steps.append(.schema(field.type))
                steps.append(.text("}"))
            }
            steps.append(.text("]}"))
            return steps
        case let .array(items):
            return [.text("{\"type\":\"array\",\"items\":"), .schema(items), .text("}")]
        case let .map(values):
            return [.text("{\"type\":\"map\",\"values\":"), .schema(values), .text("}")]
        case let .union(branches):
            var steps: [Step] = [.text("[")]
            for (index, branch) in branches.enumerated() {
                if index > 0 { steps.append(.text(",")) }
                steps.append(.schema(branch))
            }
            steps.append(.text("]"))
            return steps
        }
    }

    private func quoted(_ text: String) -> String {
        var result = ""
        JSONWriter.appendString(text, to: &result)
        return result
    }
}
