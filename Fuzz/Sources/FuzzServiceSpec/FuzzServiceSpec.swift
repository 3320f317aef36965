import Foundation
import Scaffold

/// Service specs, parsed and validated from text.
let base = FileManager.default.temporaryDirectory

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzServiceSpec(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? ServiceSpecLoader().load(text: text, file: "spec.yaml", baseDirectory: base)
    return 0
}
