import Avro

/// Avro schema JSON: parse it; when it parses, write its canonical form and check it against itself.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAvroSchema(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let schema = try? AvroSchema(parsing: text) else { return 0 }
    _ = schema.jsonString
    _ = try? SchemaCompatibility.check(schema, against: [schema], level: .fullTransitive)
    return 0
}

/// libFuzzer's driver: SwiftPM links an executable's `main` to `<module>_main`, so that is where libFuzzer starts.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("FuzzAvroSchema_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzAvroSchema)
}
