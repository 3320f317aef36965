import CRdKafka

/// Hands one message to librdkafka with `rd_kafka_produceva`, copying key, value and headers
/// (`RD_KAFKA_MSG_F_COPY`), so the Swift arrays need not outlive the call.
enum RDKafkaProduce {
    /// A non-null pointer for empty keys and values: Kafka tells an empty value from a null one.
    // nonisolated(unsafe): allocated once and never written through; librdkafka only copies 0 bytes from it.
    nonisolated(unsafe) private static let emptyByte = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)

    /// Returns `nil` on success, else the error librdkafka reported (ownership already handled).
    static func produce(
        handle: OpaquePointer,
        topic: OpaquePointer,
        message: KafkaProducerMessage,
        opaque: UInt64
    ) -> KafkaError? {
        var headers: OpaquePointer?
        if !message.headers.isEmpty {
            headers = rd_kafka_headers_new(message.headers.count)
            for header in message.headers {
                if let value = header.value {
                    value.withUnsafeBytes { bytes in
                        _ = rd_kafka_header_add(headers, header.name, -1, bytes.baseAddress ?? UnsafeRawPointer(emptyByte), bytes.count)
                    }
                } else {
                    rd_kafka_header_add(headers, header.name, -1, nil, 0)
                }
            }
        }
        let error = withOptionalBytes(message.key) { keyPointer, keyCount in
            withOptionalBytes(message.value) { valuePointer, valueCount in
                withUnsafeTemporaryAllocation(of: rd_kafka_vu_t.self, capacity: 8) { values -> OpaquePointer? in
                    var count = 0
                    func append(_ type: rd_kafka_vtype_t, _ fill: (inout rd_kafka_vu_t) -> Void) {
                        var value = rd_kafka_vu_t()
                        value.vtype = type
                        fill(&value)
                        values[count] = value
                        count += 1
                    }
                    append(RD_KAFKA_VTYPE_RKT) { $0.u.rkt = topic }
                    append(RD_KAFKA_VTYPE_PARTITION) { $0.u.i32 = message.partition ?? RD_KAFKA_PARTITION_UA }
                    append(RD_KAFKA_VTYPE_MSGFLAGS) { $0.u.i = RD_KAFKA_MSG_F_COPY }
                    append(RD_KAFKA_VTYPE_VALUE) {
                        $0.u.mem.ptr = valuePointer
                        $0.u.mem.size = valueCount
                    }
                    append(RD_KAFKA_VTYPE_KEY) {
                        $0.u.mem.ptr = keyPointer
                        $0.u.mem.size = keyCount
                    }
                    append(RD_KAFKA_VTYPE_OPAQUE) { $0.u.ptr = UnsafeMutableRawPointer(bitPattern: UInt(opaque)) }
                    if let timestamp = message.timestampMs {
                        append(RD_KAFKA_VTYPE_TIMESTAMP) { $0.u.i64 = timestamp }
                    }
                    if let headers {
                        append(RD_KAFKA_VTYPE_HEADERS) { $0.u.headers = headers }
                    }
                    return rd_kafka_produceva(handle, values.baseAddress, count)
                }
            }
        }
        guard let error else { return nil }
        // On failure the headers were not handed over and are still ours to free.
        if let headers { rd_kafka_headers_destroy(headers) }
        return KafkaError(consuming: error, context: "could not enqueue a message for '\(message.topic)'")
    }

    private static func withOptionalBytes<R>(
        _ bytes: [UInt8]?,
        _ body: (UnsafeMutableRawPointer?, Int) -> R
    ) -> R {
        guard let bytes else { return body(nil, 0) }
        if bytes.isEmpty { return body(emptyByte, 0) }
        return bytes.withUnsafeBytes { body(UnsafeMutableRawPointer(mutating: $0.baseAddress), $0.count) }
    }
}
