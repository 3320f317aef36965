import Avro
import SchemaRegistry

/// The Confluent wire format as the deserializer reads it: magic byte and schema id, then the Avro payload,
/// decoded with the schema the id names (here: one of two, by the id's parity).
let schemas = [
    try! AvroSchema(parsing: #"{"type": "record", "name": "K", "fields": [{"name": "id", "type": "string"}]}"#),
    try! AvroSchema(parsing: #"{"type": "record", "name": "V", "fields": [{"name": "a", "type": ["null", "long"]}, {"name": "b", "type": {"type": "array", "items": "bytes"}}]}"#),
]
let decoders = schemas.map { try! AvroBinaryDecoder(schema: $0) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWireFormat(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let id = try? ConfluentWireFormat.schemaID(of: bytes) else { return 0 }
    let payload = Array(bytes.dropFirst(ConfluentWireFormat.headerSize))
    _ = try? decoders[Int(id & 1)].decode(payload)
    return 0
}

/// libFuzzer's driver: SwiftPM links an executable's `main` to `<module>_main`, so that is where libFuzzer starts.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("FuzzWireFormat_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzWireFormat)
}
