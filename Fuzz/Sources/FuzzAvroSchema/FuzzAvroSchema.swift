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
