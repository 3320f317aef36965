public import Foundation

/// Writes files so that a reader sees the old content or the new, never a half-written file: the bytes go
/// to a temporary file in the same folder, which is then renamed over the target.
public enum AtomicFile {
    /// Writes data to a file, replacing what is there.
    /// - Parameters:
    ///   - data: The bytes to write.
    ///   - url: The file to write.
    ///   - createFolder: Whether to create the folder (and its parents) first. Default: `true`.
    /// - Throws: ``ModelError`` with code ``ModelError/Code/writeFailed`` naming the file and what failed.
    public static func write(_ data: Data, to url: URL, createFolder: Bool = true) throws(ModelError) {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).kafka-skill-\(UUID().uuidString.prefix(8)).tmp")
        do {
            if createFolder {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw ModelError.writeFailed(path: url.path, operation: "write", reason: error.localizedDescription)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ModelError.writeFailed(path: url.path, operation: "replace", reason: reason)
        }
    }

    /// Writes UTF-8 text to a file, replacing what is there.
    /// - Parameters:
    ///   - text: The text to write.
    ///   - url: The file to write.
    ///   - createFolder: Whether to create the folder (and its parents) first. Default: `true`.
    /// - Throws: ``ModelError`` with code ``ModelError/Code/writeFailed``.
    public static func write(_ text: String, to url: URL, createFolder: Bool = true) throws(ModelError) {
        try write(Data(text.utf8), to: url, createFolder: createFolder)
    }
}
