/// Turns parsed JSON into an ``AvroSchema``, applying the specification's naming, uniqueness and
/// logical-type rules. Recursion depth is bounded by the JSON parser's nesting limit.
struct SchemaParser {
    let options: AvroSchema.ParseOptions
    /// Named types defined so far, by full name.
    private var definitions: [String: AvroSchema] = [:]
    /// Field defaults, checked once every named type is known (a default may use a type defined later in
    /// the same record). Keyed by record full name, then field index.
    private var pendingDefaults: [String: [Int: (json: JSONValue, path: String)]] = [:]

    init(options: AvroSchema.ParseOptions) {
        self.options = options
    }

    mutating func parse(_ json: JSONValue, namespace: String, path: String) throws(AvroError) -> AvroSchema {
        switch json {
        case let .string(name):
            return try reference(name, namespace: namespace, path: path)
        case let .array(branches):
            return try parseUnion(branches, namespace: namespace, path: path)
        case let .object(object):
            return try parseObject(object, namespace: namespace, path: path)
        default:
            throw AvroError.invalidSchema(
                path: path,
                message: "expected a type name, a schema object or a union array, found \(json.kindName)"
            )
        }
    }

    // MARK: - Names

    private func reference(_ name: String, namespace: String, path: String) throws(AvroError) -> AvroSchema {
        if let primitive = Self.primitive(name) {
            return primitive
        }
        let candidates = name.contains(".") || namespace.isEmpty ? [name] : [namespace + "." + name, name]
        for candidate in candidates where definitions[candidate] != nil {
            return .reference(candidate)
        }
        let known = definitions.keys.sorted()
        let hint = known.isEmpty ? "no named types are defined yet" : "defined so far: " + known.joined(separator: ", ")
        throw AvroError.invalidSchema(
            path: path,
            message: "unknown type '\(name)'; use a primitive type or a named type defined earlier (\(hint))"
        )
    }

    private static func primitive(_ name: String) -> AvroSchema? {
        switch name {
        case "null": return .null
        case "boolean": return .boolean
        case "int": return .int
        case "long": return .long
        case "float": return .float
        case "double": return .double
        case "bytes": return .bytes
        case "string": return .string
        default: return nil
        }
    }

    /// Reads `name` and `namespace` of a named type and claims its full name.
    private mutating func declareName(
        _ object: JSONObject,
        kind: String,
        enclosing: String,
        path: String
    ) throws(AvroError) -> (fullName: String, aliases: [String]) {
        guard case let .string(name)? = object["name"] else {
            throw AvroError.invalidSchema(path: path + "/name", message: "a \(kind) needs a \"name\" string")
        }
        var namespace = enclosing
        switch object["namespace"] {
        case let .string(declared)?: namespace = declared
        case .null?, nil: break
        case let other?:
            throw AvroError.invalidSchema(
                path: path + "/namespace",
                message: "\"namespace\" must be a string, found \(other.kindName)"
            )
        }
        let fullName = AvroName.qualify(name, in: namespace)
        guard AvroName.isValidFullName(fullName) else {
            throw AvroError.invalidSchema(
                path: path + (name.contains(".") || namespace == enclosing ? "/name" : "/namespace"),
                message: "'\(fullName)' is not a valid name; each dot-separated part must match [A-Za-z_][A-Za-z0-9_]*"
            )
        }
        guard !AvroName.primitives.contains(fullName) else {
            throw AvroError.invalidSchema(
                path: path + "/name",
                message: "a \(kind) cannot be named '\(fullName)', which is a primitive type; choose another name"
            )
        }
        guard definitions[fullName] == nil else {
            throw AvroError.invalidSchema(
                path: path + "/name",
                message: "'\(fullName)' is already defined; refer to it by name instead of defining it again"
            )
        }
        // Claim the name now so that the type can refer to itself.
        definitions[fullName] = .reference(fullName)
        let aliases = try stringArray(
            object["aliases"],
            path: path + "/aliases",
            what: "aliases",
            validate: { AvroName.isValidFullName($0) }
        ).map { AvroName.qualify($0, in: AvroName.namespace(of: fullName)) }
        return (fullName, aliases)
    }

    // MARK: - Complex types

