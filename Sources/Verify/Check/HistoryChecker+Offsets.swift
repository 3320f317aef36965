import KafkaSkillModel
import KafkaServiceRuntime
extension HistoryChecker {
    /// Successful commits of an offset beyond what the committing instance had processed.
    ///
    /// Like Kafka's VerifiableConsumer check, a commit of `offset` for a partition is ahead when the instance
    /// had processed nothing at `offset − 1` or later there, unless some instance of the group had already
    /// committed that offset (re-committing a known position is harmless). Dead-lettered records count as
    /// processed.
    public static func committedAhead(in history: History) -> [Anomaly] {
        struct Step {
            var recorded: RecordedEvent
            var order: Int
        }
        let steps = history.events.enumerated()
            .map { Step(recorded: $0.element, order: $0.offset) }
            .sorted { ($0.recorded.event.timestamp, $0.order) < ($1.recorded.event.timestamp, $1.order) }
        var processed: [String: [ServiceEvent.Partition: Int64]] = [:]
        var groupOf: [String: String] = [:]
        var groupCommitted: [String: [ServiceEvent.Partition: Int64]] = [:]
        var anomalies: [Anomaly] = []
        for step in steps {
            let instance = step.recorded.instance
            switch step.recorded.event.kind {
            case .startupComplete(_, _, _, let group):
                if let group { groupOf[instance] = group }
            case .recordData(let topic, let partition, let offset, _, _):
                let slot = ServiceEvent.Partition(topic: topic, partition: partition)
                processed[instance, default: [:]][slot] = max(processed[instance]?[slot] ?? -1, offset)
            case .deadLetter(_, _, _, let sourceTopic, let sourcePartition, let sourceOffset, _):
                let slot = ServiceEvent.Partition(topic: sourceTopic, partition: sourcePartition)
                processed[instance, default: [:]][slot] = max(processed[instance]?[slot] ?? -1, sourceOffset)
            case .offsetsCommitted(let offsets, let success, _) where success:
                let group = groupOf[instance] ?? instance
                for committed in offsets where committed.offset >= 0 {
                    let slot = ServiceEvent.Partition(topic: committed.topic, partition: committed.partition)
                    let position = (processed[instance]?[slot] ?? -1) + 1
                    let known = groupCommitted[group]?[slot] ?? -1
                    if committed.offset > position && committed.offset > known {
                        anomalies.append(Anomaly(
                            kind: .committedAhead,
                            summary: "\(instance) committed \(slot)@\(committed.offset) but had processed only up to "
                                + (position > 0 ? "offset \(position - 1)" : "nothing") + " there",
                            records: [AnomalyRecord(
                                role: "committed", topic: committed.topic, partition: committed.partition, offset: committed.offset,
                                instance: instance, location: step.recorded.location)]))
                    }
                    groupCommitted[group, default: [:]][slot] = max(known, committed.offset)
                }
            default:
                break
            }
        }
        return anomalies
    }

    /// Partitions whose last lag sample, per consumer group, is above zero. Samples read from the cluster
    /// decide where there are any; samples worked out from events only where there are none.
    public static func lagNotDrained(in history: History) -> [Anomaly] {
        struct Slot: Hashable {
            var group: String
            var topic: String
            var partition: Int32
        }
        var last: [Slot: LagSample] = [:]
        let fromCluster = history.lagSamples.filter { $0.source == .cluster }
        let decisive = fromCluster.isEmpty ? history.lagSamples : fromCluster
        for sample in decisive {
            let slot = Slot(group: sample.group, topic: sample.topic, partition: sample.partition)
            if let current = last[slot], current.timestamp > sample.timestamp { continue }
            last[slot] = sample
        }
        return last.values
            .filter { $0.lag > 0 }
            .sorted { ($0.group, $0.topic, $0.partition) < ($1.group, $1.topic, $1.partition) }
            .map { sample in
                let committed = sample.committed.map { "committed \($0)" } ?? "nothing committed"
                return Anomaly(
                    kind: .lagNotDrained,
                    summary: "group \(sample.group) still lags \(sample.lag) on \(sample.topic)[\(sample.partition)] "
                        + "(\(committed), high watermark \(sample.high)) after the input stopped",
                    records: [AnomalyRecord(
                        role: "lag", topic: sample.topic, partition: sample.partition, offset: sample.committed, instance: sample.group)])
            }
    }
}
