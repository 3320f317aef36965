public import Foundation

/// The difference between a fresh render and the bundle on disk, for `generate --check`.
public struct BundleDiff: Sendable, Equatable {
    /// A file whose text differs.
    public struct Change: Sendable, Equatable {
        /// The path inside the bundle.
        public var path: String
        /// The first line (from 1) where the texts differ.
        public var line: Int
        /// That line in the fresh render (empty past its end).
        public var expected: String
        /// That line on disk (empty past its end).
        public var actual: String
        /// How many lines differ position by position.
        public var differingLines: Int
    }

    /// Files a fresh render has that the disk lacks.
    public var missing: [String]
    /// Files on disk that a fresh render would not write.
    public var extra: [String]
    /// Files present in both whose text differs.
    public var changed: [Change]

    /// True when the bundle on disk is exactly the fresh render.
    public var isEmpty: Bool { missing.isEmpty && extra.isEmpty && changed.isEmpty }

    /// Compares rendered files with a bundle folder.
    /// - Parameters:
    ///   - rendered: The fresh render.
    ///   - directory: The bundle folder on disk (a missing folder counts as empty).
    /// - Throws: `SkillKitError.fileSystem` when a file cannot be read.
    public init(rendered: [BundleFile], directory: URL) throws(SkillKitError) {
        let onDisk = try Self.files(in: directory)
        let renderedPaths = Set(rendered.map(\.path))
        missing = rendered.map(\.path).filter { onDisk[$0] == nil }.sorted()
        extra = onDisk.keys.filter { !renderedPaths.contains($0) }.sorted()
        changed = rendered.sorted { $0.path < $1.path }.compactMap { file in
            guard let actual = onDisk[file.path], actual != file.contents else { return nil }
            return Self.change(path: file.path, expected: file.contents, actual: actual)
        }
    }

    /// A readable summary: one line per file, with the first differing line for changed files.
    public var summary: String {
        guard !isEmpty else { return "The bundle is up to date." }
        var lines = ["The bundle is stale: \(missing.count) missing, \(extra.count) extra, \(changed.count) changed file(s)."]
        lines += missing.map { "  missing  \($0)" }
        lines += extra.map { "  extra    \($0)" }
        for change in changed {
            lines.append("  changed  \(change.path): \(change.differingLines) line(s) differ, first at line \(change.line)")
            lines.append("    - on disk: \(Self.clip(change.actual))")
            lines.append("    + render:  \(Self.clip(change.expected))")
        }
        lines.append("Run `kafka-skill generate` and commit the result.")
        return lines.joined(separator: "\n")
    }

    private static func clip(_ line: String) -> String {
        line.count > 120 ? String(line.prefix(117)) + "..." : line
    }

    private static func change(path: String, expected: String, actual: String) -> Change {
        let left = expected.components(separatedBy: "\n")
        let right = actual.components(separatedBy: "\n")
        var first: Int?
        var count = 0
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : ""
            let b = index < right.count ? right[index] : ""
            guard a != b || (index >= left.count) != (index >= right.count) else { continue }
            count += 1
            if first == nil { first = index }
        }
        let index = first ?? 0
        return Change(
            path: path, line: index + 1,
            expected: index < left.count ? left[index] : "", actual: index < right.count ? right[index] : "",
            differingLines: max(count, 1)
        )
    }

    /// Every regular file under `directory`, keyed by its relative path.
    static func files(in directory: URL) throws(SkillKitError) -> [String: String] {
        let manager = FileManager.default
        guard manager.fileExists(atPath: directory.path) else { return [:] }
        guard let enumerator = manager.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw .fileSystem(path: directory.path, operation: "list the bundle", reason: "the folder cannot be enumerated")
        }
        let base = directory.standardizedFileURL.resolvingSymlinksInPath().path
        var result: [String: String] = [:]
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let full = url.standardizedFileURL.resolvingSymlinksInPath().path
            let relative = full.hasPrefix(base + "/") ? String(full.dropFirst(base.count + 1)) : url.lastPathComponent
            guard let data = manager.contents(atPath: url.path) else {
                throw .fileSystem(path: url.path, operation: "read a bundle file", reason: "the file is unreadable")
            }
            result[relative] = String(decoding: data, as: UTF8.self)
        }
        return result
    }
}
