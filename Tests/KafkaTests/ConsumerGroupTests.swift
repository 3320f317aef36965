import EmbeddedKafka
import Kafka
import Synchronization
import Testing

/// What the members of a group did, recorded from their loops and rebalance handlers.
final class GroupLog: Sendable {
    struct Delivery: Hashable { let member: Int; let partition: Int32; let offset: Int64 }
    let deliveries = Mutex<[Delivery]>([])
    let owners = Mutex<[KafkaTopicPartition: Int]>([:])
    let rebalances = Mutex<[(member: Int, kind: KafkaRebalance.Kind, partitions: [KafkaTopicPartition])]>([])
    let ownershipConflicts = Mutex<[String]>([])
    /// The highest committed offset per partition, and deliveries below it that came after the commit.
    let committed = Mutex<[Int32: Int64]>([:])
    let committedRedeliveries = Mutex<[String]>([])

    func deliver(_ member: Int, _ message: KafkaConsumerMessage) {
        deliveries.withLock { $0.append(.init(member: member, partition: message.partition, offset: message.offset)) }
        if let floor = committed.withLock({ $0[message.partition] }), message.offset < floor {
            committedRedeliveries.withLock { $0.append("\(message.partition)@\(message.offset) (committed up to \(floor))") }
        }
    }

    func owner(of partition: Int32, topic: String) -> Int? {
        owners.withLock { $0[KafkaTopicPartition(topic: topic, partition: partition)] }
    }

    func recordCommit(_ offsets: [KafkaTopicPartitionOffset]) {
        committed.withLock { committed in
            for item in offsets where item.offset >= 0 {
                committed[item.partition] = max(committed[item.partition] ?? 0, item.offset)
            }
        }
    }

    /// A member's rebalance handler: on revoke it commits what the member processed in the partitions going
    /// away, while they are still its own; partitions that leave are forgotten; every rebalance is recorded.
    /// The embedded cluster refuses commits while a rebalance is under way (REBALANCE_IN_PROGRESS); then the
    /// members' periodic commits, if any, are what protects the committed range.
    func commitOnRevoke(member: Int, topic: String, processed: ProcessedOffsets) -> @Sendable (KafkaRebalance) async -> Void {
        { rebalance in
            if rebalance.kind == .revoked {
                let offsets = processed.next.withLock { processed in
                    rebalance.partitions.compactMap { partition in
                        processed[partition.partition].map { KafkaTopicPartitionOffset(topic: topic, partition: partition.partition, offset: $0) }
                    }
                }
                if !offsets.isEmpty, (try? await rebalance.commit(offsets)) != nil { self.recordCommit(offsets) }
            }
            if rebalance.kind != .assigned {
                processed.next.withLock { processed in for partition in rebalance.partitions { processed[partition.partition] = nil } }
            }
            self.record(member, rebalance)
        }
    }

    func record(_ member: Int, _ rebalance: KafkaRebalance) {
        rebalances.withLock { $0.append((member, rebalance.kind, rebalance.partitions)) }
        owners.withLock { owners in
            for partition in rebalance.partitions {
                switch rebalance.kind {
                case .assigned:
                    if let other = owners[partition], other != member {
                        ownershipConflicts.withLock { $0.append("\(partition) assigned to \(member) while \(other) owns it") }
                    }
                    owners[partition] = member
                case .revoked, .lost:
                    if owners[partition] == member { owners[partition] = nil }
                }
            }
        }
    }
}

/// The next offset to read per partition, after what one member processed.
final class ProcessedOffsets: Sendable {
    let next = Mutex<[Int32: Int64]>([:])
}

