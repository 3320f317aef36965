import KafkaSkillModel
import KafkaServiceRuntime
extension HistoryChecker {
    /// Acknowledged writes (outside transactions, or in committed ones) that the final drain did not read.
    ///
    /// Writes acknowledged below a partition's low watermark are left out: the cluster trimmed them, which the
    /// drain result reports separately.
    public static func lostWrites(in history: History) -> [Anomaly] {
        let index = HistoryIndex(history)
        var anomalies: [Anomaly] = []
        for id in index.committedValues where index.drained[id] == nil {
            guard let write = index.committedWrite(id), let acked = write.acked else { continue }
            let partition = ServiceEvent.Partition(topic: id.topic, partition: acked.partition)
            if let low = index.lowWatermark[partition], acked.offset >= 0, acked.offset < low { continue }
            anomalies.append(Anomaly(
                kind: .lostWrite,
                summary: acked.offset >= 0
                    ? "value \(id.value) was acknowledged at \(partition)@\(acked.offset) but the final drain did not read it"
                    // librdkafka reports success without an offset when it takes a batch as already
                    // written: the broker answered DUPLICATE_SEQUENCE_NUMBER, or a later batch succeeded
                    // after one whose outcome was unknown. Saying so points at the idempotence path.
                    : "value \(id.value) was acknowledged on \(partition) without an offset (the client took its batch as "
                        + "already written) but the final drain did not read it",
                records: [AnomalyRecord(
                    role: "acked", topic: id.topic, partition: acked.partition, offset: acked.offset, key: write.key, value: id.value,
                    instance: write.instance, location: acked.location)]))
        }
        return anomalies
    }

    /// Acknowledged writes whose partition and offset disagree with the drained log.
    public static func inconsistentOffsets(in history: History) -> [Anomaly] {
        let index = HistoryIndex(history)
        var anomalies: [Anomaly] = []
        for (id, attempts) in index.attempts.sorted(by: { $0.key < $1.key }) {
            for attempt in attempts {
                guard let acked = attempt.acked, acked.offset >= 0 else { continue }
                let position = HistoryIndex.Position(topic: id.topic, partition: acked.partition, offset: acked.offset)
                guard let found = index.drainedAt[position], found.value != id.value else { continue }
                anomalies.append(Anomaly(
                    kind: .inconsistentOffset,
                    summary: "value \(id.value) was acknowledged at \(id.topic)[\(acked.partition)]@\(acked.offset), "
                        + "but the log holds value \(found.value) there",
                    records: [
                        AnomalyRecord(
                            role: "acked", topic: id.topic, partition: acked.partition, offset: acked.offset, key: attempt.key,
                            value: id.value, instance: attempt.instance, location: acked.location),
                        AnomalyRecord(
                            role: "drained", topic: found.topic, partition: found.partition, offset: found.offset, key: found.key,
                            value: found.value),
                    ]))
            }
        }
        return anomalies
    }

    /// Acknowledged writes on a topic the services read that are in the log but no service processed.
    public static func unseen(in history: History) -> [Anomaly] {
        let index = HistoryIndex(history)
        var anomalies: [Anomaly] = []
        for id in index.committedValues where index.readTopics.contains(id.topic) && index.reads[id] == nil {
            guard let record = index.drained[id]?.first, let write = index.committedWrite(id) else { continue }
            anomalies.append(Anomaly(
                kind: .unseen,
                summary: "value \(id.value) is in the log at \(id.topic)[\(record.partition)]@\(record.offset) but no service consumer processed it",
                records: [
                    AnomalyRecord(
                        role: "acked", topic: id.topic, partition: write.acked?.partition, offset: write.acked?.offset, key: write.key,
                        value: id.value, instance: write.instance, location: write.acked?.location),
                    AnomalyRecord(role: "drained", topic: id.topic, partition: record.partition, offset: record.offset, key: record.key, value: record.value),
                ]))
        }
        return anomalies
    }

    /// Values the log holds at more than one offset.
    public static func duplicates(in history: History) -> [Anomaly] {
        let index = HistoryIndex(history)
        return index.drained.sorted(by: { $0.key < $1.key }).compactMap { id, records in
            guard records.count > 1 else { return nil }
            let offsets = records.map { "\($0.topic)[\($0.partition)]@\($0.offset)" }.joined(separator: ", ")
            return Anomaly(
                kind: .duplicate,
                summary: "value \(id.value) is in the log \(records.count) times: \(offsets)",
                records: records.map {
                    AnomalyRecord(role: "drained", topic: $0.topic, partition: $0.partition, offset: $0.offset, key: $0.key, value: $0.value)
                })
        }
    }

    /// Values the services processed more than once (redelivery after a crash or rebalance).
    public static func redeliveries(in history: History) -> [Anomaly] {
        let index = HistoryIndex(history)
        return index.reads.sorted(by: { $0.key < $1.key }).compactMap { id, reads in
            guard reads.count > 1 else { return nil }
            return Anomaly(
                kind: .redelivery,
                summary: "value \(id.value) of \(id.topic) was processed \(reads.count) times",
                records: reads.map {
                    AnomalyRecord(
                        role: "read", topic: id.topic, partition: $0.partition, offset: $0.offset, key: $0.key, value: id.value,
                        instance: $0.instance, location: $0.location)
                })
        }
    }

    /// Reads of values that no committed write produced: every attempt aborted or definitely failed.
    ///
    /// The drain counts as a reader only when it read with `read_committed`.
    public static func abortedReads(in history: History) -> [Anomaly] {
        let index = HistoryIndex(history)
        var anomalies: [Anomaly] = []
        for (id, reads) in index.reads.sorted(by: { $0.key < $1.key }) where index.isNeverCommitted(id) {
            for read in reads {
                anomalies.append(Anomaly(
                    kind: .abortedRead,
                    summary: "\(read.instance) processed value \(id.value), which was only written in aborted transactions or failed sends",
                    records: [AnomalyRecord(
                        role: "read", topic: id.topic, partition: read.partition, offset: read.offset, key: read.key, value: id.value,
                        instance: read.instance, location: read.location)]))
            }
        }
        guard history.drain.isolationLevel == "read_committed" else { return anomalies }
        for (id, records) in index.drained.sorted(by: { $0.key < $1.key }) where index.isNeverCommitted(id) {
            anomalies.append(Anomaly(
                kind: .abortedRead,
                summary: "a read_committed drain read value \(id.value), which was only written in aborted transactions or failed sends",
                records: records.map {
                    AnomalyRecord(role: "drained", topic: $0.topic, partition: $0.partition, offset: $0.offset, key: $0.key, value: $0.value)
                }))
        }
        return anomalies
    }
}
