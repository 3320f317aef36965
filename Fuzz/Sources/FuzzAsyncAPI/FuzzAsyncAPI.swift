import Foundation
import Scaffold

/// AsyncAPI 3 documents, imported as a service spec (YAML or JSON; the first byte picks the extension).
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-asyncapi-\(ProcessInfo.processInfo.processIdentifier)")
let created: Void = { try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAsyncAPI(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = created
    guard size > 0 else { return 0 }
    let file = folder.appendingPathComponent(data[0] & 1 == 0 ? "doc.yaml" : "doc.json")
    try? Data(UnsafeBufferPointer(start: data + 1, count: size - 1)).write(to: file)
    _ = try? AsyncAPIImporter().import(contentsOf: file)
    return 0
}

/// libFuzzer's driver: SwiftPM links an executable's `main` to `<module>_main`, so that is where libFuzzer starts.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("FuzzAsyncAPI_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzAsyncAPI)
}
