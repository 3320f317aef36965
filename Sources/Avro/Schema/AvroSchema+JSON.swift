extension AvroSchema {
    /// The schema as compact JSON with every attribute kept (`doc`, `aliases`, `default`, `order`,
    /// `logicalType`, enum `default`), suitable for registering with a schema registry or saving as `.avsc`.
    /// Names are written in full, so the text does not depend on enclosing namespaces.
    public var jsonString: String {
        var writer = FullJSONWriter(table: SchemaTable(self))
        writer.write(self)
        return writer.output
    }
}

/// Writes a schema with all of its attributes; like the canonical-form writer it keeps its own stack.
private struct FullJSONWriter {
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
                steps.append(contentsOf: expand(schema).reversed())
            }
        }
    }

    private mutating func expand(_ schema: AvroSchema) -> [Step] {
        switch schema {
        case .null, .boolean, .int, .long, .float, .double, .bytes, .string:
            return [.text(quoted(schema.typeName))]
        case let .logical(logical):
            var text = "{\"type\":\(quoted(logical.underlying.typeName)),\"logicalType\":\(quoted(logical.name))"
            if case let .decimal(decimal) = logical {
                text += ",\"precision\":\(decimal.precision),\"scale\":\(decimal.scale)"
            }
            return [.text(text + "}")]
        case let .reference(name):
            guard !written.contains(name), let definition = table.definitions[name], definition.fullName == name else {
                return [.text(quoted(name))]
            }
            return [.schema(definition)]
        case let .fixed(fixed):
            guard written.insert(fixed.name).inserted else { return [.text(quoted(fixed.name))] }
            var text = "{\"type\":\"fixed\",\"name\":\(quoted(fixed.name))" + namedExtras(fixed.aliases, fixed.doc)
            text += ",\"size\":\(fixed.size)"
            if let decimal = fixed.decimal {
                text += ",\"logicalType\":\"decimal\",\"precision\":\(decimal.precision),\"scale\":\(decimal.scale)"
            }
            return [.text(text + "}")]
        case let .enumeration(enumeration):
            guard written.insert(enumeration.name).inserted else { return [.text(quoted(enumeration.name))] }
            var text = "{\"type\":\"enum\",\"name\":\(quoted(enumeration.name))"
                + namedExtras(enumeration.aliases, enumeration.doc)
            text += ",\"symbols\":[" + enumeration.symbols.map(quoted).joined(separator: ",") + "]"
            if let symbol = enumeration.defaultSymbol {
                text += ",\"default\":\(quoted(symbol))"
            }
            return [.text(text + "}")]
        case let .record(record):
            guard written.insert(record.name).inserted else { return [.text(quoted(record.name))] }
            var steps: [Step] = [.text(
                "{\"type\":\"record\",\"name\":\(quoted(record.name))" + namedExtras(record.aliases, record.doc) + ",\"fields\":["
            )]
            for (index, field) in record.fields.enumerated() {
                steps.append(.text((index > 0 ? "," : "") + "{\"name\":\(quoted(field.name)),\"type\":"))
                steps.append(.schema(field.type))
                var tail = ""
                if let doc = field.doc {
                    tail += ",\"doc\":\(quoted(doc))"
                }
                if let value = field.defaultValue {
                    tail += ",\"default\":"
                    JSONWriter.append(DefaultValue.json(from: value), to: &tail)
                }
                if field.order != .ascending {
                    tail += ",\"order\":\(quoted(field.order.rawValue))"
                }
                if !field.aliases.isEmpty {
                    tail += ",\"aliases\":[" + field.aliases.map(quoted).joined(separator: ",") + "]"
                }
                steps.append(.text(tail + "}"))
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

    private func namedExtras(_ aliases: [String], _ doc: String?) -> String {
        var text = ""
        if let doc {
            text += ",\"doc\":\(quoted(doc))"
        }
        if !aliases.isEmpty {
            text += ",\"aliases\":[" + aliases.map(quoted).joined(separator: ",") + "]"
        }
        return text
    }

    private func quoted(_ text: String) -> String {
        var result = ""
        JSONWriter.appendString(text, to: &result)
        return result
    }
}
