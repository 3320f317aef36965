import CRdKafka

/// Watermark queries that end within their timeout.
///
/// `rd_kafka_query_watermark_offsets` in librdkafka < 2.3.0 ignores its timeout once its ListOffsets request
/// is queued (confluentinc/librdkafka#4460): against a partition whose leader is down it does not return
/// until the leader is back. `rd_kafka_offsets_for_times` with the logical timestamps for "earliest" and
/// "latest" asks the same ListOffsets question, of all partitions at once, and gives up at its deadline.
extension ConsumerCore {
    /// The low and high watermarks of each partition.
    func watermarks(_ partitions: [KafkaTopicPartition], timeoutMs: Int32) async throws
        -> [KafkaTopicPartition: (low: Int64, high: Int64)]
    {
        try startCall(duringClose: mayCallDuringClose)
        defer { finishCall() }
        guard !partitions.isEmpty else { return [:] }
        let handle = self.handle
        return try await BlockingCalls.run {
            let deadline = ContinuousClock.now + .milliseconds(Int64(max(timeoutMs, 0)))
            // One request per kind: a ListOffsets request may name a partition only once.
            let low = try Self.listOffsets(handle, partitions, at: KafkaOffset.beginning, until: deadline)
            let high = try Self.listOffsets(handle, partitions, at: KafkaOffset.end, until: deadline)
            var result: [KafkaTopicPartition: (low: Int64, high: Int64)] = [:]
            for partition in partitions {
                result[partition] = (low[partition] ?? KafkaOffset.invalid, high[partition] ?? KafkaOffset.invalid)
            }
            return result
        }
    }

    /// The offsets at a logical timestamp (`KafkaOffset.beginning` or `.end`), from the partitions' leaders.
    private static func listOffsets(
        _ handle: RDKafkaHandle, _ partitions: [KafkaTopicPartition], at timestamp: Int64,
        until deadline: ContinuousClock.Instant
    ) throws -> [KafkaTopicPartition: Int64] {
        let list = RDKafkaPartitionList(partitions, offset: timestamp)
        let remaining = deadline - ContinuousClock.now
        let code = rd_kafka_offsets_for_times(handle.pointer, list.pointer, max(remaining.milliseconds, 1))
        let names = partitions.map(\.description).joined(separator: ", ")
        if code != RD_KAFKA_RESP_ERR_NO_ERROR {
            var error = KafkaError(code: .init(rawValue: code.rawValue), context: "could not read the watermarks of \(names)")
            if code == RD_KAFKA_RESP_ERR__TIMED_OUT {
                error.message += " (is the partition leader down? check the cluster, or raise the timeout)"
            }
            throw error
        }
        if let error = list.firstError(context: "could not read the watermarks") { throw error }
        var offsets: [KafkaTopicPartition: Int64] = [:]
        for item in list.offsets { offsets[item.topicPartition] = item.offset }
        return offsets
    }
}
