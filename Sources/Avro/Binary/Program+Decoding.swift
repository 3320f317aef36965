import Foundation

extension Program {
    /// Decodes one value of the node at `index` from `reader`.
    func decode(node index: Int32, from reader: inout BinaryReader, limits: DecodingLimits, depth: Int) throws(AvroError) -> AvroValue {
        let node = nodes[Int(index)]
        switch node.op {
        case .null:
            return .null
        case .boolean:
            return .boolean(try reader.readBoolean())
        case .int:
            return integer(Int64(try reader.readInt()), tag: node.tag)
        case .long:
            return integer(try reader.readLong(), tag: node.tag)
        case .float:
            let number = try reader.readFloat()
            return node.tag == .double ? .double(Double(number)) : .float(number)
        case .double:
            return .double(try reader.readDouble())
        case .bytes, .string:
            // Writer bytes and strings share their encoding, so the reader's type alone decides the value.
            switch node.tag {
            case .string: return .string(try reader.readString())
            case .uuid:
                let text = try reader.readString()
                return UUID(uuidString: text).map(AvroValue.uuid) ?? .string(text)
            case .decimal: return .decimal(AvroDecimal(unscaled: try reader.readBytes(), scale: Int(node.b)))
            default: return .bytes(try reader.readBytes())
            }
        case .fixed:
            let bytes = try reader.readFixed(Int(node.a))
            return node.tag == .decimal ? .decimal(AvroDecimal(unscaled: bytes, scale: Int(node.b))) : .fixed(bytes)
        case .enumeration:
            return .enumSymbol(try readSymbol(node, from: &reader))
        case .array:
            return .array(try decodeArray(node, from: &reader, limits: limits, depth: depth))
        case .map:
            return .map(try decodeMap(node, from: &reader, limits: limits, depth: depth))
        case .union:
            let start = reader.offset
            let branch = try reader.readLong()
            guard branch >= 0, branch < Int64(node.b) else {
                throw AvroError.malformedInput(offset: start, message: "union branch index \(branch) is outside 0..<\(node.b)")
            }
            return try decode(node: branches[Int(node.a) + Int(branch)], from: &reader, limits: limits, depth: depth)
        case .record:
            guard depth < limits.maxDepth else { throw AvroError.nestingTooDeep(limit: limits.maxDepth) }
            return .record(AvroRecord(try decodeRecord(node, from: &reader, limits: limits, depth: depth + 1)))
        case .fail:
            let failure = failures[Int(node.a)]
            throw AvroError.unresolvable(path: failure.path, message: failure.message)
        }
    }

    @inline(__always)
    private func integer(_ number: Int64, tag: Tag) -> AvroValue {
        switch tag {
        case .int: return .int(Int32(truncatingIfNeeded: number))
        case .float: return .float(Float(number))
        case .double: return .double(Double(number))
        case .date: return .date(Int32(truncatingIfNeeded: number))
        case .timeMillis: return .timeMillis(Int32(truncatingIfNeeded: number))
        case .timeMicros: return .timeMicros(number)
        case .timestampMillis: return .timestampMillis(number)
        case .timestampMicros: return .timestampMicros(number)
        case .localTimestampMillis: return .localTimestampMillis(number)
        case .localTimestampMicros: return .localTimestampMicros(number)
        default: return .long(number)
        }
    }

    private func readSymbol(_ node: Node, from reader: inout BinaryReader) throws(AvroError) -> String {
        let start = reader.offset
        let position = try reader.readInt()
        guard position >= 0, position < node.b else {
            throw AvroError.malformedInput(offset: start, message: "enum symbol index \(position) is outside 0..<\(node.b)")
        }
        let target = enumMap[Int(node.c) + Int(position)]
        guard target >= 0 else {
            let symbol = symbols[Int(node.e) + Int(position)]
            throw AvroError.unresolvable(
                path: "",
                message: "the writer's symbol '\(symbol)' is not in the reader's enum, which has no default symbol"
            )
        }
        return symbols[Int(node.a) + Int(target)]
    }

