/// Compiles a schema, or a writer schema and a reader schema, into a ``Program``.
///
/// One builder serves both: encoding and plain decoding compile the schema against itself; resolution
/// compiles the writer's types against the reader's, following the specification's rules (promotions, fields
/// matched by name or alias, reader defaults, enum defaults, unions on either side).
struct ProgramBuilder {
    /// The deepest schema nesting compiled; deeper schemas can only come from code, never from parsed JSON.
    static let maxSchemaDepth = 512

    private var program = ProgramTables()
    private let writerTable: SchemaTable
    private let readerTable: SchemaTable
    private var memo: [MemoKey: Int32] = [:]

    private struct MemoKey: Hashable {
        var writer: String
        var reader: String
        /// Whether both sides are the writer's (nodes used to skip writer-only fields).
        var writerOnly: Bool
    }

    private init(writer: AvroSchema, reader: AvroSchema) {
        writerTable = SchemaTable(writer)
        readerTable = SchemaTable(reader)
    }

    /// Compiles `schema` for encoding and for decoding data written with it.
    static func compile(_ schema: AvroSchema) throws(AvroError) -> Program {
        var builder = ProgramBuilder(writer: schema, reader: schema)
        builder.program.root = try builder.node(writer: schema, reader: schema, writerOnly: true, path: "", depth: 0)
        return Program(builder.program)
    }

    /// Compiles a decoder that reads data written with `writer` into values shaped by `reader`.
    ///
    /// - Throws: `AvroError.unresolvable` when no data written with `writer` could be read, naming the path in the
    ///   reader schema; mismatches that only some data would hit (a writer union branch the reader lacks, an enum
    ///   symbol without a reader default) fail when such data is decoded.
    static func compile(writer: AvroSchema, reader: AvroSchema) throws(AvroError) -> Program {
        var builder = ProgramBuilder(writer: writer, reader: reader)
        builder.program.root = try builder.node(writer: writer, reader: reader, writerOnly: false, path: "", depth: 0)
        return Program(builder.program)
    }

    // MARK: - Nodes

    private mutating func node(
        writer: AvroSchema,
        reader: AvroSchema,
        writerOnly: Bool,
        path: String,
        depth: Int
    ) throws(AvroError) -> Int32 {
        guard depth < Self.maxSchemaDepth else {
            throw AvroError.invalidSchema(path: path, message: "schema nests deeper than \(Self.maxSchemaDepth) levels")
        }
        guard let writer = writerTable.resolve(writer) else {
            throw AvroError.invalidSchema(path: path, message: "the writer schema uses the undefined type \(writer.typeName)")
        }
        let readerSide = writerOnly ? writerTable : readerTable
        guard let reader = readerSide.resolve(reader) else {
            throw AvroError.invalidSchema(path: path, message: "the reader schema uses the undefined type \(reader.typeName)")
        }
        if case let .union(writerBranches) = writer {
            return try unionNode(writerBranches, reader: reader, writerOnly: writerOnly, path: path, depth: depth)
        }
        if case let .union(readerBranches) = reader {
            let resolved = readerBranches.map { readerSide.resolve($0) ?? $0 }
            guard let branch = ResolutionRules.bestBranch(for: writer, in: resolved) else {
                throw AvroError.unresolvable(
                    path: path,
                    message: "the reader's union \(reader.summary) has no branch for the writer's \(writer.summary)"
                )
            }
            return try node(writer: writer, reader: readerBranches[branch], writerOnly: writerOnly, path: path + "/" + String(branch), depth: depth + 1)
        }
        switch (writer, reader) {
        case let (.record(writerRecord), .record(readerRecord)):
            return try recordNode(writerRecord, readerRecord, writerOnly: writerOnly, path: path, depth: depth)
        case let (.enumeration(writerEnum), .enumeration(readerEnum)):
            return try enumNode(writerEnum, readerEnum, writerOnly: writerOnly, path: path)
        case let (.fixed(writerFixed), .fixed(readerFixed)):
            return try fixedNode(writerFixed, readerFixed, writerOnly: writerOnly, path: path)
        case let (.array(writerItems), .array(readerItems)):
            let index = append(Program.Node(op: .array))
            let items = try node(writer: writerItems, reader: readerItems, writerOnly: writerOnly, path: path + "/items", depth: depth + 1)
            program.nodes[Int(index)].a = items
            program.nodes[Int(index)].minSize = 1
            return index
        case let (.map(writerValues), .map(readerValues)):
            let index = append(Program.Node(op: .map))
            let values = try node(writer: writerValues, reader: readerValues, writerOnly: writerOnly, path: path + "/values", depth: depth + 1)
            program.nodes[Int(index)].a = values
            program.nodes[Int(index)].minSize = 1
            return index
        default:
            return try primitiveNode(writer, reader, path: path)
        }
    }

