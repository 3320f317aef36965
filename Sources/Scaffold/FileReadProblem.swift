import Foundation

/// Why a file could not be read, in words a user acts on, instead of Foundation's `NSCocoaErrorDomain` text.
enum FileReadProblem {
    /// The reason reading `url` failed: missing, a folder, not readable, or not UTF-8 text.
    static func reason(_ url: URL) -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return "no such file" }
        if isFolder.boolValue { return "it is a folder, not a file" }
        guard FileManager.default.isReadableFile(atPath: url.path) else { return "permission denied" }
        return "it is not UTF-8 text"
    }
}
