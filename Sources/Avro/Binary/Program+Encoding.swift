import Foundation

extension Program {
    /// Encodes `value` as the node at `index` describes, appending to `writer`. `depth` counts the records
    /// entered so far; past `maxDepth` encoding fails rather than exhausting the stack.
    func encode(_ value: AvroValue, node index: Int32, into writer: inout BinaryWriter, depth: Int, maxDepth: Int) throws(AvroError) {
        let node = nodes[Int(index)]
        switch node.op {
        case .null:
            guard case .null = value else { throw mismatch(value, node) }
        case .boolean:
            guard case let .boolean(flag) = value else { throw mismatch(value, node) }
            writer.writeBoolean(flag)
        case .int:
            writer.writeLong(Int64(try intValue(value, node)))
        case .long:
            writer.writeLong(try longValue(value, node))
        case .float:
            switch value {
            case let .float(number): writer.writeFloat(number)
            case let .double(number): writer.writeFloat(Float(number))
            case let .int(number): writer.writeFloat(Float(number))
            case let .long(number): writer.writeFloat(Float(number))
            default: throw mismatch(value, node)
            }
        case .double:
            switch value {
            case let .double(number): writer.writeDouble(number)
            case let .float(number): writer.writeDouble(Double(number))
            case let .int(number): writer.writeDouble(Double(number))
            case let .long(number): writer.writeDouble(Double(number))
            default: throw mismatch(value, node)
            }
        case .bytes:
            switch value {
            case let .bytes(bytes): writer.writeBytes(bytes)
            case let .decimal(decimal) where node.tag == .decimal:
                writer.writeBytes(try decimalUnscaled(decimal, node: node))
            default: throw mismatch(value, node)
            }
        case .string:
            switch value {
            case let .string(text): writer.writeString(text)
            case let .uuid(uuid) where node.tag == .uuid: writer.writeString(uuid.uuidString.lowercased())
            default: throw mismatch(value, node)
            }
        case .fixed:
            let bytes: [UInt8]
            switch value {
            case let .fixed(raw): bytes = raw
            case let .decimal(decimal) where node.tag == .decimal:
                let unscaled = try decimalUnscaled(decimal, node: node)
                guard let sized = AvroDecimal(unscaled: unscaled, scale: 0).fixedBytes(size: Int(node.a)) else {
                    throw AvroError.valueMismatch(path: "", message: "decimal \(decimal) does not fit in \(node.a) bytes")
                }
                bytes = sized
            default: throw mismatch(value, node)
            }
            guard bytes.count == Int(node.a) else {
                throw AvroError.valueMismatch(path: "", message: "fixed value has \(bytes.count) bytes; the schema's size is \(node.a)")
            }
            writer.bytes.append(contentsOf: bytes)
        case .enumeration:
            guard case let .enumSymbol(symbol) = value else { throw mismatch(value, node) }
            guard let position = symbolIndex(symbol, node: node) else {
                let known = symbols[Int(node.a)..<Int(node.a + node.d)].joined(separator: ", ")
                throw AvroError.valueMismatch(path: "", message: "'\(symbol)' is not a symbol of the enum (\(known))")
            }
            writer.writeLong(Int64(position))
        case .array:
            guard case let .array(items) = value else { throw mismatch(value, node) }
            if !items.isEmpty {
                writer.writeLong(Int64(items.count))
                for (position, item) in items.enumerated() {
                    do {
                        try encode(item, node: node.a, into: &writer, depth: depth, maxDepth: maxDepth)
                    } catch {
                        throw error.prefixingPath("/items[\(position)]")
                    }
                }
            }
            writer.writeLong(0)
        case .map:
            guard case let .map(entries) = value else { throw mismatch(value, node) }
            if !entries.isEmpty {
                writer.writeLong(Int64(entries.count))
                for (key, item) in entries {
                    writer.writeString(key)
                    do {
                        try encode(item, node: node.a, into: &writer, depth: depth, maxDepth: maxDepth)
                    } catch {
                        throw error.prefixingPath("/values[\(key)]")
                    }
                }
            }
            writer.writeLong(0)
        case .union:
            try encodeUnion(value, node: node, into: &writer, depth: depth, maxDepth: maxDepth)
        case .record:
            guard case let .record(record) = value else { throw mismatch(value, node) }
            guard depth < maxDepth else { throw AvroError.nestingTooDeep(limit: maxDepth) }
            try encodeRecord(record, node: node, into: &writer, depth: depth + 1, maxDepth: maxDepth)
        case .fail:
            let failure = failures[Int(node.a)]
            throw AvroError.unresolvable(path: failure.path, message: failure.message)
        }
    }

