import Foundation

/// The output shared by every encoder working on one top-level value: the compiled schema and the buffer.
final class EncodingOutput {
    let program: Program
    // Encoders live within one encode call on one thread and never hold overlapping accesses to their state, so
    // the dynamic exclusivity checks on these properties would only cost time (a tenth of the encoding time).
    @exclusivity(unchecked) var writer: BinaryWriter
    let maxDepth: Int

    init(program: Program, bytes: [UInt8], maxDepth: Int) {
        self.program = program
        self.writer = BinaryWriter(bytes: bytes)
        self.maxDepth = maxDepth
    }

    /// A fresh output for a nested container whose bytes are placed later, sharing the compiled schema.
    func detached() -> EncodingOutput {
        EncodingOutput(program: program, bytes: [], maxDepth: maxDepth)
    }
}

/// An `Encoder` that writes Avro binary directly, field by field, following the compiled schema.
///
/// Synthesized `Encodable` conformances write properties in declaration order, which usually is the schema's field
/// order, so bytes go straight into the output. A property the value leaves out (a `nil` optional) is filled from
/// the field's default, or with `null`, as soon as a later field arrives; when keys come out of order the record
/// falls back to collecting each field's bytes separately and joins them in schema order at the end.
final class StreamEncoder: Encoder {
    let output: EncodingOutput
    /// The node this encoder writes, possibly a union whose branch the first write chooses.
    let node: Int32
    /// The path of the container this encoder belongs to and its key there, joined only when asked for.
    let parentPath: [any CodingKey]
    let key: (any CodingKey)?
    /// The Swift type being encoded, to pick among several records of a union by name.
    private let type: Any.Type?
    /// How many encoders deep this one is, bounded by the output's `maxDepth`.
    let depth: Int
    @exclusivity(unchecked) var state: State = .empty

    enum State {
        case empty
        case written
        case record(RecordState)
        case collection(CollectionState)
        case failed(AvroError)
    }

    init(output: EncodingOutput, node: Int32, parentPath: [any CodingKey], key: (any CodingKey)?, type: Any.Type?, depth: Int) {
        self.output = output
        self.node = node
        self.parentPath = parentPath
        self.key = key
        self.type = type
        self.depth = depth
    }

    var codingPath: [any CodingKey] {
        guard let key else { return parentPath }
        return parentPath + [key]
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func error(_ message: String, at path: [any CodingKey]? = nil) -> AvroError {
        AvroError.codable(codingPath: AvroCodingKey.describe(path ?? codingPath), message: message)
    }

    /// Maps a binary encoding error to a Codable error at `path`.
    func codableError(_ error: AvroError, at path: @autoclosure () -> [any CodingKey]) -> AvroError {
        switch error {
        case let .valueMismatch(_, message): return .codable(codingPath: AvroCodingKey.describe(path()), message: message)
        default: return error
        }
    }

    // MARK: - Encoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .empty = state {
            state = openKeyed()
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .empty = state {
            state = openUnkeyed()
        }
        return UnkeyedContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(encoder: self)
    }

    /// Chooses the record or map this keyed container writes (writing the union branch index first if the node
    /// is a union) and starts it.
    private func openKeyed() -> State {
        let program = output.program
        var target = node
        if program.nodes[Int(node)].op == .union {
            let union = program.nodes[Int(node)]
            let candidates = (0..<Int(union.b)).filter {
                let op = program.nodes[Int(program.branches[Int(union.a) + $0])].op
                return op == .record || op == .map
            }
            var chosen = candidates.first
            if candidates.count > 1, let type {
                let typeName = String(describing: type)
                chosen = candidates.first {
                    program.recordNames[program.branches[Int(union.a) + $0]].map(AvroName.simpleName(of:)) == typeName
                } ?? chosen
            }
            guard let chosen else {
                return .failed(error("a keyed value (a struct, class or dictionary) needs a record or map, but the schema has a union without one"))
            }
            output.writer.writeLong(Int64(chosen))
            target = program.branches[Int(union.a) + chosen]
        }
        switch program.nodes[Int(target)].op {
        case .record:
            return .record(RecordState(node: target, record: program.nodes[Int(target)], start: output.writer.bytes.count))
        case .map:
            return .collection(CollectionState(node: target, itemNode: program.nodes[Int(target)].a, start: output.writer.bytes.count, kind: .map))
        default:
            return .failed(error("a keyed value (a struct, class or dictionary) needs a record or map, but the schema has \(program.describe(target))"))
        }
    }

