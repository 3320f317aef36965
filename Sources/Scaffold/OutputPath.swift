/// The rules for a path a template writes: relative, inside the output folder, and clear of the files the
/// scaffolder keeps for itself.
enum OutputPath {
    /// The answers file, at the root of every scaffolded project.
    static let answersFile = ".kafka-skill-answers.yaml"
    /// The folder of scaffolder state (the merge bases) in every scaffolded project.
    static let stateFolder = ".kafka-skill"

    /// Why `path` may not be written, or `nil` when it may.
    static func problem(with path: String) -> String? {
        if path.isEmpty { return "it is empty" }
        if path.hasPrefix("/") || path.hasPrefix("~") { return "it is absolute" }
        if path.contains("\\") { return "it contains a backslash; use '/' between folders" }
        if path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "it contains a control character"
        }
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        if components.contains("..") { return "it climbs out of the output folder with '..'" }
        if components.contains(where: { $0.isEmpty || $0 == "." }) { return "it has an empty or '.' component" }
        if components.first == Substring(stateFolder) || path == answersFile {
            return "it is reserved for the scaffolder's own state"
        }
        return nil
    }

    /// Whether a path pattern (before its `{{…}}` values are filled in) already breaks a rule that no value
    /// can repair: absolute, or climbing out.
    static func patternProblem(with pattern: String) -> String? {
        if pattern.hasPrefix("/") || pattern.hasPrefix("~") { return "it is absolute" }
        let components = pattern.split(separator: "/", omittingEmptySubsequences: false)
        if components.contains("..") { return "it climbs out of the output folder with '..'" }
        return nil
    }
}
