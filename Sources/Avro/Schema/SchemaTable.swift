/// The named types of one schema, so that a ``AvroSchema/reference(_:)`` can be followed to its definition.
struct SchemaTable: Sendable {
    /// Definitions by full name.
    private(set) var definitions: [String: AvroSchema] = [:]

    /// Collects the definitions of `schema`. The walk keeps its own stack, so a schema nested deeper than the
    /// thread's stack could hold is still walked safely.
    init(_ schema: AvroSchema) {
        var pending = [schema]
        while let next = pending.popLast() {
            switch next {
            case let .record(record):
                guard definitions[record.name] == nil else { continue }
                definitions[record.name] = next
                pending.append(contentsOf: record.fields.reversed().map(\.type))
            case let .enumeration(enumeration):
                if definitions[enumeration.name] == nil { definitions[enumeration.name] = next }
            case let .fixed(fixed):
                if definitions[fixed.name] == nil { definitions[fixed.name] = next }
            case let .array(items):
                pending.append(items)
            case let .map(values):
                pending.append(values)
            case let .union(branches):
                pending.append(contentsOf: branches.reversed())
            case .null, .boolean, .int, .long, .float, .double, .bytes, .string, .logical, .reference:
                continue
            }
        }
    }

    /// Follows references until a concrete schema is reached; `nil` when a name is not defined.
    func resolve(_ schema: AvroSchema) -> AvroSchema? {
        if case let .reference(name) = schema {
            return definitions[name]
        }
        return schema
    }
}
