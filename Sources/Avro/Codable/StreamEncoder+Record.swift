extension StreamEncoder {
    /// A record being written. Fields stream straight into the output while keys arrive in schema order; a key
    /// that goes backwards, or a nested container, switches to collecting each field's bytes separately.
    final class RecordState {
        let node: Int32
        let record: Program.Node
        /// Where the record's first field starts in the output.
        let start: Int
        // Unchecked for the reason given on EncodingOutput.writer.
        /// The next field expected while streaming.
        @exclusivity(unchecked) var next = 0
        /// Where each streamed field starts, so the stream can be cut into fields if needed.
        @exclusivity(unchecked) var offsets: [Int] = []
        /// Each field's bytes once streaming has stopped.
        @exclusivity(unchecked) var chunks: [[UInt8]?]?
        /// Nested containers, which write into outputs of their own until the record finishes.
        @exclusivity(unchecked) var pending: [(field: Int, encoder: StreamEncoder)] = []

        init(node: Int32, record: Program.Node, start: Int) {
            self.node = node
            self.record = record
            self.start = start
            offsets.reserveCapacity(Int(record.d))
        }

        var fieldCount: Int { Int(record.d) }

        func fieldNode(_ field: Int, in program: Program) -> Int32 {
            program.fieldActions[Int(record.a) + field].node
        }

        /// The field named `name`, trying the expected next field first.
        func fieldIndex(_ name: String, in program: Program) -> Int? {
            let base = Int(record.c)
            if next < fieldCount, program.fieldNames[base + next] == name {
                return next
            }
            for field in 0..<fieldCount where program.fieldNames[base + field] == name {
                return field
            }
            return nil
        }

        /// Whether a field the value left out can be filled: with `null`, or from its default.
        func canFill(_ field: Int, in program: Program) -> Bool {
            isNullable(field, in: program) || program.fieldDefaults[Int(record.c) + field] != nil
        }

        private func isNullable(_ field: Int, in program: Program) -> Bool {
            let node = fieldNode(field, in: program)
            return program.acceptance(of: AvroValue.Kind.null, by: node) > 0 || isNullableUnion(node, in: program)
        }

        private func isNullableUnion(_ index: Int32, in program: Program) -> Bool {
            let node = program.nodes[Int(index)]
            guard node.op == .union else { return false }
            return program.dispatch[Int(node.c) + AvroValue.Kind.null] >= 0
        }

        /// Writes the fill for a left-out field at the end of the output.
        /// Synthesized `Encodable` leaves out `nil` optionals, so a nullable field that was left out is written as
        /// `null` even when its default is something else; other fields take their default.
        func fill(_ field: Int, encoder: StreamEncoder) throws(AvroError) {
            let program = encoder.output.program
            let value = isNullable(field, in: program) ? .null : program.fieldDefaults[Int(record.c) + field] ?? .null
            let name = program.fieldNames[Int(record.c) + field]
            try encoder.write(value, node: fieldNode(field, in: program), path: encoder.codingPath + [AvroCodingKey(stringValue: name)])
        }

        /// Prepares to write `field` at the end of the output: fills skipped fields while streaming, or notes that
        /// the field's bytes must be cut out afterwards. Returns whether the bytes go to a chunk.
        func begin(_ field: Int, encoder: StreamEncoder) throws(AvroError) -> Bool {
            let program = encoder.output.program
            if chunks == nil, field >= next {
                while next < field, canFill(next, in: program) {
                    offsets.append(encoder.output.writer.bytes.count)
                    try fill(next, encoder: encoder)
                    next += 1
                }
                if next == field {
                    offsets.append(encoder.output.writer.bytes.count)
                    next += 1
                    return false
                }
            }
            cutIntoChunks(encoder.output)
            return true
        }

        /// Moves what has streamed so far into per-field chunks.
        func cutIntoChunks(_ output: EncodingOutput) {
            guard chunks == nil else { return }
            var cut = [[UInt8]?](repeating: nil, count: fieldCount)
            let bytes = output.writer.bytes
            for field in 0..<next {
                let end = field + 1 < next ? offsets[field + 1] : bytes.count
                cut[field] = Array(bytes[offsets[field]..<end])
            }
            output.writer.bytes.removeSubrange(start...)
            chunks = cut
        }

        /// Takes the bytes written for `field` since `mark` into its chunk.
        func store(_ field: Int, from mark: Int, output: EncodingOutput) {
            chunks?[field] = Array(output.writer.bytes[mark...])
            output.writer.bytes.removeSubrange(mark...)
        }

        /// Writes whatever the record still owes: fields left out at the end, or every chunk in schema order.
        func finish(encoder: StreamEncoder) throws(AvroError) {
            let program = encoder.output.program
            if !pending.isEmpty {
                cutIntoChunks(encoder.output)
                for (field, child) in pending {
                    try child.finish()
                    chunks?[field] = child.output.writer.bytes
                }
            }
            guard let chunks else {
                while next < fieldCount {
                    try requireFill(next, encoder: encoder, program: program)
                    next += 1
                }
                return
            }
            for field in 0..<fieldCount {
                if let chunk = chunks[field] {
                    encoder.output.writer.bytes.append(contentsOf: chunk)
                } else {
                    try requireFill(field, encoder: encoder, program: program)
                }
            }
        }

        private func requireFill(_ field: Int, encoder: StreamEncoder, program: Program) throws(AvroError) {
            guard canFill(field, in: program) else {
                let name = program.fieldNames[Int(record.c) + field]
                let recordName = program.recordNames[node] ?? "record"
                throw encoder.error(
                    "no value for field '\(name)' of record \(recordName), which has no default",
                    at: encoder.codingPath + [AvroCodingKey(stringValue: name)]
                )
            }
            try fill(field, encoder: encoder)
        }
    }

    /// An array, a map, or `UInt8` elements for bytes or fixed, being written. The block count goes in front of
    /// the items when the collection finishes, since it is only known then.
    final class CollectionState {
        enum Kind {
            case array, map, bytes
        }

        let node: Int32
        let itemNode: Int32
        let start: Int
        let kind: Kind
        // Unchecked for the reason given on EncodingOutput.writer.
        @exclusivity(unchecked) var count = 0
        /// Nested containers with outputs of their own, and where their bytes go, relative to `start`.
        @exclusivity(unchecked) var pending: [(offset: Int, encoder: StreamEncoder)] = []

        init(node: Int32, itemNode: Int32, start: Int, kind: Kind) {
            self.node = node
            self.itemNode = itemNode
            self.start = start
            self.kind = kind
        }

        func finish(encoder: StreamEncoder) throws(AvroError) {
            let output = encoder.output
            // Later offsets first, so earlier ones stay valid.
            for (offset, child) in pending.reversed() {
                try child.finish()
                output.writer.bytes.insert(contentsOf: child.output.writer.bytes, at: start + offset)
            }
            switch kind {
            case .array, .map:
                if count > 0 {
                    var header = BinaryWriter(bytes: [])
                    header.writeLong(Int64(count))
                    output.writer.bytes.insert(contentsOf: header.bytes, at: start)
                }
                output.writer.writeLong(0)
            case .bytes:
                let node = output.program.nodes[Int(self.node)]
                if node.op == .fixed {
                    guard count == Int(node.a) else {
                        throw encoder.error("\(count) bytes do not fill a fixed of size \(node.a)")
                    }
                } else {
                    var header = BinaryWriter(bytes: [])
                    header.writeLong(Int64(count))
                    output.writer.bytes.insert(contentsOf: header.bytes, at: start)
                }
            }
        }
    }
}
