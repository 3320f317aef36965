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
        self.baseDirectory = baseDirectory.standardizedFileURL
    }

    private static let skippedFolders: Set<String> = ["node_modules", "review-out", "Packages"]

    /// Reads every reviewable file under the given paths, each once, in path order.
    /// - Parameter paths: Files or folders, absolute or relative to the base folder.
    /// - Returns: The sources, sorted by path.
    /// - Throws: ``ReviewError/pathNotFound(_:)`` for a path that does not exist and
    ///   ``ReviewError/unreadable(path:reason:)`` for a file that cannot be read as UTF-8.
    public func collect(_ paths: [String]) throws -> [ReviewSource] {
        var seen: Set<String> = []
        var sources: [ReviewSource] = []
        for path in paths {
            let url = URL(fileURLWithPath: path, relativeTo: baseDirectory).standardizedFileURL
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw ReviewError.pathNotFound(path)
            }
            let files = isDirectory.boolValue ? try files(under: url) : [url]
            for file in files where !seen.contains(file.path) {
                guard let kind = ReviewSource.kind(ofFileNamed: file.lastPathComponent) else { continue }
                seen.insert(file.path)
                let text: String
                do {
                    text = try String(contentsOf: file, encoding: .utf8)
                } catch {
                    throw ReviewError.unreadable(path: file.path, reason: error.localizedDescription)
                }
                sources.append(ReviewSource(path: displayPath(of: file), kind: kind, text: text))
            }
        }
        return sources.sorted { $0.path < $1.path }
    }

    /// The path reports show for a file: relative to the base folder when inside it.
    func displayPath(of file: URL) -> String {
        let base = baseDirectory.path.hasSuffix("/") ? baseDirectory.path : baseDirectory.path + "/"
        let path = file.standardizedFileURL.path
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    private func files(under directory: URL) throws -> [URL] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw ReviewError.unreadable(path: directory.path, reason: error.localizedDescription)
        }
        var files: [URL] = []
        for name in names.sorted() where !name.hasPrefix(".") && !Self.skippedFolders.contains(name) {
            let url = directory.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                files += try self.files(under: url)
            } else {
                files.append(url)
            }
        }
        return files
    }
}
