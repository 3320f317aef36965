import Yams

/// A YAML document built from typed values: mappings keep the order they were built in, so the same input
/// always renders the same bytes (what `--diff` and drift checks compare).
package indirect enum YAMLTree: Sendable, Hashable {
    /// A string; rendered quoted when YAML would otherwise read it as a number, boolean or null.
    case string(String)
    /// An integer.
    case int(Int)
    /// A boolean.
    case bool(Bool)
    /// A list.
    case list([YAMLTree])
    /// A mapping, in order.
    case map([(String, YAMLTree)])

    /// A mapping from ordered pairs, leaving out the `nil` values.
    package static func mapping(_ pairs: [(String, YAMLTree?)]) -> YAMLTree {
        .map(pairs.compactMap { key, value in value.map { (key, $0) } })
    }

    /// A mapping of strings, sorted by key.
    package static func sorted(_ values: [String: String]) -> YAMLTree {
        .map(values.keys.sorted().map { ($0, .string(values[$0] ?? "")) })
    }

    /// The Yams node.
    var node: Node {
        switch self {
        case .string(let value):
            let style: Node.Scalar.Style
            if value.contains("\n") && !value.contains("\t") && !value.hasPrefix(" ") {
                style = .literal
            } else {
                style = Self.readsAsString(value) ? .plain : .doubleQuoted
            }
            return Node(value, Tag(.str), style)
        case .int(let value): return Node(String(value), Tag(.int))
        case .bool(let value): return Node(value ? "true" : "false", Tag(.bool))
        case .list(let items): return Node(items.map(\.node), Tag(.seq), .block)
        case .map(let pairs): return Node(pairs.map { (Node($0.0, Tag(.str), keyStyle($0.0)), $0.1.node) }, Tag(.map), .block)
        }
    }

    /// The YAML text of one document (no `---`).
    package func rendered() throws(DeployError) -> String {
        do {
            return try Yams.serialize(node: node, indent: 2, width: -1, allowUnicode: true, sortKeys: false)
        } catch {
            throw DeployError(.render, "could not render YAML: \(error)")
        }
    }

    private func keyStyle(_ key: String) -> Node.Scalar.Style {
        Self.readsAsString(key) ? .plain : .doubleQuoted
    }

    /// Whether YAML reads `value`, written plain, back as this string. A value starting with a letter
    /// that is not one of YAML 1.1's boolean or null words always does; anything else asks Yams' resolver
    /// (a regular expression per tag, the slow path).
    static func readsAsString(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first else { return false }
        let words: Set<String> = ["y", "yes", "n", "no", "true", "false", "on", "off", "null"]
        if first.properties.isAlphabetic, first.isASCII, !words.contains(value.lowercased()) {
            return true
        }
        return Resolver.default.resolveTag(of: Node(value)) == .str
    }

    /// Several documents in one stream, separated by `---`.
    package static func stream(_ documents: [YAMLTree]) throws(DeployError) -> String {
        var text = ""
        for document in documents {
            text += "---\n" + (try document.rendered())
        }
        return text
    }

    package static func == (lhs: YAMLTree, rhs: YAMLTree) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.list(let a), .list(let b)): return a == b
        case (.map(let a), .map(let b)): return a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
        default: return false
        }
    }

    package func hash(into hasher: inout Hasher) {
        switch self {
        case .string(let value): hasher.combine(0); hasher.combine(value)
        case .int(let value): hasher.combine(1); hasher.combine(value)
        case .bool(let value): hasher.combine(2); hasher.combine(value)
        case .list(let items): hasher.combine(3); hasher.combine(items)
        case .map(let pairs):
            hasher.combine(4)
            for (key, value) in pairs { hasher.combine(key); hasher.combine(value) }
        }
    }
}
