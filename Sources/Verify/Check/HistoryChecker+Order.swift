import KafkaSkillModel
import KafkaServiceRuntime
extension HistoryChecker {
    /// Writes of one key from one producer instance that the log holds in the opposite order to their sends,
    /// and keys whose records landed in more than one partition.
    ///
    /// Only each value's first copy in the log counts, so a duplicate is reported as a duplicate, not also as
    /// a reordering.
    public static func orderViolations(in history: History) -> [Anomaly] {
        let index = HistoryIndex(history)
        struct KeyID: Hashable {
            var topic: String
            var key: String
        }
        var firstCopies: [KeyID: [DrainedRecord]] = [:]
        var seen: Set<HistoryIndex.ValueID> = []
        let ordered = history.drain.records.sorted { ($0.topic, $0.partition, $0.offset) < ($1.topic, $1.partition, $1.offset) }
        for record in ordered {
            guard let key = record.key else { continue }
            let id = HistoryIndex.ValueID(topic: record.topic, value: record.value)
            guard seen.insert(id).inserted else { continue }
            firstCopies[KeyID(topic: record.topic, key: key), default: []].append(record)
        }
        var anomalies: [Anomaly] = []
        for (keyID, records) in firstCopies.sorted(by: { ($0.key.topic, $0.key.key) < ($1.key.topic, $1.key.key) }) {
            let partitions = Set(records.map(\.partition))
            if partitions.count > 1 {
                anomalies.append(Anomaly(
                    kind: .keySplit,
                    summary: "key \(keyID.key) of \(keyID.topic) is in partitions \(partitions.sorted().map(String.init).joined(separator: ", ")); "
                        + "order is kept only within one partition",
                    records: Array(records.prefix(8)).map {
                        AnomalyRecord(role: "drained", topic: $0.topic, partition: $0.partition, offset: $0.offset, key: $0.key, value: $0.value)
                    }))
            }
            var lastByWriter: [String: (record: DrainedRecord, sendIndex: Int)] = [:]
            for record in records {
                let id = HistoryIndex.ValueID(topic: record.topic, value: record.value)
                guard let write = index.committedWrite(id) ?? index.attempts[id]?.first else { continue }
                if let previous = lastByWriter[write.instance], previous.record.partition == record.partition,
                    previous.sendIndex > write.sendIndex
                {
                    anomalies.append(Anomaly(
                        kind: .orderViolation,
                        summary: "key \(keyID.key): value \(record.value) was sent before value \(previous.record.value) by \(write.instance) "
                            + "but is after it in \(record.topic)[\(record.partition)]",
                        records: [
                            AnomalyRecord(
                                role: "drained", topic: previous.record.topic, partition: previous.record.partition,
                                offset: previous.record.offset, key: previous.record.key, value: previous.record.value, instance: write.instance),
                            AnomalyRecord(
                                role: "drained", topic: record.topic, partition: record.partition, offset: record.offset, key: record.key,
                                value: record.value, instance: write.instance, location: write.location),
                        ]))
                }
                if (lastByWriter[write.instance]?.sendIndex ?? Int.min) < write.sendIndex {
                    lastByWriter[write.instance] = (record, write.sendIndex)
                }
            }
        }
        return anomalies
    }

    /// A consumer instance reading a partition at or before an offset it already read, with no assignment
    /// change, partition loss or transaction abort in between (the cases where re-reading is legitimate).
    public static func nonmonotonicReads(in history: History) -> [Anomaly] {
        let index = HistoryIndex(history)
        var anomalies: [Anomaly] = []
        for (instance, events) in index.byInstance {
            var last: [ServiceEvent.Partition: RecordedEvent] = [:]
            for recorded in events {
                switch recorded.event.kind {
                case .partitionsAssigned(let partitions), .partitionsRevoked(let partitions), .partitionsLost(let partitions):
                    for partition in partitions { last[partition] = nil }
                case .transactionAbort:
                    last.removeAll()
                case .recordData(let topic, let partition, let offset, let key, let value):
                    let slot = ServiceEvent.Partition(topic: topic, partition: partition)
                    if let previous = last[slot], case .recordData(_, _, let previousOffset, let previousKey, let previousValue) = previous.event.kind,
                        offset <= previousOffset
                    {
                        anomalies.append(Anomaly(
                            kind: .nonmonotonicRead,
                            summary: "\(instance) read \(slot)@\(offset) after @\(previousOffset) with no rebalance, restart or abort in between",
                            records: [
                                AnomalyRecord(
                                    role: "read", topic: topic, partition: partition, offset: previousOffset, key: previousKey, value: previousValue,
                                    instance: instance, location: previous.location),
                                AnomalyRecord(
                                    role: "read", topic: topic, partition: partition, offset: offset, key: key, value: value, instance: instance,
                                    location: recorded.location),
                            ]))
                    }
                    last[slot] = recorded
                default:
                    break
                }
            }
        }
        return anomalies
    }
}
