/// How a generated service's `Package.swift` depends on the KafkaSkill package: by path (the default, for
/// offline work beside a checkout), or by git URL with a version or a branch (for a service that lives
/// elsewhere). A URL reference is recorded in the answers file, so regeneration keeps it.
public enum KafkaPackageReference: Sendable, Hashable {
    /// A local checkout, relative to the project or absolute.
    case path(String)
    /// A git URL and the lowest version to accept (`from:`).
    case version(url: String, version: String)
    /// A git URL and a branch.
    case branch(url: String, branch: String)

    /// The `.package(…)` entry of the generated `Package.swift`.
    var dependency: String {
        switch self {
        case .path(let path): ".package(name: \"KafkaSkill\", path: \(ServiceModel.swiftLiteral(path)))"
        case .version(let url, let version): ".package(url: \(ServiceModel.swiftLiteral(url)), from: \(ServiceModel.swiftLiteral(version)))"
        case .branch(let url, let branch): ".package(url: \(ServiceModel.swiftLiteral(url)), branch: \(ServiceModel.swiftLiteral(branch)))"
        }
    }

    /// The name products are referred to by: SwiftPM derives a URL package's identity from the last part
    /// of its URL, without `.git`.
    var packageName: String {
        switch self {
        case .path: return "KafkaSkill"
        case .version(let url, _), .branch(let url, _):
            var last = url.split(separator: "/").last.map(String.init) ?? url
            if last.hasSuffix(".git") { last.removeLast(4) }
            return last
        }
    }

    /// The path, for a path reference.
    var path: String? {
        if case .path(let path) = self { path } else { nil }
    }
}
