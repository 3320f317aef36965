import Crypto

/// Content fingerprints for the answers file: SHA-256, as lowercase hex.
enum Digest {
    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
