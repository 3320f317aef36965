import Avro

/// Avro binary decoding into Codable types, the way generated services read records.
struct Order: Codable {
    enum Status: String, Codable { case placed = "PLACED", shipped = "SHIPPED" }
    var id: Int64
    var customer: String
    var amount: Double
    var tags: [String]
    var attributes: [String: Int32]
    var status: Status
    var note: String?
}

let schema = try! AvroSchema(parsing: """
    {"type": "record", "name": "Order", "fields": [
      {"name": "id", "type": "long"}, {"name": "customer", "type": "string"}, {"name": "amount", "type": "double"},
      {"name": "tags", "type": {"type": "array", "items": "string"}},
      {"name": "attributes", "type": {"type": "map", "values": "int"}},
      {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["PLACED", "SHIPPED"]}},
      {"name": "note", "type": ["null", "string"], "default": null}]}
    """)
let decoder = try! AvroDecoder(schema: schema)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAvroCodable(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? decoder.decode(Order.self, from: Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// libFuzzer's driver: SwiftPM links an executable's `main` to `<module>_main`, so that is where libFuzzer starts.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("FuzzAvroCodable_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzAvroCodable)
}