    private mutating func parseUnion(_ branches: [JSONValue], namespace: String, path: String) throws(AvroError) -> AvroSchema {
        var parsed: [AvroSchema] = []
        var seen: [String: Int] = [:]
        for (index, branch) in branches.enumerated() {
            let branchPath = path + "/" + String(index)
            let schema = try parse(branch, namespace: namespace, path: branchPath)
            if case .union = schema {
                throw AvroError.invalidSchema(
                    path: branchPath,
                    message: "a union cannot contain another union directly; merge the branches into one union"
                )
            }
            let key = Self.unionKey(schema)
            if let first = seen[key] {
                throw AvroError.invalidSchema(
                    path: branchPath,
                    message: "union branch \(index) repeats '\(key)' of branch \(first); a union may hold each "
                        + "unnamed type once and each named type once"
                )
            }
            seen[key] = index
            parsed.append(schema)
        }
        return .union(parsed)
    }

    /// The identity of a union branch for the uniqueness rule: logical types count as their underlying type.
    static func unionKey(_ schema: AvroSchema) -> String {
        switch schema {
        case let .logical(logical): return logical.underlying.typeName
        case let .fixed(fixed): return fixed.name
        case let .enumeration(enumeration): return enumeration.name
        case let .record(record): return record.name
        case let .reference(name): return name
        default: return schema.typeName
        }
    }

    private mutating func parseObject(_ object: JSONObject, namespace: String, path: String) throws(AvroError) -> AvroSchema {
        guard let typeValue = object["type"] else {
            throw AvroError.invalidSchema(
                path: path,
                message: "a schema object needs a \"type\" member (a primitive, \"record\", \"enum\", \"array\", \"map\" or \"fixed\")"
            )
        }
        guard case let .string(type) = typeValue else {
            return try parse(typeValue, namespace: namespace, path: path + "/type")
        }
        switch type {
        case "record", "error":
            return try parseRecord(object, namespace: namespace, path: path)
        case "enum":
            return try parseEnum(object, namespace: namespace, path: path)
        case "fixed":
            return try parseFixed(object, namespace: namespace, path: path)
        case "array":
            guard let items = object["items"] else {
                throw AvroError.invalidSchema(path: path, message: "an array needs an \"items\" schema")
            }
            return .array(try parse(items, namespace: namespace, path: path + "/items"))
        case "map":
            guard let values = object["values"] else {
                throw AvroError.invalidSchema(path: path, message: "a map needs a \"values\" schema")
            }
            return .map(try parse(values, namespace: namespace, path: path + "/values"))
        default:
            let base = try reference(type, namespace: namespace, path: path + "/type")
            return try applyLogicalType(object, to: base, path: path)
        }
    }

    private mutating func parseRecord(_ object: JSONObject, namespace: String, path: String) throws(AvroError) -> AvroSchema {
        let (fullName, aliases) = try declareName(object, kind: "record", enclosing: namespace, path: path)
        let inner = AvroName.namespace(of: fullName)
        guard case let .array(fieldValues)? = object["fields"] else {
            throw AvroError.invalidSchema(path: path + "/fields", message: "a record needs a \"fields\" array")
        }
        var fields: [AvroSchema.Field] = []
        var fieldIndices: [String: Int] = [:]
        for (index, fieldValue) in fieldValues.enumerated() {
            let fieldPath = path + "/fields/" + String(index)
            guard case let .object(fieldObject) = fieldValue else {
                throw AvroError.invalidSchema(path: fieldPath, message: "a field must be an object with \"name\" and \"type\"")
            }
            guard case let .string(name)? = fieldObject["name"] else {
                throw AvroError.invalidSchema(path: fieldPath + "/name", message: "a field needs a \"name\" string")
            }
            guard AvroName.isValidSimpleName(name) else {
                throw AvroError.invalidSchema(
                    path: fieldPath + "/name",
                    message: "field name '\(name)' is not valid; it must match [A-Za-z_][A-Za-z0-9_]*"
                )
            }
            if let previous = fieldIndices[name] {
                throw AvroError.invalidSchema(
                    path: fieldPath + "/name",
                    message: "field '\(name)' is already field \(previous) of record \(fullName); rename one of them"
                )
            }
            fieldIndices[name] = index
            guard let typeValue = fieldObject["type"] else {
                throw AvroError.invalidSchema(path: fieldPath + "/type", message: "field '\(name)' needs a \"type\"")
            }
            let type = try parse(typeValue, namespace: inner, path: fieldPath + "/type")
            let order: AvroSchema.SortOrder
            switch fieldObject["order"] {
            case nil: order = .ascending
            case let .string(text)?:
                guard let parsed = AvroSchema.SortOrder(rawValue: text) else {
                    throw AvroError.invalidSchema(
                        path: fieldPath + "/order",
                        message: "\"order\" must be \"ascending\", \"descending\" or \"ignore\", not \"\(text)\""
                    )
                }
                order = parsed
            case let other?:
                throw AvroError.invalidSchema(path: fieldPath + "/order", message: "\"order\" must be a string, found \(other.kindName)")
            }
            let fieldAliases = try stringArray(
                fieldObject["aliases"],
                path: fieldPath + "/aliases",
                what: "aliases",
                validate: AvroName.isValidSimpleName
            )
            if let defaultJSON = fieldObject["default"] {
                pendingDefaults[fullName, default: [:]][index] = (defaultJSON, fieldPath + "/default")
            }
            fields.append(AvroSchema.Field(
                name: name,
                type: type,
                doc: try optionalString(fieldObject["doc"], path: fieldPath + "/doc"),
                aliases: fieldAliases,
                order: order
            ))
        }
        let record = AvroSchema.record(AvroSchema.Record(
            name: fullName,
            aliases: aliases,
            doc: try optionalString(object["doc"], path: path + "/doc"),
            fields: fields
        ))
        definitions[fullName] = record
        return record
    }

