/// Finds librdkafka configuration in Swift source: string-keyed dictionary literals
/// (`"acks": "all"`), subscript assignments (`config["acks"] = "all"`), setter calls
/// (`config.set("acks", "all")`) and the typed properties of the Kafka module's `KafkaConfig`
/// (`config.enableIdempotence = true`, `config.acks = .all`).
///
/// Entries of one dictionary literal form one configuration; assignments and setter calls form one
/// per enclosing `{ }` block, which also takes in the literals written in that block (a literal
/// that is then amended is one configuration). The role comes from the receiver's name, the lines
/// that open the enclosing blocks, the file name, and finally the keys themselves.
///
/// A block that starts from a named configuration (`KafkaConfig(KafkaProperties.consumer)`) amends
/// properties defined elsewhere; that base is checked where its literal is written, so the block's
/// scope only vouches for the keys it sets itself.
struct SwiftConfigFinder {
    /// The keys the rules check, recognised as properties even without a librdkafka prefix.
    var ruleKeys: Set<String>
    /// Typed property names (`enableIdempotence`) and the keys they set.
    private let typedProperties: [String: String]

    init(ruleKeys: Set<String>) {
        self.ruleKeys = ruleKeys
        typedProperties = Dictionary(
            LibrdkafkaProperties.typedKeys(adding: ruleKeys).map { (LibrdkafkaProperties.swiftPropertyName(of: $0), $0) },
            uniquingKeysWith: { first, _ in first })
    }

    private struct Block {
        var bracket: UInt8
        var line: Int
        var header: String
        var id: Int
    }

    private struct Found {
        var scopeID: Int
        var scopeLine: Int
        var braceID: Int
        var isLiteral: Bool
        var hints: [String]
        var entry: ConfigScope.Entry
    }