    private mutating func append(_ node: Program.Node) -> Int32 {
        program.nodes.append(node)
        return Int32(program.nodes.count - 1)
    }

    private mutating func failNode(path: String, message: String) -> Int32 {
        var node = Program.Node(op: .fail)
        node.a = Int32(program.failures.count)
        program.failures.append((path, message))
        return append(node)
    }

    // MARK: - Primitives and logical types

    private mutating func primitiveNode(_ writer: AvroSchema, _ reader: AvroSchema, path: String) throws(AvroError) -> Int32 {
        let (writerBase, writerLogical) = ResolutionRules.split(writer)
        let (readerBase, readerLogical) = ResolutionRules.split(reader)
        if case let .decimal(writerDecimal)? = writerLogical, case let .decimal(readerDecimal)? = readerLogical, writerDecimal != readerDecimal {
            throw AvroError.unresolvable(path: path, message: ResolutionRules.decimalMismatch(writer: writerDecimal, reader: readerDecimal))
        }
        let op: Program.Op
        switch (writerBase, readerBase) {
        case (.null, .null): op = .null
        case (.boolean, .boolean): op = .boolean
        case (.int, .int), (.int, .long), (.int, .float), (.int, .double): op = .int
        case (.long, .long), (.long, .float), (.long, .double): op = .long
        case (.float, .float), (.float, .double): op = .float
        case (.double, .double): op = .double
        case (.bytes, .bytes), (.bytes, .string): op = .bytes
        case (.string, .string), (.string, .bytes): op = .string
        default:
            throw AvroError.unresolvable(
                path: path,
                message: "the writer's \(writer.summary) cannot be read as the reader's \(reader.summary)"
            )
        }
        var node = Program.Node(op: op, tag: Self.tag(base: readerBase, logical: readerLogical))
        node.minSize = op == .float ? 4 : op == .double ? 8 : op == .null ? 0 : 1
        if case let .decimal(decimal)? = readerLogical {
            node.b = Int32(clamping: decimal.scale)
            node.c = Int32(clamping: decimal.precision)
        }
        return append(node)
    }

    private static func tag(base: AvroSchema, logical: AvroSchema.LogicalType?) -> Program.Tag {
        switch logical {
        case .date?: return .date
        case .timeMillis?: return .timeMillis
        case .timeMicros?: return .timeMicros
        case .timestampMillis?: return .timestampMillis
        case .timestampMicros?: return .timestampMicros
        case .localTimestampMillis?: return .localTimestampMillis
        case .localTimestampMicros?: return .localTimestampMicros
        case .uuid?: return .uuid
        case .decimal?: return .decimal
        case nil:
            switch base {
            case .int: return .int
            case .long: return .long
            case .float: return .float
            case .double: return .double
            case .bytes: return .bytes
            case .string: return .string
            default: return .none
            }
        }
    }

    // MARK: - Named types

