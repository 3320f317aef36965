public import Foundation

/// Writes a rendered bundle so that a failure leaves the previous bundle intact.
///
/// The files are written into a temporary folder beside the target. Then the old folder is renamed
/// aside, the new one renamed into place and the old one removed. Each rename is atomic on one file
/// system; if moving the new folder in fails, the old folder is renamed back.
public struct BundleWriter: Sendable {
    /// Creates a writer.
    public init() {}

    /// Replaces `directory` with exactly `files`.
    /// - Parameters:
    ///   - files: The rendered files, paths relative to `directory`.
    ///   - directory: The bundle folder (e.g. `skills/kafka-events`); its parent is created if missing.
    /// - Throws: `SkillKitError.fileSystem` naming the path and the operation that failed.
    public func write(_ files: [BundleFile], to directory: URL) throws(SkillKitError) {
        let manager = FileManager.default
        let target = directory.standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        let token = UUID().uuidString
        let staging = parent.appendingPathComponent(".\(name).generate-\(token)")
        let previous = parent.appendingPathComponent(".\(name).previous-\(token)")
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw .fileSystem(path: parent.path, operation: "create the output's parent folder", reason: error.localizedDescription)
        }
        do {
            try writeFiles(files, into: staging)
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
        let hadPrevious = manager.fileExists(atPath: target.path)
        if hadPrevious {
            do {
                try manager.moveItem(at: target, to: previous)
            } catch {
                try? manager.removeItem(at: staging)
                throw .fileSystem(path: target.path, operation: "move the previous bundle aside", reason: error.localizedDescription)
            }
        }
        do {
            try manager.moveItem(at: staging, to: target)
        } catch {
            if hadPrevious { try? manager.moveItem(at: previous, to: target) }
            try? manager.removeItem(at: staging)
            throw .fileSystem(path: target.path, operation: "move the new bundle into place", reason: error.localizedDescription)
        }
        if hadPrevious {
            do {
                try manager.removeItem(at: previous)
            } catch {
                throw .fileSystem(path: previous.path, operation: "remove the previous bundle (the new one is in place)", reason: error.localizedDescription)
            }
        }
    }

    private func writeFiles(_ files: [BundleFile], into folder: URL) throws(SkillKitError) {
        let manager = FileManager.default
        for file in files {
            guard !file.path.hasPrefix("/"), !file.path.split(separator: "/").contains("..") else {
                throw .fileSystem(path: file.path, operation: "write a bundle file", reason: "the path leaves the bundle folder")
            }
            let url = folder.appendingPathComponent(file.path)
            do {
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url)
            } catch {
                throw .fileSystem(path: url.path, operation: "write a bundle file", reason: error.localizedDescription)
            }
        }
    }
}
