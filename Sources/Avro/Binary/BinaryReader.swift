/// Reads Avro binary primitives from borrowed memory, checking every length against what is left before
/// trusting it.
struct BinaryReader {
    private let base: UnsafeRawPointer?
    let count: Int
    private(set) var offset: Int

    init(_ buffer: UnsafeRawBufferPointer, offset: Int = 0) {
        self.base = buffer.baseAddress
        self.count = buffer.count
        self.offset = offset
    }

    @inline(__always)
    var remaining: Int { count - offset }

    @inline(__always)
    private func byte(at position: Int) -> UInt8 {
        // Callers check `position < count` first; a nil base only occurs with count 0.
        base.unsafelyUnwrapped.load(fromByteOffset: position, as: UInt8.self)
    }

    @inline(__always)
    mutating func readLong() throws(AvroError) -> Int64 {
        guard offset < count else { throw AvroError.truncatedInput(offset: offset, needed: 1, available: 0) }
        let first = byte(at: offset)
        if first < 0x80 {
            offset += 1
            return Int64(first >> 1) ^ -Int64(first & 1)
        }
        return try readLongSlow()
    }

    private mutating func readLongSlow() throws(AvroError) -> Int64 {
        let start = offset
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < count else {
                throw AvroError.truncatedInput(offset: offset, needed: 1, available: 0)
            }
            let current = byte(at: offset)
            offset += 1
            if shift == 63 && current > 1 {
                // The tenth byte may only carry bit 63; anything else is an overlong or non-terminating varint.
                throw AvroError.malformedInput(offset: start, message: "long varint is longer than 10 bytes")
            }
            result |= UInt64(current & 0x7F) << shift
            if current < 0x80 {
                return Int64(bitPattern: result >> 1) ^ -Int64(bitPattern: result & 1)
            }
            shift += 7
        }
    }

    @inline(__always)
    mutating func readInt() throws(AvroError) -> Int32 {
        guard offset < count else { throw AvroError.truncatedInput(offset: offset, needed: 1, available: 0) }
        let first = byte(at: offset)
        if first < 0x80 {
            offset += 1
            return Int32(first >> 1) ^ -Int32(first & 1)
        }
        return try readIntSlow()
    }

    private mutating func readIntSlow() throws(AvroError) -> Int32 {
        let start = offset
        var result: UInt32 = 0
        var shift: UInt32 = 0
        while true {
            guard offset < count else {
                throw AvroError.truncatedInput(offset: offset, needed: 1, available: 0)
            }
            let current = byte(at: offset)
            offset += 1
            if shift == 28 && current > 0x0F {
                throw AvroError.malformedInput(offset: start, message: "int varint is longer than 5 bytes or exceeds 32 bits")
            }
            result |= UInt32(current & 0x7F) << shift
            if current < 0x80 {
                return Int32(bitPattern: result >> 1) ^ -Int32(bitPattern: result & 1)
            }
            shift += 7
        }
    }

    @inline(__always)
    mutating func readBoolean() throws(AvroError) -> Bool {
        guard offset < count else { throw AvroError.truncatedInput(offset: offset, needed: 1, available: 0) }
        let value = byte(at: offset)
        guard value <= 1 else {
            throw AvroError.malformedInput(offset: offset, message: "boolean byte is \(value), not 0 or 1")
        }
        offset += 1
        return value == 1
    }

    @inline(__always)
    mutating func readFloat() throws(AvroError) -> Float {
        try require(4)
        let bits = base.unsafelyUnwrapped.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        offset += 4
        return Float(bitPattern: UInt32(littleEndian: bits))
    }

    @inline(__always)
    mutating func readDouble() throws(AvroError) -> Double {
        try require(8)
        let bits = base.unsafelyUnwrapped.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        offset += 8
        return Double(bitPattern: UInt64(littleEndian: bits))
    }

    /// Reads a length prefix and checks that the input still holds that many bytes.
    @inline(__always)
    mutating func readLength() throws(AvroError) -> Int {
        let start = offset
        let length = try readLong()
        guard length >= 0 else {
            throw AvroError.malformedInput(offset: start, message: "negative length \(length)")
        }
        guard length <= Int64(remaining) else {
            throw AvroError.truncatedInput(offset: offset, needed: Int(clamping: length), available: remaining)
        }
        return Int(length)
    }

    /// Borrows the next `length` bytes, which the caller has checked are present.
    @inline(__always)
    mutating func take(_ length: Int) -> UnsafeRawBufferPointer {
        let slice = UnsafeRawBufferPointer(start: base.map { $0 + offset }, count: length)
        offset += length
        return slice
    }

    @inline(__always)
    mutating func readBytes() throws(AvroError) -> [UInt8] {
        let length = try readLength()
        return [UInt8](take(length))
    }

    @inline(__always)
    mutating func readString() throws(AvroError) -> String {
        let start = offset
        let length = try readLength()
        let raw = take(length)
        let utf8 = raw.assumingMemoryBound(to: UInt8.self)
        // Most strings are ASCII, which needs no validation beyond the high-bit check; the generic validating
        // initializer costs a metadata lookup per call.
        if Self.isASCII(raw) {
            return String(decoding: utf8, as: UTF8.self)
        }
        guard let text = String(validating: utf8, as: UTF8.self) else {
            throw AvroError.malformedInput(offset: start, message: "string is not valid UTF-8")
        }
        return text
    }

    @inline(__always)
    static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var position = 0
        let count = bytes.count
        while position + 8 <= count {
            if bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
                return false
            }
            position += 8
        }
        while position < count {
            if bytes[position] & 0x80 != 0 {
                return false
            }
            position += 1
        }
        return true
    }

    @inline(__always)
    mutating func readFixed(_ size: Int) throws(AvroError) -> [UInt8] {
        try require(size)
        return [UInt8](take(size))
    }

    @inline(__always)
    mutating func skip(_ length: Int) throws(AvroError) {
        try require(length)
        offset += length
    }

    @inline(__always)
    mutating func require(_ length: Int) throws(AvroError) {
        guard length <= remaining else {
            throw AvroError.truncatedInput(offset: offset, needed: length, available: remaining)
        }
    }

    /// Reads an array or map block header, returning the item count. A negative count is followed by the
    /// block's size in bytes, which is checked and discarded.
    mutating func readBlockCount() throws(AvroError) -> Int {
        let start = offset
        let count = try readLong()
        if count >= 0 {
            return Int(count)
        }
        guard count != Int64.min else {
            throw AvroError.malformedInput(offset: start, message: "block count \(count) has no positive counterpart")
        }
        let size = try readLong()
        guard size >= 0, size <= Int64(remaining) else {
            throw AvroError.malformedInput(offset: start, message: "block byte size \(size) does not fit the \(remaining) bytes left")
        }
        return Int(-count)
    }

    /// Reads a block header for skipping: the count, and the byte size when the writer gave one.
    mutating func readBlockForSkip() throws(AvroError) -> (count: Int, byteSize: Int?) {
        let start = offset
        let count = try readLong()
        if count >= 0 {
            return (Int(count), nil)
        }
        guard count != Int64.min else {
            throw AvroError.malformedInput(offset: start, message: "block count \(count) has no positive counterpart")
        }
        let size = try readLong()
        guard size >= 0, size <= Int64(remaining) else {
            throw AvroError.malformedInput(offset: start, message: "block byte size \(size) does not fit the \(remaining) bytes left")
        }
        return (Int(-count), Int(size))
    }
}