    private mutating func recordNode(
        _ writer: AvroSchema.Record,
        _ reader: AvroSchema.Record,
        writerOnly: Bool,
        path: String,
        depth: Int
    ) throws(AvroError) -> Int32 {
        let key = MemoKey(writer: writer.name, reader: reader.name, writerOnly: writerOnly)
        if let index = memo[key] {
            return index
        }
        guard ResolutionRules.namesMatch(writer: writer.name, reader: reader.name, readerAliases: reader.aliases) else {
            throw AvroError.unresolvable(
                path: path,
                message: "the writer's record \(writer.name) does not match the reader's record \(reader.name); "
                    + "give the reader the alias \(writer.name) if it was renamed"
            )
        }
        let index = append(Program.Node(op: .record))
        memo[key] = index
        var actions: [Program.FieldAction] = []
        var filled = [Bool](repeating: false, count: reader.fields.count)
        var minSize: Int32 = 0
        var inOrder = writer.fields.count == reader.fields.count
        // Reader fields by name, then by alias (the first field claiming a name wins, as a linear search would).
        var readerByName: [String: Int] = [:]
        var readerByAlias: [String: Int] = [:]
        for (position, field) in reader.fields.enumerated() {
            if readerByName[field.name] == nil { readerByName[field.name] = position }
            for alias in field.aliases where readerByAlias[alias] == nil { readerByAlias[alias] = position }
        }
        for (writerIndex, writerField) in writer.fields.enumerated() {
            let readerIndex = readerByName[writerField.name] ?? readerByAlias[writerField.name]
            let child: Int32
            if let readerIndex {
                child = try node(
                    writer: writerField.type,
                    reader: reader.fields[readerIndex].type,
                    writerOnly: writerOnly,
                    path: path + "/fields/" + String(readerIndex) + "/type",
                    depth: depth + 1
                )
                filled[readerIndex] = true
            } else {
                child = try node(writer: writerField.type, reader: writerField.type, writerOnly: true, path: path, depth: depth + 1)
            }
            inOrder = inOrder && readerIndex == writerIndex
            actions.append(Program.FieldAction(node: child, slot: Int32(readerIndex ?? -1)))
            minSize = minSize.addingReportingOverflow(program.nodes[Int(child)].minSize).overflow
                ? Int32.max : minSize + program.nodes[Int(child)].minSize
        }
        var fills: [Program.Fill] = []
        for (readerIndex, readerField) in reader.fields.enumerated() where !filled[readerIndex] {
            guard let value = readerField.defaultValue else {
                throw AvroError.unresolvable(
                    path: path + "/fields/" + String(readerIndex) + "/type",
                    message: ResolutionRules.missingField(readerField.name)
                )
            }
            fills.append(Program.Fill(slot: Int32(readerIndex), value: value))
        }
        var node = Program.Node(op: .record)
        node.inOrder = inOrder && fills.isEmpty
        node.minSize = minSize
        node.a = Int32(program.fieldActions.count)
        node.b = Int32(actions.count)
        node.c = Int32(program.fieldNames.count)
        node.d = Int32(reader.fields.count)
        node.e = Int32(program.fills.count)
        node.f = Int32(fills.count)
        program.fieldActions.append(contentsOf: actions)
        program.fieldNames.append(contentsOf: reader.fields.map(\.name))
        program.fieldDefaults.append(contentsOf: reader.fields.map(\.defaultValue))
        program.fills.append(contentsOf: fills)
        program.recordNames[index] = reader.name
        program.nodes[Int(index)] = node
        return index
    }

    private mutating func enumNode(
        _ writer: AvroSchema.Enumeration,
        _ reader: AvroSchema.Enumeration,
        writerOnly: Bool,
        path: String
    ) throws(AvroError) -> Int32 {
        let key = MemoKey(writer: writer.name, reader: reader.name, writerOnly: writerOnly)
        if let index = memo[key] {
            return index
        }
        guard ResolutionRules.namesMatch(writer: writer.name, reader: reader.name, readerAliases: reader.aliases) else {
            throw AvroError.unresolvable(
                path: path,
                message: "the writer's enum \(writer.name) does not match the reader's enum \(reader.name); "
                    + "give the reader the alias \(writer.name) if it was renamed"
            )
        }
        let defaultIndex = reader.defaultSymbol.flatMap { reader.symbols.firstIndex(of: $0) }
        var node = Program.Node(op: .enumeration)
        node.minSize = 1
        node.a = Int32(program.symbols.count)
        node.d = Int32(reader.symbols.count)
        program.symbols.append(contentsOf: reader.symbols)
        node.e = Int32(program.symbols.count)
        program.symbols.append(contentsOf: writer.symbols)
        node.b = Int32(writer.symbols.count)
        node.c = Int32(program.enumMap.count)
        var readerSymbols: [String: Int] = [:]
        for (position, symbol) in reader.symbols.enumerated() where readerSymbols[symbol] == nil {
            readerSymbols[symbol] = position
        }
        for symbol in writer.symbols {
            program.enumMap.append(Int32(readerSymbols[symbol] ?? defaultIndex ?? -1))
        }
        let index = append(node)
        memo[key] = index
        return index
    }

