public import Foundation
import Scaffold

/// What `kafka-skill manifests` would do to the output folder: each file created, updated or left as is.
public struct ManifestPlan: Sendable {
    /// What happens to one file.
    public enum Action: String, Sendable, CaseIterable {
        /// The file does not exist yet.
        case create
        /// The file exists with other contents.
        case update
        /// The file already holds these contents.
        case unchanged
    }

    /// One file and what happens to it.
    public struct Entry: Sendable {
        /// The file.
        public var file: ManifestFile
        /// What happens to it.
        public var action: Action
        /// Its contents on disk now, if any.
        public var existing: String?
    }

    /// The output folder.
    public var directory: URL
    /// Every file, in the builder's order.
    public var entries: [Entry]

    /// Compares `files` with what `directory` holds.
    public init(files: [ManifestFile], directory: URL) {
        self.directory = directory
        entries = files.map { file in
            let existing = try? String(contentsOf: directory.appendingPathComponent(file.path), encoding: .utf8)
            let action: Action = existing == nil ? .create : existing == file.contents ? .unchanged : .update
            return Entry(file: file, action: action, existing: existing)
        }
    }

    /// One line per file (`create  topics/orders.yaml`), then a count per action.
    public func summary(verb: String) -> String {
        let width = Action.allCases.map(\.rawValue.count).max() ?? 0
        var lines = entries.map { $0.action.rawValue.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.file.path }
        let counts = Action.allCases.compactMap { action -> String? in
            let count = entries.filter { $0.action == action }.count
            return count > 0 ? "\(count) \(action.rawValue)" : nil
        }
        lines.append("\(verb) \(entries.count) manifest file(s) in \(directory.path): \(counts.joined(separator: ", ")).")
        return lines.joined(separator: "\n")
    }

    /// Unified diffs from the files on disk to the new ones.
    public var diff: String {
        entries.map { UnifiedDiff.between($0.existing, $0.file.contents, path: $0.file.path) }.joined()
    }

    /// Writes the created and updated files, each atomically (a temporary file in the same folder, renamed
    /// over the old one); nothing is written outside ``directory``.
    /// - Throws: ``DeployError`` with `.fileSystem` naming the file that could not be written.
    public func apply() throws(DeployError) {
        let manager = FileManager.default
        for entry in entries where entry.action != .unchanged {
            let target = directory.appendingPathComponent(entry.file.path)
            let folder = target.deletingLastPathComponent()
            let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
            do {
                try manager.createDirectory(at: folder, withIntermediateDirectories: true)
                try Data(entry.file.contents.utf8).write(to: temporary)
                if manager.fileExists(atPath: target.path) {
                    _ = try manager.replaceItemAt(target, withItemAt: temporary)
                } else {
                    try manager.moveItem(at: temporary, to: target)
                }
            } catch {
                try? manager.removeItem(at: temporary)
                throw DeployError(.fileSystem, "\(target.path): could not write the manifest: \(error.localizedDescription)")
            }
        }
    }
}
