import Foundation

/// Runs `git apply` on a patch in a folder, as a person applying a suggested patch would.
enum GitApply {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func apply(_ patch: URL, in folder: URL, check: Bool = false) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "apply"] + (check ? ["--check"] : []) + [patch.path]
        process.currentDirectoryURL = folder
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw Failure(description: "git apply failed (\(process.terminationStatus)): \(message)")
        }
    }
}