    private mutating func fixedNode(
        _ writer: AvroSchema.Fixed,
        _ reader: AvroSchema.Fixed,
        writerOnly: Bool,
        path: String
    ) throws(AvroError) -> Int32 {
        let key = MemoKey(writer: writer.name, reader: reader.name, writerOnly: writerOnly)
        if let index = memo[key] {
            return index
        }
        guard ResolutionRules.namesMatch(writer: writer.name, reader: reader.name, readerAliases: reader.aliases) else {
            throw AvroError.unresolvable(
                path: path,
                message: "the writer's fixed \(writer.name) does not match the reader's fixed \(reader.name); "
                    + "give the reader the alias \(writer.name) if it was renamed"
            )
        }
        guard writer.size == reader.size else {
            throw AvroError.unresolvable(
                path: path + "/size",
                message: "the writer's fixed \(writer.name) has \(writer.size) bytes but the reader's has \(reader.size)"
            )
        }
        if let writerDecimal = writer.decimal, let readerDecimal = reader.decimal, writerDecimal != readerDecimal {
            throw AvroError.unresolvable(path: path, message: ResolutionRules.decimalMismatch(writer: writerDecimal, reader: readerDecimal))
        }
        var node = Program.Node(op: .fixed, tag: reader.decimal == nil ? .fixed : .decimal)
        node.minSize = Int32(clamping: reader.size)
        node.a = Int32(clamping: reader.size)
        if let decimal = reader.decimal {
            if let problem = decimal.problem(fixedSize: reader.size) {
                throw AvroError.invalidSchema(path: path, message: problem)
            }
            node.b = Int32(clamping: decimal.scale)
            node.c = Int32(clamping: decimal.precision)
        }
        let index = append(node)
        memo[key] = index
        return index
    }

    // MARK: - Unions

    private mutating func unionNode(
        _ writerBranches: [AvroSchema],
        reader: AvroSchema,
        writerOnly: Bool,
        path: String,
        depth: Int
    ) throws(AvroError) -> Int32 {
        let index = append(Program.Node(op: .union))
        var children: [Int32] = []
        let readerSide = writerOnly ? writerTable : readerTable
        for (writerIndex, writerBranch) in writerBranches.enumerated() {
            let resolvedWriter = writerTable.resolve(writerBranch) ?? writerBranch
            let target: (schema: AvroSchema, path: String)?
            if case let .union(readerBranches) = reader {
                let resolved = readerBranches.map { readerSide.resolve($0) ?? $0 }
                target = ResolutionRules.bestBranch(for: resolvedWriter, in: resolved).map { (readerBranches[$0], path + "/" + String($0)) }
            } else {
                target = ResolutionRules.bestBranch(for: resolvedWriter, in: [reader]).map { _ in (reader, path) }
            }
            guard let target else {
                children.append(failNode(
                    path: path,
                    message: "the writer's union branch \(writerIndex) (\(writerBranch.summary)) has no counterpart in the reader's \(reader.summary)"
                ))
                continue
            }
            do {
                children.append(try node(writer: writerBranch, reader: target.schema, writerOnly: writerOnly, path: target.path, depth: depth + 1))
            } catch {
                // Resolution of one branch failing only matters if the writer ever picks that branch.
                guard case let .unresolvable(failurePath, message) = error else { throw error }
                children.append(failNode(path: failurePath, message: message))
            }
        }
        var node = Program.Node(op: .union)
        node.minSize = 1
        node.a = Int32(program.branches.count)
        node.b = Int32(children.count)
        node.c = Int32(program.dispatch.count)
        program.branches.append(contentsOf: children)
        program.dispatch.append(contentsOf: dispatchTable(children))
        program.nodes[Int(index)] = node
        return index
    }

    // MARK: - Union dispatch for encoding

    /// For every value kind, the branch that takes it: an exact kind match first, then a lenient one (an `.int`
    /// into a `long` branch); -2 where several named branches could fit and the value decides at encode time.
    private func dispatchTable(_ children: [Int32]) -> [Int8] {
        (0..<AvroValue.kindCount).map { kind -> Int8 in
            let scores = children.map { Program.acceptance(of: kind, by: program.nodes[Int($0)]) }
            let exact = scores.indices.filter { scores[$0] == 2 }
            let lenient = scores.indices.filter { scores[$0] == 1 }
            let isNamedKind = kind == AvroValue.Kind.record || kind == AvroValue.Kind.enumSymbol
                || kind == AvroValue.Kind.fixed || kind == AvroValue.Kind.decimal
            if exact.count == 1 && !(isNamedKind && !lenient.isEmpty) {
                return Int8(clamping: exact[0])
            }
            if exact.count + lenient.count > 1 && isNamedKind {
                return -2
            }
            return Int8(clamping: exact.first ?? lenient.first ?? -1)
        }
    }
}
