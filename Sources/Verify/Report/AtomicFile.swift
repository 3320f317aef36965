import Foundation

/// Writes a file by writing a temporary file in the same folder and renaming it over the target, so a
/// reader never sees half a file.
enum AtomicFile {
    static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                throw VerifyError.io(path: url.path, operation: "replace it", reason: String(cString: strerror(errno)))
            }
        } catch let error as VerifyError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw VerifyError.io(path: url.path, operation: "write it", reason: error.localizedDescription)
        }
    }

    static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }
}
