extension Program {
    /// Reads past one value of the node at `index` without building it, for writer fields the reader drops.
    func skip(node index: Int32, from reader: inout BinaryReader, limits: DecodingLimits, depth: Int) throws(AvroError) {
        let node = nodes[Int(index)]
        switch node.op {
        case .null:
            return
        case .boolean:
            _ = try reader.readBoolean()
        case .int:
            _ = try reader.readInt()
        case .long:
            _ = try reader.readLong()
        case .float:
            try reader.skip(4)
        case .double:
            try reader.skip(8)
        case .bytes, .string:
            let length = try reader.readLength()
            try reader.skip(length)
        case .fixed:
            try reader.skip(Int(node.a))
        case .enumeration:
            let start = reader.offset
            let position = try reader.readInt()
            guard position >= 0, position < node.b else {
                throw AvroError.malformedInput(offset: start, message: "enum symbol index \(position) is outside 0..<\(node.b)")
            }
        case .array, .map:
            try skipBlocks(node, from: &reader, limits: limits, depth: depth)
        case .union:
            let start = reader.offset
            let branch = try reader.readLong()
            guard branch >= 0, branch < Int64(node.b) else {
                throw AvroError.malformedInput(offset: start, message: "union branch index \(branch) is outside 0..<\(node.b)")
            }
            try skip(node: branches[Int(node.a) + Int(branch)], from: &reader, limits: limits, depth: depth)
        case .record:
            guard depth < limits.maxDepth else { throw AvroError.nestingTooDeep(limit: limits.maxDepth) }
            for position in 0..<Int(node.b) {
                try skip(node: fieldActions[Int(node.a) + position].node, from: &reader, limits: limits, depth: depth + 1)
            }
        case .fail:
            let failure = failures[Int(node.a)]
            throw AvroError.unresolvable(path: failure.path, message: failure.message)
        }
    }

    private func skipBlocks(_ node: Node, from reader: inout BinaryReader, limits: DecodingLimits, depth: Int) throws(AvroError) {
        let isMap = node.op == .map
        let itemSize = Int(nodes[Int(node.a)].minSize) + (isMap ? 1 : 0)
        var zeroSizeItems = 0
        while true {
            let start = reader.offset
            let block = try reader.readBlockForSkip()
            if block.count == 0 {
                return
            }
            if let byteSize = block.byteSize {
                // The writer recorded the block's size, so the whole block is stepped over at once.
                try reader.skip(byteSize)
                continue
            }
            try checkBlock(block.count, itemSize: itemSize, start: start, reader: reader, limits: limits, zeroSizeItems: &zeroSizeItems)
            for _ in 0..<block.count {
                if isMap {
                    let length = try reader.readLength()
                    try reader.skip(length)
                }
                try skip(node: node.a, from: &reader, limits: limits, depth: depth)
            }
        }
    }
}