    private func encodeRecord(_ record: AvroRecord, node: Node, into writer: inout BinaryWriter, depth: Int, maxDepth: Int) throws(AvroError) {
        let fields = record.fields
        for position in 0..<Int(node.d) {
            let name = fieldNames[Int(node.c) + position]
            let fieldValue: AvroValue
            if position < fields.count, fields[position].name == name {
                fieldValue = fields[position].value
            } else if let found = fields.first(where: { $0.name == name }) {
                fieldValue = found.value
            } else if let fallback = fieldDefaults[Int(node.c) + position] {
                fieldValue = fallback
            } else {
                throw AvroError.valueMismatch(
                    path: "/fields/\(position)",
                    message: "the record value has no field '\(name)', and the schema gives it no default"
                )
            }
            do {
                try encode(fieldValue, node: fieldActions[Int(node.a) + position].node, into: &writer, depth: depth, maxDepth: maxDepth)
            } catch {
                throw error.prefixingPath("/fields/\(position)/type")
            }
        }
    }

    private func encodeUnion(_ value: AvroValue, node: Node, into writer: inout BinaryWriter, depth: Int, maxDepth: Int) throws(AvroError) {
        let choice = dispatch[Int(node.c) + value.kindIndex]
        if choice >= 0 {
            writer.writeLong(Int64(choice))
            do {
                try encode(value, node: branches[Int(node.a) + Int(choice)], into: &writer, depth: depth, maxDepth: maxDepth)
            } catch {
                throw error.prefixingPath("/\(choice)")
            }
            return
        }
        if choice == -2 {
            // Several named branches could take this value: try them in order, undoing a failed attempt.
            let mark = writer.bytes.count
            var lastError: AvroError?
            for branch in 0..<Int(node.b) where acceptance(of: value.kindIndex, by: branches[Int(node.a) + branch]) > 0 {
                writer.writeLong(Int64(branch))
                do {
                    try encode(value, node: branches[Int(node.a) + branch], into: &writer, depth: depth, maxDepth: maxDepth)
                    return
                } catch {
                    lastError = error.prefixingPath("/\(branch)")
                    writer.bytes.removeSubrange(mark...)
                }
            }
            if let lastError {
                throw lastError
            }
        }
        let summary = (0..<Int(node.b)).map { describe(branches[Int(node.a) + $0]) }.joined(separator: ", ")
        throw AvroError.valueMismatch(path: "", message: "no branch of the union [\(summary)] takes a \(value.kindName) value")
    }

    @inline(__always)
    private func intValue(_ value: AvroValue, _ node: Node) throws(AvroError) -> Int32 {
        switch value {
        case let .int(number): return number
        case let .long(number):
            guard let narrow = Int32(exactly: number) else {
                throw AvroError.valueMismatch(path: "", message: "\(number) does not fit in an int")
            }
            return narrow
        case let .date(days) where node.tag == .date: return days
        case let .timeMillis(millis) where node.tag == .timeMillis: return millis
        default: throw mismatch(value, node)
        }
    }

    @inline(__always)
    private func longValue(_ value: AvroValue, _ node: Node) throws(AvroError) -> Int64 {
        switch value {
        case let .long(number): return number
        case let .int(number): return Int64(number)
        case let .timestampMillis(number) where node.tag == .timestampMillis: return number
        case let .timestampMicros(number) where node.tag == .timestampMicros: return number
        case let .timeMicros(number) where node.tag == .timeMicros: return number
        case let .localTimestampMillis(number) where node.tag == .localTimestampMillis: return number
        case let .localTimestampMicros(number) where node.tag == .localTimestampMicros: return number
        default: throw mismatch(value, node)
        }
    }

    private func decimalUnscaled(_ decimal: AvroDecimal, node: Node) throws(AvroError) -> [UInt8] {
        guard let scaled = decimal.rescaled(to: Int(node.b)) else {
            throw AvroError.valueMismatch(path: "", message: "decimal \(decimal) has more than the schema's \(node.b) digits after the point")
        }
        guard scaled.digitCount <= Int(node.c) else {
            throw AvroError.valueMismatch(path: "", message: "decimal \(decimal) has more than the schema's precision of \(node.c) digits")
        }
        return scaled.unscaled
    }