    private mutating func parseEnum(_ object: JSONObject, namespace: String, path: String) throws(AvroError) -> AvroSchema {
        let (fullName, aliases) = try declareName(object, kind: "enum", enclosing: namespace, path: path)
        guard object["symbols"] != nil else {
            throw AvroError.invalidSchema(path: path + "/symbols", message: "an enum needs a \"symbols\" array of names")
        }
        let symbols = try stringArray(
            object["symbols"],
            path: path + "/symbols",
            what: "symbols",
            validate: AvroName.isValidSimpleName
        )
        var seen = Set<String>()
        for (index, symbol) in symbols.enumerated() where !seen.insert(symbol).inserted {
            throw AvroError.invalidSchema(
                path: path + "/symbols/" + String(index),
                message: "symbol '\(symbol)' appears more than once; enum symbols must be unique"
            )
        }
        var defaultSymbol: String?
        switch object["default"] {
        case nil: break
        case let .string(symbol)?:
            guard seen.contains(symbol) else {
                throw AvroError.invalidSchema(
                    path: path + "/default",
                    message: "enum default '\(symbol)' is not one of the symbols \(symbols)"
                )
            }
            defaultSymbol = symbol
        case let other?:
            throw AvroError.invalidSchema(path: path + "/default", message: "an enum default must be a symbol string, found \(other.kindName)")
        }
        let enumeration = AvroSchema.enumeration(AvroSchema.Enumeration(
            name: fullName,
            aliases: aliases,
            doc: try optionalString(object["doc"], path: path + "/doc"),
            symbols: symbols,
            defaultSymbol: defaultSymbol
        ))
        definitions[fullName] = enumeration
        return enumeration
    }

    private mutating func parseFixed(_ object: JSONObject, namespace: String, path: String) throws(AvroError) -> AvroSchema {
        let (fullName, aliases) = try declareName(object, kind: "fixed", enclosing: namespace, path: path)
        guard case let .integer(size)? = object["size"], size >= 0, size <= Int64(Int32.max) else {
            throw AvroError.invalidSchema(path: path + "/size", message: "a fixed needs a \"size\": a non-negative integer")
        }
        var fixed = AvroSchema.Fixed(
            name: fullName,
            aliases: aliases,
            doc: try optionalString(object["doc"], path: path + "/doc"),
            size: Int(size)
        )
        if case .string("decimal")? = object["logicalType"] {
            fixed.decimal = try decimalAttributes(object, fixedSize: Int(size), path: path)
        }
        let schema = AvroSchema.fixed(fixed)
        definitions[fullName] = schema
        return schema
    }

    // MARK: - Logical types

    private func applyLogicalType(_ object: JSONObject, to base: AvroSchema, path: String) throws(AvroError) -> AvroSchema {
        guard let value = object["logicalType"] else { return base }
        guard case let .string(name) = value else {
            return try invalidLogical(base, path: path + "/logicalType", "\"logicalType\" must be a string, found \(value.kindName)")
        }
        let logical: AvroSchema.LogicalType
        switch name {
        case "date": logical = .date
        case "time-millis": logical = .timeMillis
        case "time-micros": logical = .timeMicros
        case "timestamp-millis": logical = .timestampMillis
        case "timestamp-micros": logical = .timestampMicros
        case "local-timestamp-millis": logical = .localTimestampMillis
        case "local-timestamp-micros": logical = .localTimestampMicros
        case "uuid": logical = .uuid
        case "decimal":
            guard base == .bytes else {
                return try invalidLogical(base, path: path + "/type", "logical type 'decimal' needs type bytes or fixed, not \(base.typeName)")
            }
            guard let decimal = try decimalAttributes(object, fixedSize: nil, path: path) else { return base }
            logical = .decimal(decimal)
        default:
            // The specification requires unknown logical types to be ignored.
            return base
        }
        guard logical.underlying == base else {
            return try invalidLogical(
                base,
                path: path + "/type",
                "logical type '\(name)' needs type \(logical.underlying.typeName), not \(base.typeName)"
            )
        }
        return .logical(logical)
    }

