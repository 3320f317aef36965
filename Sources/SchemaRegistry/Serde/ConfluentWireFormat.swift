/// The Confluent wire format of a Kafka key or value: a magic byte 0, the schema id as a 4-byte big-endian signed
/// integer, then the Avro binary encoding (no container header, no single-object marker).
///
/// ```
/// 00 | 00 00 05 39 | 08 66 6f 6f 6f      schema id 1337, record { name: "fooo" }
/// ```
public enum ConfluentWireFormat {
    /// The only magic byte defined.
    public static let magicByte: UInt8 = 0
    /// The bytes before the payload: the magic byte and the schema id.
    public static let headerSize = 5

    /// Prepends the header to an Avro payload.
    ///
    /// - Parameters:
    ///   - schemaID: The id the registry gave the writer's schema.
    ///   - payload: The Avro binary encoding.
    /// - Returns: The framed message.
    public static func frame(schemaID: Int32, payload: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(headerSize + payload.count)
        appendHeader(schemaID: schemaID, to: &bytes)
        bytes.append(contentsOf: payload)
        return bytes
    }

    /// Appends the header for `schemaID` to `bytes`, so a payload can be encoded straight after it.
    ///
    /// - Parameters:
    ///   - schemaID: The schema id.
    ///   - bytes: The buffer to append to.
    public static func appendHeader(schemaID: Int32, to bytes: inout [UInt8]) {
        let id = UInt32(bitPattern: schemaID)
        bytes.append(magicByte)
        bytes.append(UInt8(truncatingIfNeeded: id >> 24))
        bytes.append(UInt8(truncatingIfNeeded: id >> 16))
        bytes.append(UInt8(truncatingIfNeeded: id >> 8))
        bytes.append(UInt8(truncatingIfNeeded: id))
    }

    /// Reads the schema id of a framed message.
    ///
    /// - Parameter bytes: The message, header included.
    /// - Returns: The schema id; the payload starts at ``headerSize``.
    /// - Throws: ``SchemaRegistryError/malformedMessage(message:)`` when the message is shorter than the header or its
    ///   magic byte is not 0.
    public static func schemaID(of bytes: some Collection<UInt8>) throws(SchemaRegistryError) -> Int32 {
        guard bytes.count >= headerSize else {
            throw .malformedMessage(message: "\(bytes.count) byte(s), fewer than the \(headerSize)-byte header (magic byte and schema id)")
        }
        var index = bytes.startIndex
        guard bytes[index] == magicByte else {
            throw .malformedMessage(message: "byte 0 is \(bytes[index]), not the magic byte \(magicByte)")
        }
        var id: UInt32 = 0
        for _ in 0..<4 {
            index = bytes.index(after: index)
            id = id << 8 | UInt32(bytes[index])
        }
        return Int32(bitPattern: id)
    }
}
