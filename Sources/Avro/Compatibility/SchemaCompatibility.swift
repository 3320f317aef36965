/// Checks schema evolution the way a schema registry does: whether one schema can read data written with another,
/// and whether a new schema is compatible with its predecessors at a given ``CompatibilityLevel``.
///
/// Unlike building a resolving decoder, which stops at the first problem, the checker walks both schemas completely
/// and reports every breaking change with its path in the reader schema.
public enum SchemaCompatibility {
    /// Every reason data written with `writer` cannot be read with `reader`; empty when it always can.
    ///
    /// - Parameters:
    ///   - reader: The schema data is read with.
    ///   - writer: The schema data was written with.
    /// - Returns: The incompatibilities, in schema order, each with its path in `reader`.
    /// - Throws: `AvroError.invalidSchema` when a schema uses a named type it does not define or nests deeper than
    ///   512 levels.
    public static func incompatibilities(reader: AvroSchema, writer: AvroSchema) throws(AvroError) -> [Incompatibility] {
        var checker = Checker(reader: reader, writer: writer)
        try checker.check(reader: reader, writer: writer, path: "", depth: 0)
        return checker.found
    }

    /// Checks `new` against the earlier schemas as `level` asks.
    ///
    /// Non-transitive levels compare with the latest earlier schema only, as a registry compares with the latest
    /// registered version; transitive levels compare with every earlier schema.
    ///
    /// - Parameters:
    ///   - new: The schema being introduced.
    ///   - previous: The earlier schemas, oldest first.
    ///   - level: The compatibility level.
    /// - Returns: The result, listing every failure with the earlier schema it concerns.
    /// - Throws: `AvroError.invalidSchema` as ``incompatibilities(reader:writer:)`` does.
    public static func check(_ new: AvroSchema, against previous: [AvroSchema], level: CompatibilityLevel) throws(AvroError) -> CompatibilityResult {
        var failures: [CompatibilityResult.Failure] = []
        guard level != .none, !previous.isEmpty else {
            return CompatibilityResult(level: level, failures: [])
        }
        let indices = level.isTransitive ? Array(previous.indices) : [previous.count - 1]
        for index in indices {
            if level.checksBackward {
                for incompatibility in try incompatibilities(reader: new, writer: previous[index]) {
                    failures.append(.init(previousIndex: index, direction: .newReadsPrevious, incompatibility: incompatibility))
                }
            }
            if level.checksForward {
                for incompatibility in try incompatibilities(reader: previous[index], writer: new) {
                    failures.append(.init(previousIndex: index, direction: .previousReadsNew, incompatibility: incompatibility))
                }
            }
        }
        return CompatibilityResult(level: level, failures: failures)
    }

    private struct Checker {
        let readerTable: SchemaTable
        let writerTable: SchemaTable
        var found: [Incompatibility] = []
        /// Named pairs already checked or being checked; a recursive schema meets itself here and stops.
        var visited = Set<String>()

        init(reader: AvroSchema, writer: AvroSchema) {
            readerTable = SchemaTable(reader)
            writerTable = SchemaTable(writer)
        }

        mutating func report(_ kind: Incompatibility.Kind, _ path: String, _ message: String) {
            found.append(Incompatibility(kind: kind, path: path, message: message))
        }