    @inline(__always)
    private func symbolIndex(_ symbol: String, node: Node) -> Int? {
        let start = Int(node.a)
        for position in 0..<Int(node.d) where symbols[start + position] == symbol {
            return position
        }
        return nil
    }

    /// How well a node takes a value of the given kind: 2 exactly, 1 after a lossless or conventional
    /// conversion (an `.int` into a `long`, a `.string` into a `uuid`), 0 not at all.
    func acceptance(of kind: Int, by index: Int32) -> Int {
        Program.acceptance(of: kind, by: nodes[Int(index)])
    }

    /// See ``acceptance(of:by:)-(Int,Int32)``; for a node not yet in a program.
    static func acceptance(of kind: Int, by node: Node) -> Int {
        typealias Kind = AvroValue.Kind
        switch node.op {
        case .null: return kind == Kind.null ? 2 : 0
        case .boolean: return kind == Kind.boolean ? 2 : 0
        case .int, .long:
            let natural = naturalKind(node)
            if kind == natural { return 2 }
            return kind == Kind.int || kind == Kind.long ? 1 : 0
        case .float, .double:
            if kind == naturalKind(node) { return 2 }
            return [Kind.int, Kind.long, Kind.float, Kind.double].contains(kind) ? 1 : 0
        case .bytes:
            if kind == naturalKind(node) { return 2 }
            return kind == Kind.bytes ? 1 : 0
        case .string:
            if kind == naturalKind(node) { return 2 }
            return kind == Kind.string ? 1 : 0
        case .fixed:
            if kind == naturalKind(node) { return 2 }
            return kind == Kind.fixed ? 1 : 0
        case .enumeration: return kind == Kind.enumSymbol ? 2 : 0
        case .array: return kind == Kind.array ? 2 : 0
        case .map: return kind == Kind.map ? 2 : 0
        case .record: return kind == Kind.record ? 2 : 0
        case .union, .fail: return 0
        }
    }

    private static func naturalKind(_ node: Node) -> Int {
        typealias Kind = AvroValue.Kind
        switch node.tag {
        case .int: return Kind.int
        case .long: return Kind.long
        case .float: return Kind.float
        case .double: return Kind.double
        case .bytes: return Kind.bytes
        case .string: return Kind.string
        case .fixed: return Kind.fixed
        case .date: return Kind.date
        case .timeMillis: return Kind.timeMillis
        case .timeMicros: return Kind.timeMicros
        case .timestampMillis: return Kind.timestampMillis
        case .timestampMicros: return Kind.timestampMicros
        case .localTimestampMillis: return Kind.localTimestampMillis
        case .localTimestampMicros: return Kind.localTimestampMicros
        case .decimal: return Kind.decimal
        case .uuid: return Kind.uuid
        case .none: return -1
        }
    }

    /// A short description of what a node expects, for messages.
    func describe(_ index: Int32) -> String {
        describe(nodes[Int(index)])
    }

    private func describe(_ node: Node) -> String {
        switch node.op {
        case .record: return "record"
        case .enumeration: return "enum symbol"
        case .fixed: return node.tag == .decimal ? "decimal fixed(\(node.a))" : "fixed(\(node.a))"
        case .array: return "array"
        case .map: return "map"
        case .union: return "union"
        case .fail: return "unresolvable branch"
        case .null: return "null"
        case .boolean: return "boolean"
        default:
            let base = "\(node.op)"
            switch node.tag {
            case .none, .int, .long, .float, .double, .bytes, .string: return base
            case .date: return "int (date)"
            case .timeMillis: return "int (time-millis)"
            case .timeMicros: return "long (time-micros)"
            case .timestampMillis: return "long (timestamp-millis)"
            case .timestampMicros: return "long (timestamp-micros)"
            case .localTimestampMillis: return "long (local-timestamp-millis)"
            case .localTimestampMicros: return "long (local-timestamp-micros)"
            case .decimal: return "bytes (decimal)"
            case .uuid: return "string (uuid)"
            case .fixed: return base
            }
        }
    }

    private func mismatch(_ value: AvroValue, _ node: Node) -> AvroError {
        AvroError.valueMismatch(path: "", message: "expected \(describe(node)), found \(value.kindName)")
    }
}

extension AvroError {
    /// The same error with `component` put in front of its schema path, as an error travels up from a nested value.
    func prefixingPath(_ component: String) -> AvroError {
        switch self {
        case let .valueMismatch(path, message): return .valueMismatch(path: component + path, message: message)
        default: return self
        }
    }
}
