import EmbeddedKafka
import Kafka
import KafkaServiceRuntime
import Logging
import Synchronization

/// Reads in a group, processes each record (a short sleep), and commits processed positions every 100 ms
/// and on revoke. With the `commit-before-process` bug it marks records committed as soon as they are read
/// and processes them later, as a consumer with auto-commit and asynchronous processing does.
enum ConsumerRole {
    static func run(_ environment: FixtureEnvironment, events: EventLog, shutdown: ShutdownSignal, logger: Logger) async throws {
        var config = try KafkaConfig([
            "group.id": environment.group, "auto.offset.reset": "earliest", "enable.auto.commit": "false",
            "session.timeout.ms": String(environment.sessionTimeoutMs),
            "heartbeat.interval.ms": String(max(100, environment.sessionTimeoutMs / 6)),
        ])
        config.bootstrapServers = [environment.bootstrapServers]
        let consumer = try KafkaConsumer(config: config, logger: logger)
        let offsets = CommitTracker(consumer: consumer, events: events)
        try consumer.subscribe(topics: [environment.topic]) { rebalance in
            switch rebalance.kind {
            case .assigned:
                events.emit(.assigned(rebalance.partitions))
            case .revoked:
                await offsets.commit(only: Set(rebalance.partitions), using: rebalance)
                events.emit(.revoked(rebalance.partitions))
            case .lost:
                offsets.forget(Set(rebalance.partitions))
                events.emit(.lost(rebalance.partitions))
            }
        }
        events.emit(.startupComplete(role: .consumer, topics: [environment.topic], outputTopics: [], group: environment.group))
        let delay = Duration.milliseconds(environment.processDelayMs)
        let work = Task {
            if environment.bug == .commitBeforeProcess {
                let (queue, continuation) = AsyncStream<KafkaConsumerMessage>.makeStream()
                let processor = Task {
                    for await message in queue {
                        try? await Task.sleep(for: delay)
                        emitRecord(message, events)
                    }
                }
                for try await message in consumer.messages {
                    offsets.processed(message)
                    continuation.yield(message)
                }
                continuation.finish()
                processor.cancel()
            } else {
                var processed = 0
                for try await message in consumer.messages {
                    try? await Task.sleep(for: delay)
                    emitRecord(message, events)
                    offsets.processed(message)
                    processed += 1
                    if environment.bug == .crashMidway, processed == 100 { fatalError("deliberate crash after \(processed) records") }
                }
            }
        }
        let committer = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                await offsets.commit(only: nil, using: nil)
            }
        }
        while !shutdown.isRequested { try? await Task.sleep(for: .milliseconds(50)) }
        work.cancel()
        _ = await work.result
        committer.cancel()
        _ = await committer.result
        await offsets.commit(only: nil, using: nil)
        await consumer.close()
        events.emit(.shutdownComplete)
    }

    private static func emitRecord(_ message: KafkaConsumerMessage, _ events: EventLog) {
        events.emit(.processed(message))
    }
}

/// The next offset to commit per partition, and what was last committed.
final class CommitTracker: Sendable {
    private struct State {
        var pending: [KafkaTopicPartition: Int64] = [:]
        var committed: [KafkaTopicPartition: Int64] = [:]
    }

    private let state = Mutex(State())
    private let consumer: KafkaConsumer
    private let events: EventLog

    init(consumer: KafkaConsumer, events: EventLog) {
        self.consumer = consumer
        self.events = events
    }

    func processed(_ message: KafkaConsumerMessage) {
        let partition = KafkaTopicPartition(topic: message.topic, partition: message.partition)
        state.withLock { $0.pending[partition] = max($0.pending[partition] ?? 0, message.offset + 1) }
    }

    func forget(_ partitions: Set<KafkaTopicPartition>) {
        state.withLock { state in
            for partition in partitions {
                state.pending[partition] = nil
                state.committed[partition] = nil
            }
        }
    }

    func commit(only partitions: Set<KafkaTopicPartition>?, using rebalance: KafkaRebalance?) async {
        let due = state.withLock { state in
            state.pending.filter { partition, offset in
                (partitions?.contains(partition) ?? true) && state.committed[partition] != offset
            }
        }
        if let partitions { forgetPending(partitions) }
        guard !due.isEmpty else { return }
        let offsets = due.map { KafkaTopicPartitionOffset(topic: $0.key.topic, partition: $0.key.partition, offset: $0.value) }
        do {
            if let rebalance { try await rebalance.commit(offsets) } else { try await consumer.commit(offsets) }
            state.withLock { state in
                for (partition, offset) in due where partitions == nil { state.committed[partition] = offset }
            }
            events.emit(.committed(offsets, error: nil))
        } catch {
            events.emit(.committed(offsets, error: error))
        }
    }

    private func forgetPending(_ partitions: Set<KafkaTopicPartition>) {
        state.withLock { state in
            for partition in partitions {
                state.pending[partition] = nil
                state.committed[partition] = nil
            }
        }
    }
}