        mutating func check(reader: AvroSchema, writer: AvroSchema, path: String, depth: Int) throws(AvroError) {
            guard depth < ProgramBuilder.maxSchemaDepth else {
                throw AvroError.invalidSchema(path: path, message: "schema nests deeper than \(ProgramBuilder.maxSchemaDepth) levels")
            }
            guard let reader = readerTable.resolve(reader) else {
                throw AvroError.invalidSchema(path: path, message: "the reader schema uses the undefined type \(reader.typeName)")
            }
            guard let writer = writerTable.resolve(writer) else {
                throw AvroError.invalidSchema(path: path, message: "the writer schema uses the undefined type \(writer.typeName)")
            }
            if case let .union(writerBranches) = writer {
                try checkWriterUnion(writerBranches, reader: reader, path: path, depth: depth)
                return
            }
            if case let .union(readerBranches) = reader {
                let resolved = readerBranches.map { readerTable.resolve($0) ?? $0 }
                guard let branch = ResolutionRules.bestBranch(for: writer, in: resolved) else {
                    report(.typeMismatch, path, "the reader's union \(reader.summary) has no branch for the writer's \(writer.summary)")
                    return
                }
                try check(reader: readerBranches[branch], writer: writer, path: path + "/" + String(branch), depth: depth + 1)
                return
            }
            switch (reader, writer) {
            case let (.record(readerRecord), .record(writerRecord)):
                try checkRecords(readerRecord, writerRecord, path: path, depth: depth)
            case let (.enumeration(readerEnum), .enumeration(writerEnum)):
                checkEnums(readerEnum, writerEnum, path: path)
            case let (.fixed(readerFixed), .fixed(writerFixed)):
                checkFixed(readerFixed, writerFixed, path: path)
            case let (.array(readerItems), .array(writerItems)):
                try check(reader: readerItems, writer: writerItems, path: path + "/items", depth: depth + 1)
            case let (.map(readerValues), .map(writerValues)):
                try check(reader: readerValues, writer: writerValues, path: path + "/values", depth: depth + 1)
            default:
                checkPrimitives(reader, writer, path: path)
            }
        }

        private mutating func checkWriterUnion(_ writerBranches: [AvroSchema], reader: AvroSchema, path: String, depth: Int) throws(AvroError) {
            for (index, writerBranch) in writerBranches.enumerated() {
                let resolvedWriter = writerTable.resolve(writerBranch) ?? writerBranch
                if case let .union(readerBranches) = reader {
                    let resolved = readerBranches.map { readerTable.resolve($0) ?? $0 }
                    guard let branch = ResolutionRules.bestBranch(for: resolvedWriter, in: resolved) else {
                        report(
                            .missingUnionBranch,
                            path,
                            "the reader's union \(reader.summary) has no branch for the writer's union branch \(index) (\(resolvedWriter.summary))"
                        )
                        continue
                    }
                    try check(reader: readerBranches[branch], writer: writerBranch, path: path + "/" + String(branch), depth: depth + 1)
                } else if ResolutionRules.bestBranch(for: resolvedWriter, in: [reader]) == nil {
                    report(
                        .missingUnionBranch,
                        path,
                        "the reader's \(reader.summary) cannot read the writer's union branch \(index) (\(resolvedWriter.summary))"
                    )
                } else {
                    try check(reader: reader, writer: writerBranch, path: path, depth: depth + 1)
                }
            }
        }

        private mutating func checkRecords(
            _ reader: AvroSchema.Record,
            _ writer: AvroSchema.Record,
            path: String,
            depth: Int
        ) throws(AvroError) {
            guard ResolutionRules.namesMatch(writer: writer.name, reader: reader.name, readerAliases: reader.aliases) else {
                report(
                    .nameMismatch,
                    path + "/name",
                    "the reader's record \(reader.name) does not match the writer's record \(writer.name); add the alias \(writer.name) if it was renamed"
                )
                return
            }
            guard visited.insert(reader.name + "|" + writer.name).inserted else { return }
            // One index of the writer's fields by name keeps the walk linear in the number of fields.
            var writerFields: [String: AvroSchema.Field] = [:]
            writerFields.reserveCapacity(writer.fields.count)
            for field in writer.fields where writerFields[field.name] == nil { writerFields[field.name] = field }
            for (index, readerField) in reader.fields.enumerated() {
                let fieldPath = path + "/fields/" + String(index) + "/type"
                let writerField = writerFields[readerField.name]
                    ?? readerField.aliases.lazy.compactMap { writerFields[$0] }.first
                if let writerField {
                    try check(reader: readerField.type, writer: writerField.type, path: fieldPath, depth: depth + 1)
                } else if readerField.defaultValue == nil {
                    report(.readerFieldMissingDefaultValue, fieldPath, ResolutionRules.missingField(readerField.name))
                }
            }
        }

