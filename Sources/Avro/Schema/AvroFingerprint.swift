/// The CRC-64-AVRO fingerprint, the Rabin fingerprint the Avro specification defines for schemas.
public enum AvroFingerprint {
    /// The fingerprint of no bytes, and the polynomial the table is built from.
    static let empty: UInt64 = 0xC15D_213A_A4D7_A795

    private static let table: [UInt64] = (0..<256).map { index in
        var fingerprint = UInt64(index)
        for _ in 0..<8 {
            fingerprint = (fingerprint >> 1) ^ (empty & (0 &- (fingerprint & 1)))
        }
        return fingerprint
    }

    /// The CRC-64-AVRO fingerprint of `bytes`.
    ///
    /// - Parameter bytes: The bytes to fingerprint, usually a schema's canonical form in UTF-8.
    /// - Returns: The 64-bit fingerprint; the Avro test files print it as a signed integer.
    public static func crc64(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var fingerprint = empty
        for byte in bytes {
            fingerprint = (fingerprint >> 8) ^ table[Int((fingerprint ^ UInt64(byte)) & 0xFF)]
        }
        return fingerprint
    }
}
