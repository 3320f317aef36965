import Foundation

/// Kubernetes object names (DNS-1123 subdomains: lowercase letters, digits, `-` and `.`, starting and ending
/// with a letter or digit, at most 253 characters).
enum KubernetesName {
    /// Whether `name` can name an object as it is.
    static func isValid(_ name: String) -> Bool {
        guard (1...253).contains(name.count), let first = name.unicodeScalars.first, let last = name.unicodeScalars.last
        else { return false }
        func alphanumeric(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) }
        return alphanumeric(first) && alphanumeric(last)
            && name.unicodeScalars.allSatisfy { alphanumeric($0) || $0 == "-" || $0 == "." }
    }

    /// A valid name derived from `name`: lowercased, other characters replaced by `-`, trimmed.
    static func derived(from name: String) -> String {
        let mapped = String(name.lowercased().unicodeScalars.map { scalar -> Character in
            (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == ".") ? Character(scalar) : "-"
        })
        let trimmed = mapped.trimmingCharacters(in: .init(charactersIn: "-."))
        return String((trimmed.isEmpty ? "topic" : trimmed).prefix(253))
    }
}
