public import Foundation

/// Writes a rendered bundle so that a failure leaves the previous bundle intact.
///
/// The files are written into a temporary folder beside the target. Then the old folder is renamed
/// aside, the new one renamed into place and the old one removed. Each rename is atomic on one file
/// system; if moving the new folder in fails, the old folder is renamed back.
///
/// Only a previous bundle is replaced: a folder whose `SKILL.md` names the skill (the folder's name) and that
/// holds nothing but `SKILL.md`, `references/`, `assets/` and `scripts/`, or an empty folder. Anything else at
/// the target (a file, a symbolic link, a folder of other files) is refused unless `replacingAnything` is set.
public struct BundleWriter: Sendable {
    /// Whether a target that is not a previous bundle may be replaced (`generate --force`).
    public var replacingAnything: Bool

    /// Creates a writer.
    /// - Parameter replacingAnything: Replace the target even when it is not a previous bundle.
    public init(replacingAnything: Bool = false) {
        self.replacingAnything = replacingAnything
    }

    /// The top-level entries a bundle may hold.
    static let bundleEntries: Set<String> = ["SKILL.md", "references", "assets", "scripts"]

    /// Why `directory` must not be replaced without `--force`, or `nil` when it is missing, empty, or a bundle.
    public static func refusal(for directory: URL) -> String? {
        let manager = FileManager.default
        let path = directory.standardizedFileURL.path
        guard let attributes = try? manager.attributesOfItem(atPath: path) else { return nil }
        if attributes[.type] as? FileAttributeType == .typeSymbolicLink {
            return "it is a symbolic link, not a skill bundle folder"
        }
        guard attributes[.type] as? FileAttributeType == .typeDirectory else {
            return "it is a file, not a skill bundle folder"
        }
        let entries = (try? manager.contentsOfDirectory(atPath: path)) ?? []
        if entries.isEmpty { return nil }
        let name = directory.standardizedFileURL.lastPathComponent
        let skill = (try? String(contentsOfFile: path + "/SKILL.md", encoding: .utf8)) ?? ""
        let header = skill.hasPrefix("---") ? skill.split(separator: "\n", maxSplits: 20).prefix(20) : []
        guard header.contains(where: { $0.trimmingCharacters(in: .whitespaces) == "name: \(name)" }) else {
            return "it is a folder that is not a skill bundle (no SKILL.md naming the skill '\(name)')"
        }
        let stray = entries.filter { !bundleEntries.contains($0) }.sorted()
        guard stray.isEmpty else {
            return "it holds entries a bundle does not: \(stray.prefix(5).joined(separator: ", "))"
        }
        return nil
    }

    /// Replaces `directory` with exactly `files`.
    /// - Parameters:
    ///   - files: The rendered files, paths relative to `directory`.
    ///   - directory: The bundle folder (e.g. `skills/kafka-events`); its parent is created if missing.
    /// - Throws: `SkillKitError.fileSystem` naming the path and the operation that failed, or saying why the
    ///   target is not a previous bundle.
    public func write(_ files: [BundleFile], to directory: URL) throws(SkillKitError) {
        let manager = FileManager.default
        let target = directory.standardizedFileURL
        if !replacingAnything, let refusal = Self.refusal(for: target) {
            throw .fileSystem(
                path: target.path, operation: "replace the output folder",
                reason: "\(refusal); nothing was written. Choose another --out, or pass --force to replace it")
        }
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
