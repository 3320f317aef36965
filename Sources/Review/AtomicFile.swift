import Foundation

/// Writes files so that readers see the old content or the new, never a half-written file.
enum AtomicFile {
    /// Writes data to a temporary file beside the destination, then renames it into place.
    /// - Throws: ``ReviewError/writeFailed(path:reason:)``.
    static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: temporary)
        } catch {
            throw ReviewError.writeFailed(path: url.path, reason: error.localizedDescription)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ReviewError.writeFailed(path: url.path, reason: reason)
        }
    }
}
