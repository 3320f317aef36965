import CRdKafka

extension KafkaConsumer {
    /// The high watermark (the offset the next message will get) of every partition, in one ListOffsets
    /// request per partition leader however many partitions are asked for; `kafka-skill lag` reads a
    /// thousand partitions this way in one round trip.
    ///
    /// With `isolation.level=read_committed` the answer is each partition's last stable offset instead.
    /// - Parameters:
    ///   - partitions: The partitions; an empty list returns at once.
    ///   - timeout: How long to wait for every leader to answer.
    /// - Throws: ``KafkaError`` (`_TIMED_OUT` when a leader does not answer in time, or the first
    ///   partition-level error, such as an unknown partition).
    public func highWatermarks(_ partitions: [KafkaTopicPartition], timeout: Duration = .seconds(10)) async throws
        -> [KafkaTopicPartition: Int64]
    {
        guard !partitions.isEmpty else { return [:] }
        let handle = core.handle
        let milliseconds = max(timeout.milliseconds, 1)
        return try await BlockingCalls.run {
            let list = RDKafkaPartitionList(partitions, offset: KafkaOffset.end)
            let code = rd_kafka_offsets_for_times(handle.pointer, list.pointer, milliseconds)
            if code != RD_KAFKA_RESP_ERR_NO_ERROR {
                throw KafkaError(code: .init(rawValue: code.rawValue), context: "could not read the high watermarks of \(partitions.count) partition(s)")
            }
            if let error = list.firstError(context: "could not read a high watermark") { throw error }
            var result: [KafkaTopicPartition: Int64] = [:]
            for item in list.offsets { result[item.topicPartition] = item.offset }
            return result
        }
    }
}