@Suite("Consumer groups", .timeLimit(.minutes(3)), .serialized)
struct ConsumerGroupTests {
    @Test(
        "three members own disjoint partitions; a leaving member's commit on revoke leaves no gap and no redelivery",
        arguments: [KafkaConfig.AssignmentStrategy.range, .cooperativeSticky])
    func threeMemberGroup(strategy: KafkaConfig.AssignmentStrategy) async throws {
        let cluster = try EmbeddedCluster(brokers: 3)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("group")
        let group = TestCluster.unique("workers")
        let partitions = 6
        try cluster.createTopic(topic, partitions: partitions)
        let producer = try KafkaProducer(config: TestCluster.producerConfig(cluster), logger: TestCluster.logger)
        for index in 0..<300 {
            try await producer.enqueue(KafkaProducerMessage(topic: topic, key: "k\(index)", value: "first-\(index)"))
        }
        try await producer.flush()

        let log = GroupLog()
        var consumers: [KafkaConsumer] = []
        var loops: [Task<Void, any Error>] = []
        for member in 0..<3 {
            let processed = ProcessedOffsets()
            let consumer = try KafkaConsumer(
                config: TestCluster.consumerConfig(cluster, group: group, [
                    "enable.auto.offset.store": "false",
                    "partition.assignment.strategy": strategy.rawValue,
                    "session.timeout.ms": "6000",
                    "heartbeat.interval.ms": "500",
                ]),
                logger: TestCluster.logger)
            try consumer.subscribe(topics: [topic], onRebalance: log.commitOnRevoke(member: member, topic: topic, processed: processed))
            consumers.append(consumer)
            loops.append(Task {
                var count = 0
                for try await message in consumer.messages {
                    log.deliver(member, message)
                    try consumer.storeOffset(message)
                    processed.next.withLock { $0[message.partition] = message.offset + 1 }
                    count += 1
                    if count % 25 == 0 {
                        let offsets = processed.next.withLock { $0.map { KafkaTopicPartitionOffset(topic: topic, partition: $0.key, offset: $0.value) } }
                        if (try? await consumer.commit(offsets)) != nil {
                            // A commit that raced a revoke is stale: Kafka would refuse its old generation,
                            // the embedded cluster does not check, so only count commits of partitions still owned.
                            log.recordCommit(offsets.filter { log.owner(of: $0.partition, topic: topic) == member })
                        }
                    }
                }
            })
        }

        try await waitUntil("all 300 first messages are consumed") { log.deliveries.withLock { $0.count } >= 300 }
        try await waitUntil("every partition has exactly one owner") { log.owners.withLock { $0.count } == partitions }
        let firstOwners = log.owners.withLock { $0 }
        #expect(Set(firstOwners.values).count == 3, "each of the 3 members owns partitions: \(firstOwners)")

        // Member 2 leaves: its revoke handler commits, then the others take over its partitions.
        let leaving = consumers[2]
        loops[2].cancel()
        await leaving.close()
        try await waitUntil("the two remaining members own every partition") {
            log.owners.withLock { owners in owners.count == partitions && !owners.values.contains(2) }
        }

        for index in 0..<300 {
            try await producer.enqueue(KafkaProducerMessage(topic: topic, key: "k\(index)", value: "second-\(index)"))
        }
        try await producer.flush()
        await producer.shutdown()
        try await waitUntil("all 600 messages are consumed") {
            Set(log.deliveries.withLock { $0 }.map { "\($0.partition)@\($0.offset)" }).count >= 600
        }

        let deliveries = log.deliveries.withLock { $0 }
        var counts: [String: Int] = [:]
        for delivery in deliveries { counts["\(delivery.partition)@\(delivery.offset)", default: 0] += 1 }
        #expect(counts.count == 600, "every offset delivered")
        #expect(log.committedRedeliveries.withLock { $0 }.isEmpty, "committed messages redelivered: \(log.committedRedeliveries.withLock { $0.prefix(10) })")
        #expect(!log.committed.withLock { $0 }.isEmpty, "commits happened")
        var byPartition: [Int32: [Int64]] = [:]
        for delivery in deliveries { byPartition[delivery.partition, default: []].append(delivery.offset) }
        for (partition, offsets) in byPartition {
            let distinct = Set(offsets)
            #expect(distinct == Set(distinct.min()!...distinct.max()!), "gap in partition \(partition)")
        }
        #expect(log.ownershipConflicts.withLock { $0 }.isEmpty, "\(log.ownershipConflicts.withLock { $0 })")
        #expect(log.rebalances.withLock { $0 }.contains { $0.member != 2 && $0.kind == .assigned && $0.partitions.contains { firstOwners[$0] == 2 } })

        for loop in loops { loop.cancel() }
        for consumer in consumers[0..<2] { await consumer.close() }
    }

    @Test("static membership keeps the member id across a restart within the session timeout")
    func staticMembership() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("static")
        try cluster.createTopic(topic, partitions: 2)
        var config = try TestCluster.consumerConfig(cluster, group: TestCluster.unique("static"))
        config.groupInstanceId = "worker-1"
        #expect(config["group.instance.id"] == "worker-1")
        let consumer = try KafkaConsumer(config: config, logger: TestCluster.logger)
        let assigned = Mutex<[KafkaTopicPartition]>([])
        try consumer.subscribe(topics: [topic]) { rebalance in
            if rebalance.kind == .assigned { assigned.withLock { $0 += rebalance.partitions } }
        }
        let loop = Task { for try await _ in consumer.messages {} }
        try await waitUntil("the static member is assigned both partitions") { assigned.withLock { $0.count } == 2 }
        #expect(consumer.memberId != nil)
        loop.cancel()
        await consumer.close()
    }
}

/// Polls `condition` every 50 ms until it holds, failing after `timeout`.
func waitUntil(_ what: String, timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("timed out waiting until \(what)")
    throw CancellationError()
}
