import Foundation

/// A file's `when:` condition in `template.yaml`: `name`, `!name`, `name == value` or `name != value`,
/// where `name` is a parameter or a model value.
public struct TemplateCondition: Sendable, Hashable, CustomStringConvertible {
    /// The value tested.
    public var name: String
    /// How it is tested.
    public var test: Test

    /// How a condition tests its value.
    public enum Test: Sendable, Hashable {
        /// The value is true (see ``TemplateValue``'s truthiness).
        case isTrue
        /// The value is false or absent.
        case isFalse
        /// The value, as text, equals this.
        case equals(String)
        /// The value, as text, differs from this.
        case differs(String)
    }

    /// Parses a condition.
    /// - Returns: `nil` when `text` is none of the four forms.
    public init?(_ text: String) {
        let trimmed = text.trimmingWhitespace()
        for (symbol, isEqual) in [("==", true), ("!=", false)] {
            guard let range = trimmed.range(of: symbol) else { continue }
            let name = String(trimmed[..<range.lowerBound]).trimmingWhitespace()
            var value = String(trimmed[range.upperBound...]).trimmingWhitespace()
            if value.count >= 2, let quote = value.first, quote == "'" || quote == "\"", value.last == quote {
                value = String(value.dropFirst().dropLast())
            }
            guard Self.isName(name), !value.isEmpty else { return nil }
            self.name = name
            self.test = isEqual ? .equals(value) : .differs(value)
            return
        }
        let negated = trimmed.hasPrefix("!")
        let name = negated ? String(trimmed.dropFirst()).trimmingWhitespace() : trimmed
        guard Self.isName(name) else { return nil }
        self.name = name
        self.test = negated ? .isFalse : .isTrue
    }

    /// Whether the condition holds for `values`.
    public func holds(in values: [String: TemplateValue]) -> Bool {
        let value = values[name]
        switch test {
        case .isTrue: return value?.isTruthy ?? false
        case .isFalse: return !(value?.isTruthy ?? false)
        case .equals(let expected): return value?.description == expected
        case .differs(let expected): return value?.description != expected
        }
    }

    /// The condition as written in its canonical form.
    public var description: String {
        switch test {
        case .isTrue: return name
        case .isFalse: return "!\(name)"
        case .equals(let value): return "\(name) == '\(value)'"
        case .differs(let value): return "\(name) != '\(value)'"
        }
    }

    private static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        return text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }
}
