import Avro

/// Avro binary decoding with the generic decoder: the first byte picks a schema, the rest is the payload.
let schemas: [AvroSchema] = [
    #""long""#, #""string""#, #""bytes""#, #"{"type": "array", "items": "long"}"#,
    #"{"type": "map", "values": "string"}"#, #"["null", "string", "double"]"#,
    #"{"type": "fixed", "name": "F", "size": 4}"#,
    #"{"type": "enum", "name": "E", "symbols": ["A", "B", "C"]}"#,
    #"{"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"}, {"name": "n", "type": ["null", "R"]}]}"#,
    #"{"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}"#,
    #"{"type": "array", "items": {"type": "map", "values": {"type": "array", "items": "null"}}}"#,
].map { try! AvroSchema(parsing: $0) }

let decoders = schemas.map { try! AvroBinaryDecoder(schema: $0) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAvroBinary(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let decoder = decoders[Int(data[0]) % decoders.count]
    let payload = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    _ = try? decoder.decode(payload)
    return 0
}

/// libFuzzer's driver: SwiftPM links an executable's `main` to `<module>_main`, so that is where libFuzzer starts.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("FuzzAvroBinary_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzAvroBinary)
}
