/// The specification's rules for when a writer's type can be read as a reader's type, shared by the resolving
/// decoder and the compatibility checker so that both always agree.
enum ResolutionRules {
    /// A schema's primitive base and its logical type, if any.
    static func split(_ schema: AvroSchema) -> (base: AvroSchema, logical: AvroSchema.LogicalType?) {
        if case let .logical(logical) = schema {
            return (logical.underlying, logical)
        }
        return (schema, nil)
    }

    /// Whether a reader's named type accepts a writer's: the same simple name, or the writer's name among the
    /// reader's aliases.
    static func namesMatch(writer: String, reader: String, readerAliases: [String]) -> Bool {
        let writerSimple = AvroName.simpleName(of: writer)
        return AvroName.simpleName(of: reader) == writerSimple
            || readerAliases.contains(writer)
            || readerAliases.contains { AvroName.simpleName(of: $0) == writerSimple }
    }

    /// The reader branch that data of the writer's `schema` goes to: an identical full name first, then the first
    /// exact match, then the first branch the writer's type promotes to. Both sides must be dereferenced.
    static func bestBranch(for writer: AvroSchema, in readerBranches: [AvroSchema]) -> Int? {
        // A union may hold two named types with the same simple name in different namespaces.
        if let name = writer.fullName,
           let same = readerBranches.firstIndex(where: { $0.fullName == name && $0.typeName == writer.typeName }) {
            return same
        }
        if let exact = readerBranches.firstIndex(where: { matchesExactly(writer: writer, reader: $0) }) {
            return exact
        }
        return readerBranches.firstIndex { promotes(writer: writer, reader: $0) }
    }

    static func matchesExactly(writer: AvroSchema, reader: AvroSchema) -> Bool {
        switch (writer, reader) {
        case let (.record(w), .record(r)):
            return namesMatch(writer: w.name, reader: r.name, readerAliases: r.aliases)
        case let (.enumeration(w), .enumeration(r)):
            return namesMatch(writer: w.name, reader: r.name, readerAliases: r.aliases)
        case let (.fixed(w), .fixed(r)):
            return w.size == r.size && namesMatch(writer: w.name, reader: r.name, readerAliases: r.aliases)
        case (.array, .array), (.map, .map):
            return true
        default:
            return !isComplex(writer) && !isComplex(reader) && split(writer).base == split(reader).base
        }
    }

    /// Whether the writer's primitive can be promoted to the reader's: int to long, float or double; long to
    /// float or double; float to double; string and bytes either way.
    static func promotes(writer: AvroSchema, reader: AvroSchema) -> Bool {
        switch (split(writer).base, split(reader).base) {
        case (.int, .long), (.int, .float), (.int, .double), (.long, .float), (.long, .double), (.float, .double),
             (.string, .bytes), (.bytes, .string):
            return true
        default:
            return false
        }
    }

    static func isComplex(_ schema: AvroSchema) -> Bool {
        switch schema {
        case .record, .enumeration, .fixed, .array, .map, .union, .reference: return true
        default: return false
        }
    }

    /// The message for two decimals that differ; they only resolve when precision and scale match.
    static func decimalMismatch(writer: AvroSchema.Decimal, reader: AvroSchema.Decimal) -> String {
        "the writer's decimal(\(writer.precision), \(writer.scale)) differs from the reader's "
            + "decimal(\(reader.precision), \(reader.scale)); decimals resolve only when precision and scale match"
    }

    /// The message for a reader field that neither the writer nor a default can fill.
    static func missingField(_ name: String) -> String {
        "reader field '\(name)' has no default and is missing from the writer"
    }
}