    private func decodeRecord(_ node: Node, from reader: inout BinaryReader, limits: DecodingLimits, depth: Int) throws(AvroError) -> [AvroRecord.Field] {
        var fields: [AvroRecord.Field] = []
        let count = Int(node.d)
        fields.reserveCapacity(count)
        if node.inOrder {
            for position in 0..<count {
                let value = try decode(node: fieldActions[Int(node.a) + position].node, from: &reader, limits: limits, depth: depth)
                fields.append(AvroRecord.Field(name: fieldNames[Int(node.c) + position], value: value))
            }
            return fields
        }
        for position in 0..<count {
            fields.append(AvroRecord.Field(name: fieldNames[Int(node.c) + position], value: .null))
        }
        for position in 0..<Int(node.b) {
            let action = fieldActions[Int(node.a) + position]
            if action.slot < 0 {
                try skip(node: action.node, from: &reader, limits: limits, depth: depth)
            } else {
                fields[Int(action.slot)].value = try decode(node: action.node, from: &reader, limits: limits, depth: depth)
            }
        }
        for position in 0..<Int(node.f) {
            let fill = fills[Int(node.e) + position]
            fields[Int(fill.slot)].value = fill.value
        }
        return fields
    }

    private func decodeArray(_ node: Node, from reader: inout BinaryReader, limits: DecodingLimits, depth: Int) throws(AvroError) -> [AvroValue] {
        var items: [AvroValue] = []
        let itemSize = Int(nodes[Int(node.a)].minSize)
        var zeroSizeItems = 0
        while true {
            let start = reader.offset
            let count = try reader.readBlockCount()
            if count == 0 {
                return items
            }
            try checkBlock(count, itemSize: itemSize, start: start, reader: reader, limits: limits, zeroSizeItems: &zeroSizeItems)
            items.reserveCapacity(items.count + count)
            for _ in 0..<count {
                items.append(try decode(node: node.a, from: &reader, limits: limits, depth: depth))
            }
        }
    }

    private func decodeMap(_ node: Node, from reader: inout BinaryReader, limits: DecodingLimits, depth: Int) throws(AvroError) -> [String: AvroValue] {
        var entries: [String: AvroValue] = [:]
        // Every entry has a key, whose length takes at least one byte.
        let entrySize = 1 + Int(nodes[Int(node.a)].minSize)
        var zeroSizeItems = 0
        while true {
            let start = reader.offset
            let count = try reader.readBlockCount()
            if count == 0 {
                return entries
            }
            try checkBlock(count, itemSize: entrySize, start: start, reader: reader, limits: limits, zeroSizeItems: &zeroSizeItems)
            entries.reserveCapacity(entries.count + count)
            for _ in 0..<count {
                let key = try reader.readString()
                entries[key] = try decode(node: node.a, from: &reader, limits: limits, depth: depth)
            }
        }
    }

    /// Rejects a block count that the remaining input cannot hold, before anything is reserved for it. Items
    /// that occupy no bytes (nulls, empty records) are bounded by a limit instead.
    @inline(__always)
    func checkBlock(
        _ count: Int,
        itemSize: Int,
        start: Int,
        reader: BinaryReader,
        limits: DecodingLimits,
        zeroSizeItems: inout Int
    ) throws(AvroError) {
        if itemSize > 0 {
            guard count <= reader.remaining / itemSize else {
                throw AvroError.malformedInput(
                    offset: start,
                    message: "block of \(count) items needs at least \(itemSize) byte(s) each, but \(reader.remaining) bytes are left"
                )
            }
        } else {
            let (total, overflow) = zeroSizeItems.addingReportingOverflow(count)
            zeroSizeItems = total
            guard !overflow, total <= limits.maxZeroSizeItems else {
                throw AvroError.malformedInput(
                    offset: start,
                    message: "more than \(limits.maxZeroSizeItems) items of a type that takes no bytes; raise DecodingLimits.maxZeroSizeItems if this is intended"
                )
            }
        }
    }
}