    /// Chooses the array (or bytes, or fixed) this unkeyed container writes and starts it.
    private func openUnkeyed() -> State {
        let program = output.program
        var target = node
        if program.nodes[Int(node)].op == .union {
            let union = program.nodes[Int(node)]
            let chosen = (0..<Int(union.b)).first {
                let op = program.nodes[Int(program.branches[Int(union.a) + $0])].op
                return op == .array || op == .bytes || op == .fixed
            }
            guard let chosen else {
                return .failed(error("a sequence needs an array, but the schema has a union without one"))
            }
            output.writer.writeLong(Int64(chosen))
            target = program.branches[Int(union.a) + chosen]
        }
        let start = output.writer.bytes.count
        switch program.nodes[Int(target)].op {
        case .array:
            return .collection(CollectionState(node: target, itemNode: program.nodes[Int(target)].a, start: start, kind: .array))
        case .bytes, .fixed:
            return .collection(CollectionState(node: target, itemNode: target, start: start, kind: .bytes))
        default:
            return .failed(error("a sequence needs an array, bytes or fixed, but the schema has \(program.describe(target))"))
        }
    }

    // MARK: - Values

    /// Encodes a nested Swift value as the element `key` of the container at `parentPath`, writing node `target`.
    func encodeValue<T: Encodable>(_ value: T, node target: Int32, parentPath: [any CodingKey], key: (any CodingKey)?) throws(AvroError) {
        if let scalar = Scalar(value) {
            try encodeScalar(scalar, node: target, path: key.map { parentPath + [$0] } ?? parentPath)
            return
        }
        try encodeComposite(value, node: target, parentPath: parentPath, key: key)
    }

    /// Everything but the common scalars, kept apart so that scalars do not pay for the generic metadata these
    /// paths need.
    @inline(never)
    private func encodeComposite<T: Encodable>(_ value: T, node target: Int32, parentPath: [any CodingKey], key: (any CodingKey)?) throws(AvroError) {
        if Scalar.isFoundationSpecial(T.self) {
            try encodeFoundation(value, node: target, path: key.map { parentPath + [$0] } ?? parentPath)
            return
        }
        // The node test is cheap and rules out most values before the dynamic cast, which is not.
        if let collection = collectionNode(target), let elements = value as? any AvroCollectionEncodable,
           try elements.avroEncode(encoder: self, collection: collection, path: key.map { parentPath + [$0] } ?? parentPath) {
            return
        }
        // Depth counts records, like the binary codec's limit, not the wrappers (such as Optional) in between.
        var childDepth = depth
        if case .record = state {
            childDepth += 1
        }
        guard childDepth < output.maxDepth else { throw AvroError.nestingTooDeep(limit: output.maxDepth) }
        let child = StreamEncoder(output: output, node: target, parentPath: parentPath, key: key, type: T.self, depth: childDepth)
        do {
            try value.encode(to: child)
        } catch let error as AvroError {
            throw error
        } catch {
            throw child.error("\(error)")
        }
        try child.finish()
    }

    /// The array or map node (or union branch) a Swift collection could be streamed into, with its branch index.
    private func collectionNode(_ target: Int32) -> (node: Int32, branch: Int?)? {
        let program = output.program
        let node = program.nodes[Int(target)]
        switch node.op {
        case .array, .map:
            return (target, nil)
        case .union:
            for branch in 0..<Int(node.b) {
                let candidate = program.branches[Int(node.a) + branch]
                let op = program.nodes[Int(candidate)].op
                if op == .array || op == .map {
                    return (candidate, branch)
                }
            }
            return nil
        default:
            return nil
        }
    }

    /// Completes what this encoder's containers wrote: trailing record fields, collection headers and terminators.
    func finish() throws(AvroError) {
        switch state {
        case .empty:
            throw error("the value encoded nothing")
        case .written:
            return
        case let .failed(failure):
            throw failure
        case let .record(record):
            try record.finish(encoder: self)
        case let .collection(collection):
            try collection.finish(encoder: self)
        }
        state = .written
    }
}
