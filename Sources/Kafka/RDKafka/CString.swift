/// A NUL-terminated copy of a Swift string that lives as long as this object, for C APIs that take
/// arrays of `const char *`.
final class CString {
    let pointer: UnsafeMutablePointer<CChar>

    init(_ string: String) {
        let bytes = string.utf8CString
        pointer = .allocate(capacity: bytes.count)
        bytes.withUnsafeBufferPointer { pointer.initialize(from: $0.baseAddress!, count: bytes.count) }
    }

    deinit { pointer.deallocate() }
}

extension String {
    /// Decodes a NUL-terminated C buffer (e.g. librdkafka's `errstr`), stopping at the first NUL.
    init(cChars buffer: [CChar]) {
        let end = buffer.firstIndex(of: 0) ?? buffer.endIndex
        self = String(decoding: buffer[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
