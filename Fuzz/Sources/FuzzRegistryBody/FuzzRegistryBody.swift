import Avro
import Foundation

/// The registry's request bodies: JSON decoded as the registry decodes `{"schema": …}` and
/// `{"compatibility": …}`, then the schema parsed and checked for compatibility with itself and a fixed one.
struct SchemaRequest: Decodable {
    var schema: String
    var schemaType: String?
}

struct ConfigUpdate: Decodable {
    var compatibility: String
}

let previous = try! AvroSchema(parsing: #"{"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"}]}"#)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRegistryBody(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Data(UnsafeBufferPointer(start: data, count: size))
    if let config = try? JSONDecoder().decode(ConfigUpdate.self, from: body) {
        _ = CompatibilityLevel(name: config.compatibility)
    }
    guard let request = try? JSONDecoder().decode(SchemaRequest.self, from: body),
          request.schema.utf8.count <= 900_000,
          let schema = try? AvroSchema(parsing: request.schema)
    else { return 0 }
    _ = try? SchemaCompatibility.check(schema, against: [previous, schema], level: .fullTransitive)
    return 0
}

/// libFuzzer's driver: SwiftPM links an executable's `main` to `<module>_main`, so that is where libFuzzer starts.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("FuzzRegistryBody_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzRegistryBody)
}
