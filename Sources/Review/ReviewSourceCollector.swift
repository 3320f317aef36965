public import Foundation

/// Collects the files under review from the paths a user names.
///
/// Folders are walked recursively, skipping hidden folders and build output (`.build*`,
/// `node_modules`, `review-out`), so a generated service's dependencies are not reviewed.
public struct ReviewSourceCollector: Sendable {
    /// The folder that reported paths are made relative to.
    public var baseDirectory: URL

    /// Creates a collector.
    /// - Parameter baseDirectory: The folder that reported paths are made relative to, usually the
    ///   current directory.
    public init(baseDirectory: URL) {
        // A folder URL, so that relative paths resolve inside it whether or not it was given with a slash.
        self.baseDirectory = URL(fileURLWithPath: baseDirectory.standardizedFileURL.path, isDirectory: true)
    }

    private static let skippedFolders: Set<String> = ["node_modules", "review-out", "Packages"]

    /// The largest file reviewed; larger ones are skipped with a note (a generated or data file, not code a
    /// person wrote).
    public static let maximumFileSize = 32 << 20

    /// Reads every reviewable file under the given paths, each once, in path order.
    /// - Parameter paths: Files or folders, absolute or relative to the base folder.
    /// - Returns: The sources, sorted by path.
    /// - Throws: ``ReviewError/pathNotFound(_:)`` for a path that does not exist.
    public func collect(_ paths: [String]) throws -> [ReviewSource] {
        var skipped: [String] = []
        return try collect(paths, skipped: &skipped)
    }

    /// Reads every reviewable file under the given paths, each once, in path order.
    ///
    /// Symbolic links are resolved: a file is read once whatever the links to it, a link that leads out of
    /// the path it was found under is not followed, and a link loop ends where it repeats. Files that are not
    /// UTF-8, cannot be read, or exceed ``maximumFileSize`` are skipped, each with a note in `skipped`.
    /// - Parameters:
    ///   - paths: Files or folders, absolute or relative to the base folder.
    ///   - skipped: Receives one note per file skipped.
    /// - Returns: The sources, sorted by path.
    /// - Throws: ``ReviewError/pathNotFound(_:)`` for a path that does not exist.
    public func collect(_ paths: [String], skipped: inout [String]) throws -> [ReviewSource] {
        var seen: Set<String> = []
        var sources: [ReviewSource] = []
        for path in paths {
            let url = URL(fileURLWithPath: path, relativeTo: baseDirectory).standardizedFileURL
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw ReviewError.pathNotFound(path)
            }
            let root = url.resolvingSymlinksInPath().standardizedFileURL
            var visited: Set<String> = [root.path]
            let files = isDirectory.boolValue ? try files(under: url, root: root.path, visited: &visited, skipped: &skipped) : [url]
            for file in files {
                guard let kind = ReviewSource.kind(ofFileNamed: file.lastPathComponent) else { continue }
                let real = file.resolvingSymlinksInPath().standardizedFileURL.path
                guard seen.insert(real).inserted else { continue }
                if let size = Self.size(ofFileAt: real), size > Self.maximumFileSize {
                    skipped.append("skipped \(displayPath(of: file)): \(size) bytes, over the \(Self.maximumFileSize)-byte limit for a reviewed file")
                    continue
                }
                guard let data = FileManager.default.contents(atPath: real) else {
                    skipped.append("skipped \(displayPath(of: file)): it cannot be read")
                    continue
                }
                guard let text = String(validating: data, as: UTF8.self) else {
                    skipped.append("skipped \(displayPath(of: file)): it is not UTF-8 text")
                    continue
                }
                sources.append(ReviewSource(path: displayPath(of: file), kind: kind, text: text))
            }
        }
        return sources.sorted { $0.path < $1.path }
    }

    /// A file's size in bytes, however Foundation reports it on this platform.
    static func size(ofFileAt path: String) -> Int? {
        switch (try? FileManager.default.attributesOfItem(atPath: path))?[.size] {
        case let size as Int: size
        case let size as UInt64: Int(clamping: size)
        case let size as NSNumber: size.intValue
        default: nil
        }
    }

    /// The path reports show for a file: relative to the base folder when inside it.
    func displayPath(of file: URL) -> String {
        let base = baseDirectory.path.hasSuffix("/") ? baseDirectory.path : baseDirectory.path + "/"
        let path = file.standardizedFileURL.path
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    /// The files under a folder, following a symbolic link only when it stays under `root` (a real path) and
    /// leads to a folder not walked yet.
    private func files(under directory: URL, root: String, visited: inout Set<String>, skipped: inout [String]) throws -> [URL] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            skipped.append("skipped \(displayPath(of: directory)): the folder cannot be read")
            return []
        }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        var files: [URL] = []
        for name in names.sorted() where !name.hasPrefix(".") && !Self.skippedFolders.contains(name) {
            let url = directory.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            let real = url.resolvingSymlinksInPath().standardizedFileURL.path
            guard real == root || real.hasPrefix(prefix) else {
                skipped.append("skipped \(displayPath(of: url)): a symbolic link to \(real), outside \(root)")
                continue
            }
            if isDirectory.boolValue {
                guard visited.insert(real).inserted else { continue }
                files += try self.files(under: url, root: root, visited: &visited, skipped: &skipped)
            } else {
                files.append(url)
            }
        }
        return files
    }
}
