import Foundation
import KafkaSkillModel

/// Writes a project's files, each atomically: the text goes to a temporary file in the same folder, which
/// is then renamed over the target, so a file is never seen half-written. Nothing is written outside the
/// project folder, not even through a symbolic link inside it.
final class ProjectWriter {
    let root: URL
    private let realRoot: String
    /// Folders already checked to lie inside the project, and folders already created: each once per scaffold.
    private var checkedFolders: Set<String> = []
    private var createdFolders: Set<String> = []

    /// Creates the project folder if needed.
    init(root: URL) throws(ScaffoldError) {
        self.root = root
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw .fileSystem(path: root.path, operation: "create the output folder", reason: error.localizedDescription)
        }
        realRoot = root.resolvingSymlinksInPath().path
    }

    /// Writes `text` to `path` (relative to the project), replacing what is there.
    func write(_ text: String, to path: String) throws(ScaffoldError) {
        let target = root.appendingPathComponent(path)
        let folder = target.deletingLastPathComponent()
        try checkInside(folder, path: path)
        do {
            if createdFolders.insert(folder.path).inserted {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
        } catch {
            throw .fileSystem(path: target.path, operation: "write", reason: error.localizedDescription)
        }
        do {
            try AtomicFile.write(text, to: target, createFolder: false)
        } catch {
            throw .fileSystem(path: error.path, operation: error.operation, reason: error.reason)
        }
    }

    /// Deletes `path` (relative to the project) if it exists.
    func remove(_ path: String) throws(ScaffoldError) {
        let target = root.appendingPathComponent(path)
        try checkInside(target.deletingLastPathComponent(), path: path)
        guard FileManager.default.fileExists(atPath: target.path) else { return }
        do {
            try FileManager.default.removeItem(at: target)
        } catch {
            throw .fileSystem(path: target.path, operation: "remove", reason: error.localizedDescription)
        }
    }

    /// The nearest existing folder on the way to `folder` must resolve inside the project: a symbolic link
    /// in the project must not lead a write elsewhere.
    private func checkInside(_ folder: URL, path: String) throws(ScaffoldError) {
        guard !checkedFolders.contains(folder.path) else { return }
        var existing = folder
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != root.path {
            existing = existing.deletingLastPathComponent()
        }
        let real = existing.resolvingSymlinksInPath().path
        guard real == realRoot || real.hasPrefix(realRoot + "/") else {
            throw .unsafeOutputPath(
                SourceLocation(file: root.appendingPathComponent(path).path), path: path,
                reason: "a folder on the way is a symbolic link leading out of the output folder (to \(real))")
        }
        checkedFolders.insert(folder.path)
    }
}
