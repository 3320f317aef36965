import Foundation

/// Paths of this repository, found from this file, so tests can read the real lessons and skill and build
/// the fixture package (which depends on the repository by relative path).
enum TestProject {
    /// The repository root, with symlinks resolved (the dev package links its test folder here).
    static let root: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The fixture service package.
    static let fixturePackage = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/fixture-service")

    /// Writes `files` (relative path → contents) under a new temporary folder and returns it.
    static func make(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("verify-project-\(UUID().uuidString.prefix(8))")
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