    /// Finds the configurations in a Swift file's source.
    /// - Parameters:
    ///   - lexer: The lexed source.
    ///   - fileName: The file's name, the last place a role hint is looked for.
    func scopes(in lexer: SwiftLexer, fileName: String) -> [ConfigScope] {
        let tokens = lexer.tokens
        let source = lexer.maskedSource
        var stack: [Block] = []
        var found: [Found] = []
        var nextID = 0
        var blocksWithBase: Set<Int> = []
        for index in tokens.indices {
            let token = tokens[index]
            let enclosingHeaders = stack.reversed().map(\.header)
            let brace = stack.last { $0.bracket == UInt8(ascii: "{") }
            if Self.startsFromNamedBase(at: index, in: tokens) {
                blocksWithBase.insert(brace?.id ?? -1)
            }
            if let entry = literalEntry(at: index, in: tokens), let block = stack.last, block.bracket == UInt8(ascii: "[") {
                found.append(Found(scopeID: block.id, scopeLine: block.line, braceID: brace?.id ?? -1, isLiteral: true,
                                   hints: enclosingHeaders + [fileName], entry: entry))
            } else if let (receiver, entry) = assignment(at: index, in: tokens) {
                found.append(Found(scopeID: brace?.id ?? -1, scopeLine: brace?.line ?? entry.line, braceID: brace?.id ?? -1, isLiteral: false,
                                   hints: [receiver] + enclosingHeaders + [fileName], entry: entry))
            }
            guard case .punctuation(let byte) = token.kind else { continue }
            switch byte {
            case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "("):
                stack.append(Block(bracket: byte, line: token.line, header: Self.lineText(before: token.offset, in: source), id: nextID))
                nextID += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ")"):
                if !stack.isEmpty { stack.removeLast() }
            default:
                break
            }
        }
        let amendedBlocks = Set(found.filter { !$0.isLiteral }.map(\.braceID))
        var order: [Int] = []
        var grouped: [Int: [Found]] = [:]
        for var item in found {
            if item.isLiteral, amendedBlocks.contains(item.braceID) {
                item.scopeID = item.braceID
            }
            if grouped[item.scopeID] == nil { order.append(item.scopeID) }
            grouped[item.scopeID, default: []].append(item)
        }
        return order.compactMap { id in
            guard let items = grouped[id], let first = items.first else { return nil }
            let entries = items.map(\.entry)
            let role = LibrdkafkaProperties.role(fromNames: first.hints) ?? LibrdkafkaProperties.role(fromKeys: entries.map(\.key))
            let amendsBase = first.scopeID == first.braceID && blocksWithBase.contains(first.braceID)
            return ConfigScope(line: first.scopeLine, role: role, entries: entries, amendsBase: amendsBase)
        }
    }

    /// `KafkaConfig(` (or the service runtime's `context.kafkaConfig(`) followed by anything but a dictionary
    /// literal or `)`: a configuration built on properties named elsewhere.
    private static func startsFromNamedBase(at index: Int, in tokens: [SwiftToken]) -> Bool {
        guard index + 2 < tokens.count, case .identifier(let name) = tokens[index].kind,
              name == "KafkaConfig" || name == "kafkaConfig",
              tokens[index + 1].kind == .punctuation(UInt8(ascii: "(")) else { return false }
        let next = tokens[index + 2].kind
        return next != .punctuation(UInt8(ascii: "[")) && next != .punctuation(UInt8(ascii: ")"))
    }

    /// `"key": value` directly after `[` or `,`.
    private func literalEntry(at index: Int, in tokens: [SwiftToken]) -> ConfigScope.Entry? {
        guard index > 0, index + 2 < tokens.count,
              tokens[index - 1].kind == .punctuation(UInt8(ascii: "[")) || tokens[index - 1].kind == .punctuation(UInt8(ascii: ",")),
              case .string(let key?) = tokens[index].kind, LibrdkafkaProperties.isPropertyName(key, ruleKeys: ruleKeys),
              tokens[index + 1].kind == .punctuation(UInt8(ascii: ":")) else { return nil }
        let value = self.value(at: index + 2, in: tokens, terminators: [UInt8(ascii: ","), UInt8(ascii: "]")])
        return ConfigScope.Entry(key: key, value: value, line: tokens[index].line)
    }

    /// `receiver["key"] = value` or `receiver.set("key", value)`; returns the receiver's name too.
    private func assignment(at index: Int, in tokens: [SwiftToken]) -> (String, ConfigScope.Entry)? {
        guard index + 4 < tokens.count, case .identifier(let name) = tokens[index].kind else { return nil }
        if tokens[index + 1].kind == .punctuation(UInt8(ascii: "[")),
           case .string(let key?) = tokens[index + 2].kind, LibrdkafkaProperties.isPropertyName(key, ruleKeys: ruleKeys),
           tokens[index + 3].kind == .punctuation(UInt8(ascii: "]")),
           tokens[index + 4].kind == .operator("="), index + 5 < tokens.count {
            let value = self.value(at: index + 5, in: tokens, terminators: [UInt8(ascii: "}"), UInt8(ascii: ";")], lineBound: true)
            return (name, ConfigScope.Entry(key: key, value: value, line: tokens[index].line))
        }
        if name == "set", index >= 1, tokens[index + 1].kind == .punctuation(UInt8(ascii: "(")),
           case .string(let key?) = tokens[index + 2].kind, LibrdkafkaProperties.isPropertyName(key, ruleKeys: ruleKeys),
           tokens[index + 3].kind == .punctuation(UInt8(ascii: ",")) {
            var valueIndex = index + 4
            if valueIndex + 1 < tokens.count, case .identifier = tokens[valueIndex].kind,
               tokens[valueIndex + 1].kind == .punctuation(UInt8(ascii: ":")) {
                valueIndex += 2
            }
            guard valueIndex < tokens.count else { return nil }
            var receiver = ""
            if index >= 2, tokens[index - 1].kind == .punctuation(UInt8(ascii: ".")), case .identifier(let owner) = tokens[index - 2].kind {
                receiver = owner
            }
            let value = self.value(at: valueIndex, in: tokens, terminators: [UInt8(ascii: ")")])
            return (receiver, ConfigScope.Entry(key: key, value: value, line: tokens[index].line))
        }
        if tokens[index + 1].kind == .punctuation(UInt8(ascii: ".")),
           case .identifier(let property) = tokens[index + 2].kind, let key = typedProperties[property],
           tokens[index + 3].kind == .operator("=") {
            return (name, ConfigScope.Entry(key: key, value: typedValue(at: index + 4, in: tokens, key: key), line: tokens[index].line))
        }
        return nil
    }

    /// A typed property's value: a literal, or an enum case such as `.all` that the Kafka module maps
    /// to a librdkafka value.
    private func typedValue(at index: Int, in tokens: [SwiftToken], key: String) -> ConfigScope.Value {
        guard tokens[index].kind == .punctuation(UInt8(ascii: ".")), index + 1 < tokens.count,
              case .identifier(let name) = tokens[index + 1].kind else {
            return value(at: index, in: tokens, terminators: [UInt8(ascii: "}"), UInt8(ascii: ";")], lineBound: true)
        }
        let next = index + 2
        let ends = next >= tokens.count || tokens[next].line > tokens[index + 1].line || tokens[next].kind == .punctuation(UInt8(ascii: "}"))
        guard ends, let value = LibrdkafkaProperties.value(ofCase: name, for: key) else { return .dynamic }
        return .literal(value)
    }

    /// A literal value when the expression is a single literal followed by a terminator.
    private func value(at index: Int, in tokens: [SwiftToken], terminators: Set<UInt8>, lineBound: Bool = false) -> ConfigScope.Value {
        var position = index
        var sign = ""
        if case .operator("-") = tokens[position].kind, position + 1 < tokens.count {
            sign = "-"
            position += 1
        }
        let literal: String? = switch tokens[position].kind {
        case .string(let text): sign.isEmpty ? text : nil
        case .number(let text): sign + text
        case .identifier(let word) where sign.isEmpty && (word == "true" || word == "false"): word
        default: nil
        }
        guard let literal else { return .dynamic }
        let next = position + 1
        guard next < tokens.count else { return .literal(literal) }
        if case .punctuation(let byte) = tokens[next].kind, terminators.contains(byte) { return .literal(literal) }
        if lineBound, tokens[next].line > tokens[position].line { return .literal(literal) }
        return .dynamic
    }

    /// The text of a line from its start up to an offset (at most 512 bytes back, so a file of one huge line
    /// stays linear): the declaration that opens a block.
    private static func lineText(before offset: Int, in source: [UInt8]) -> String {
        var start = offset
        while start > 0, offset - start < 512, source[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        return String(decoding: source[start..<offset], as: UTF8.self)
    }
}