    private func decimalAttributes(_ object: JSONObject, fixedSize: Int?, path: String) throws(AvroError) -> AvroSchema.Decimal? {
        guard case let .integer(precision)? = object["precision"] else {
            _ = try invalidLogical(.bytes, path: path + "/precision", "a decimal needs a \"precision\": a positive integer")
            return nil
        }
        var scale: Int64 = 0
        switch object["scale"] {
        case nil: break
        case let .integer(value)?: scale = value
        case let other?:
            _ = try invalidLogical(.bytes, path: path + "/scale", "a decimal \"scale\" must be an integer, found \(other.kindName)")
            return nil
        }
        let decimal = AvroSchema.Decimal(precision: Int(clamping: precision), scale: Int(clamping: scale))
        if let problem = decimal.problem(fixedSize: fixedSize) {
            _ = try invalidLogical(.bytes, path: path + (problem.contains("scale") ? "/scale" : "/precision"), problem)
            return nil
        }
        return decimal
    }

    /// Throws when logical types are validated; otherwise falls back to the underlying type.
    private func invalidLogical(_ base: AvroSchema, path: String, _ message: String) throws(AvroError) -> AvroSchema {
        if options.validatesLogicalTypes {
            throw AvroError.invalidSchema(
                path: path,
                message: message + " (fix the attributes, or remove \"logicalType\" to use the plain type)"
            )
        }
        return base
    }

    // MARK: - Defaults

    /// Converts every recorded field default now that all named types are known.
    func fillDefaults(_ schema: AvroSchema) throws(AvroError) -> AvroSchema {
        guard !pendingDefaults.isEmpty else { return schema }
        let table = SchemaTable(schema)
        return try fill(schema, table: table)
    }

    private func fill(_ schema: AvroSchema, table: SchemaTable) throws(AvroError) -> AvroSchema {
        switch schema {
        case var .record(record):
            let defaults = pendingDefaults[record.name] ?? [:]
            for index in record.fields.indices {
                record.fields[index].type = try fill(record.fields[index].type, table: table)
                guard let (json, path) = defaults[index] else { continue }
                do {
                    record.fields[index].defaultValue = try DefaultValue.value(
                        from: json,
                        schema: record.fields[index].type,
                        table: table,
                        path: path,
                        fieldDefault: { [pendingDefaults] name, index in pendingDefaults[name]?[index]?.json }
                    )
                } catch {
                    if options.validatesDefaults { throw error }
                }
            }
            return .record(record)
        case let .array(items):
            return .array(try fill(items, table: table))
        case let .map(values):
            return .map(try fill(values, table: table))
        case let .union(branches):
            var filled: [AvroSchema] = []
            for branch in branches {
                filled.append(try fill(branch, table: table))
            }
            return .union(filled)
        default:
            return schema
        }
    }

    // MARK: - Attribute helpers

    private func optionalString(_ value: JSONValue?, path: String) throws(AvroError) -> String? {
        switch value {
        case nil, .null?: return nil
        case let .string(text)?: return text
        case let other?: throw AvroError.invalidSchema(path: path, message: "expected a string, found \(other.kindName)")
        }
    }

    private func stringArray(
        _ value: JSONValue?,
        path: String,
        what: String,
        validate: (String) -> Bool
    ) throws(AvroError) -> [String] {
        guard let value else { return [] }
        guard case let .array(elements) = value else {
            throw AvroError.invalidSchema(path: path, message: "\"\(what)\" must be an array of names, found \(value.kindName)")
        }
        var names: [String] = []
        for (index, element) in elements.enumerated() {
            guard case let .string(name) = element, validate(name) else {
                throw AvroError.invalidSchema(
                    path: path + "/" + String(index),
                    message: "\(what) entries must be names matching [A-Za-z_][A-Za-z0-9_]* (dot-separated for full names)"
                )
            }
            names.append(name)
        }
        return names
    }
}
