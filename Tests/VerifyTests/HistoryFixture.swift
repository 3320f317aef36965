import Verify
import KafkaSkillModel
import KafkaServiceRuntime

/// Builds small histories by hand: events per instance with increasing timestamps and line numbers, and
/// the drained log.
struct HistoryFixture {
    private(set) var events: [RecordedEvent] = []
    var drained: [DrainedRecord] = []
    var watermarks: [DrainResult.Watermarks] = []
    var lagSamples: [LagSample] = []
    var isolationLevel = "read_committed"
    private var clock: Int64 = 1_700_000_000_000
    private var lines: [String: Int] = [:]

    var history: History {
        History(events: events, drain: DrainResult(records: drained, watermarks: watermarks, isolationLevel: isolationLevel), lagSamples: lagSamples)
    }

    mutating func emit(_ instance: String, _ kind: ServiceEvent.Kind, name: String = "event") {
        clock += 1
        lines[instance, default: 0] += 1
        let service = String(instance.split(separator: "#").first ?? "")
        events.append(RecordedEvent(
            instance: instance,
            event: ServiceEvent(name: name, timestamp: clock, service: service, kind: kind),
            location: SourceLocation(file: "\(instance).jsonl", line: lines[instance] ?? 0)))
    }

    /// A send acknowledged at `offset`, also put into the drained log unless `logged` is false.
    mutating func produce(_ instance: String = "producer#1", topic: String = "t", key: String?, value: Int, partition: Int32, offset: Int64, logged: Bool = true) {
        emit(instance, .producerSend(topic: topic, key: key, value: String(value)))
        emit(instance, .producerSendSuccess(topic: topic, key: key, value: String(value), partition: partition, offset: offset))
        if logged { drained.append(DrainedRecord(topic: topic, partition: partition, offset: offset, key: key, value: String(value))) }
    }

    mutating func read(_ instance: String = "consumer#1", topic: String = "t", partition: Int32, offset: Int64, key: String?, value: Int) {
        emit(instance, .recordData(topic: topic, partition: partition, offset: offset, key: key, value: String(value)))
    }

    mutating func commit(_ instance: String = "consumer#1", topic: String = "t", partition: Int32, offset: Int64, success: Bool = true) {
        emit(instance, .offsetsCommitted(offsets: [ServiceEvent.Offset(topic: topic, partition: partition, offset: offset)], success: success, error: nil))
    }

    mutating func startConsumer(_ instance: String = "consumer#1", topic: String = "t", group: String = "g") {
        emit(instance, .startupComplete(role: .consumer, topics: [topic], outputTopics: [], group: group))
        emit(instance, .partitionsAssigned([ServiceEvent.Partition(topic: topic, partition: 0), ServiceEvent.Partition(topic: topic, partition: 1)]))
    }

    mutating func lag(group: String = "g", topic: String = "t", partition: Int32, committed: Int64?, high: Int64) {
        clock += 1
        lagSamples.append(LagSample(timestamp: clock, group: group, topic: topic, partition: partition, committed: committed, high: high, low: 0))
    }

    /// A clean at-least-once run: `count` values over two partitions, all read in order, committed, lag 0.
    static func clean(count: Int = 20) -> HistoryFixture {
        var fixture = HistoryFixture()
        fixture.startConsumer()
        var next: [Int32: Int64] = [0: 0, 1: 0]
        var placed: [(Int32, Int64, String, Int)] = []
        for value in 0..<count {
            let key = "key-\(value % 4)"
            let partition: Int32 = value % 4 < 2 ? 0 : 1
            let offset = next[partition] ?? 0
            next[partition] = offset + 1
            fixture.produce(key: key, value: value, partition: partition, offset: offset)
            placed.append((partition, offset, key, value))
        }
        for (partition, offset, key, value) in placed {
            fixture.read(partition: partition, offset: offset, key: key, value: value)
            fixture.commit(partition: partition, offset: offset + 1)
        }
        for partition: Int32 in [0, 1] {
            fixture.lag(partition: partition, committed: next[partition], high: next[partition] ?? 0)
        }
        return fixture
    }
}
