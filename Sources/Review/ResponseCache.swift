import Crypto
import Foundation
import KafkaSkillModel

/// Model answers on disk, keyed by the SHA-256 of what was asked, so an unchanged re-run sends no
/// request.
///
/// The key covers the provider, the endpoint and the exact request body; it never covers the API
/// key, which travels only in headers. Entries are the provider's raw response bodies, written
/// atomically.
struct ResponseCache: Sendable {
    let directory: URL

    /// The cache key of a request.
    static func key(provider: ProviderKind, endpoint: URL, body: Data) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("\(provider.rawValue)\n\(endpoint.absoluteString)\n".utf8))
        hasher.update(data: body)
        return hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    func file(for key: String) -> URL {
        directory.appendingPathComponent("\(key).json")
    }

    /// The stored response body, or `nil` on a miss.
    func response(for key: String) -> Data? {
        try? Data(contentsOf: file(for: key))
    }

    /// Stores a response body.
    func store(_ body: Data, for key: String) throws {
        do {
            try AtomicFile.write(body, to: file(for: key))
        } catch {
            throw ReviewError.writeFailed(path: error.path, reason: error.reason)
        }
    }
}
