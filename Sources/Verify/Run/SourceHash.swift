import Foundation

/// A fingerprint of source trees for the build cache: FNV-1a (64-bit) over every file's relative path and
/// bytes, in path order. Build folders (`.build*`), `.swiftpm` and other hidden entries are left out, and so
/// is `Package.resolved`, which `swift build` itself writes.
enum SourceHash {
    static func compute(_ roots: [URL]) throws -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        for root in roots {
            for file in try files(under: root) {
                mix(file.relative.utf8)
                mix([0])
                guard let data = FileManager.default.contents(atPath: file.url.path) else {
                    throw VerifyError.io(path: file.url.path, operation: "read it for the build cache", reason: "the file is not readable")
                }
                mix(data)
                mix([0])
            }
        }
        return String(hash, radix: 16)
    }

    private static func files(under root: URL) throws -> [(relative: String, url: URL)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [(root.lastPathComponent, root)] }
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else {
            throw VerifyError.io(path: root.path, operation: "list its files for the build cache", reason: "the folder is not readable")
        }
        var result: [(String, URL)] = []
        let base = root.standardizedFileURL.path
        for case let url as URL in enumerator {
            let name = url.lastPathComponent
            if name.hasPrefix(".build") {
                enumerator.skipDescendants()
                continue
            }
            if name == "Package.resolved" { continue }
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            result.append((path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path, url))
        }
        return result.sorted { $0.0 < $1.0 }
    }
}
