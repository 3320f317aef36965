import Foundation

/// A check an answer can be graded by without a model.
public enum ExpectationCheck: Sendable, Equatable, Decodable {
    /// The answer sets a client property, to a value if one is given (`"key": "value"`, `key=value`).
    case property(key: String, value: String?)
    /// The answer calls a function or method (`name(`).
    case call(String)
    /// The answer mentions none of these texts.
    case absent([String])
    /// The answer mentions every one of these texts.
    case contains([String])

    enum CodingKeys: String, CodingKey { case property, value, call, absent, contains }

    /// Decodes `{"property": K, "value": V}`, `{"call": N}`, `{"absent": [...]}` or `{"contains": [...]}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let key = try container.decodeIfPresent(String.self, forKey: .property) {
            self = .property(key: key, value: try container.decodeIfPresent(String.self, forKey: .value))
        } else if let name = try container.decodeIfPresent(String.self, forKey: .call) {
            self = .call(name)
        } else if let texts = try container.decodeIfPresent([String].self, forKey: .absent) {
            self = .absent(texts)
        } else if let texts = try container.decodeIfPresent([String].self, forKey: .contains) {
            self = .contains(texts)
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a check needs one of property, call, absent or contains"))
        }
    }

    /// Grades an answer.
    /// - Returns: Whether it passed, and the evidence: the matching line, or what was missing.
    public func grade(_ answer: String) -> (passed: Bool, evidence: String) {
        switch self {
        case .property(let key, let value):
            let escapedKey = NSRegularExpression.escapedPattern(for: key)
            let valuePattern = value.map { NSRegularExpression.escapedPattern(for: $0) } ?? "[^\\s\",)\\]]+"
            let pattern = "[\"']?\(escapedKey)[\"']?\\s*[:=,]\\s*[\"']?\(valuePattern)[\"']?(?![\\w.])"
            if let line = Self.firstLine(matching: pattern, in: answer) { return (true, line) }
            return (false, "no line sets \(key)\(value.map { " to \($0)" } ?? "")")
        case .call(let name):
            let pattern = "\\b\(NSRegularExpression.escapedPattern(for: name))\\s*\\("
            if let line = Self.firstLine(matching: pattern, in: answer) { return (true, line) }
            return (false, "no call to \(name)(")
        case .absent(let texts):
            let found = texts.filter { answer.contains($0) }
            return found.isEmpty ? (true, "mentions none of \(texts.joined(separator: ", "))") : (false, "mentions \(found.joined(separator: ", "))")
        case .contains(let texts):
            let missing = texts.filter { !answer.contains($0) }
            return missing.isEmpty ? (true, "mentions \(texts.joined(separator: ", "))") : (false, "does not mention \(missing.joined(separator: ", "))")
        }
    }

    private static func firstLine(matching pattern: String, in text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        for line in text.split(separator: "\n") {
            let line = String(line)
            if regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil {
                return line.trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}