        private mutating func checkEnums(_ reader: AvroSchema.Enumeration, _ writer: AvroSchema.Enumeration, path: String) {
            guard ResolutionRules.namesMatch(writer: writer.name, reader: reader.name, readerAliases: reader.aliases) else {
                report(
                    .nameMismatch,
                    path + "/name",
                    "the reader's enum \(reader.name) does not match the writer's enum \(writer.name); add the alias \(writer.name) if it was renamed"
                )
                return
            }
            let readerSymbols = Set(reader.symbols)
            let missing = writer.symbols.filter { !readerSymbols.contains($0) }
            if !missing.isEmpty, reader.defaultSymbol == nil {
                report(
                    .missingEnumSymbols,
                    path + "/symbols",
                    "the reader's enum \(reader.name) lacks the writer's symbols \(missing.joined(separator: ", ")) and has no default symbol"
                )
            }
        }

        private mutating func checkFixed(_ reader: AvroSchema.Fixed, _ writer: AvroSchema.Fixed, path: String) {
            guard ResolutionRules.namesMatch(writer: writer.name, reader: reader.name, readerAliases: reader.aliases) else {
                report(
                    .nameMismatch,
                    path + "/name",
                    "the reader's fixed \(reader.name) does not match the writer's fixed \(writer.name); add the alias \(writer.name) if it was renamed"
                )
                return
            }
            if reader.size != writer.size {
                report(
                    .fixedSizeMismatch,
                    path + "/size",
                    "the reader's fixed \(reader.name) has \(reader.size) bytes but the writer's has \(writer.size)"
                )
            }
            if let readerDecimal = reader.decimal, let writerDecimal = writer.decimal, readerDecimal != writerDecimal {
                report(.decimalMismatch, path, ResolutionRules.decimalMismatch(writer: writerDecimal, reader: readerDecimal))
            }
        }

        private mutating func checkPrimitives(_ reader: AvroSchema, _ writer: AvroSchema, path: String) {
            let (readerBase, readerLogical) = ResolutionRules.split(reader)
            let (writerBase, writerLogical) = ResolutionRules.split(writer)
            let compatible = (readerBase == writerBase && !ResolutionRules.isComplex(readerBase))
                || ResolutionRules.promotes(writer: writer, reader: reader)
            guard compatible else {
                report(.typeMismatch, path, "the reader's \(reader.summary) cannot read the writer's \(writer.summary)")
                return
            }
            if case let .decimal(readerDecimal)? = readerLogical, case let .decimal(writerDecimal)? = writerLogical, readerDecimal != writerDecimal {
                report(.decimalMismatch, path, ResolutionRules.decimalMismatch(writer: writerDecimal, reader: readerDecimal))
            }
        }
    }
}

/// The outcome of ``SchemaCompatibility/check(_:against:level:)``.
public struct CompatibilityResult: Sendable, Hashable {
    /// Which way data failed to flow.
    public enum Direction: Sendable, Hashable {
        /// The new schema (reader) cannot read data written with an earlier one (writer).
        case newReadsPrevious
        /// An earlier schema (reader) cannot read data written with the new one (writer).
        case previousReadsNew
    }

    /// One incompatibility between the new schema and an earlier one.
    public struct Failure: Sendable, Hashable {
        /// The position of the earlier schema in the `previous` list.
        public var previousIndex: Int
        /// Which schema was the reader.
        public var direction: Direction
        /// The breaking change, with its path in the reader schema.
        public var incompatibility: Incompatibility
    }

    /// The level that was checked.
    public var level: CompatibilityLevel
    /// Every failure found; empty when the new schema is compatible.
    public var failures: [Failure]

    /// Whether the new schema is compatible at ``level``.
    public var isCompatible: Bool { failures.isEmpty }
}
