import EmbeddedKafka
import Kafka
import Synchronization
import Testing

/// Closing a cooperative-sticky member between its JoinGroup and its first SyncGroup answer: librdkafka
/// before 2.3.0 aborts the process in `rd_kafka_destroy` there (confluentinc/librdkafka#4312), which would
/// end this test run; the consumer must close in bounded time instead.
@Suite("Closing a cooperative-sticky member before its first assignment", .timeLimit(.minutes(2)))
struct CooperativeCloseTests {
    /// The rebalance kinds a member's handler saw, in order.
    final class KindLog: Sendable {
        let kinds = Mutex<[KafkaRebalance.Kind]>([])
    }

    /// A joined member whose first SyncGroup answer the coordinator delays by `syncDelayMs`.
    func joinedMember(syncDelayMs: Int) async throws -> (EmbeddedCluster, KafkaConsumer, KindLog) {
        let cluster = try EmbeddedCluster(brokers: 1)
        let topic = TestCluster.unique("coop-close")
        try cluster.createTopic(topic, partitions: 2)
        try cluster.pushBrokerRequestErrors(broker: 1, .syncGroup, [.noError], roundTripMs: syncDelayMs)
        let consumer = try KafkaConsumer(
            config: TestCluster.consumerConfig(cluster, group: TestCluster.unique("coop"), [
                "partition.assignment.strategy": KafkaConfig.AssignmentStrategy.cooperativeSticky.rawValue,
            ]),
            logger: TestCluster.logger)
        let log = KindLog()
        try consumer.subscribe(topics: [topic]) { rebalance in log.kinds.withLock { $0.append(rebalance.kind) } }
        try await waitUntil("the member has joined the group") { consumer.memberId != nil }
        return (cluster, consumer, log)
    }

    @Test("a member closed while its first SyncGroup is answered waits for the assignment, then revokes it")
    func closeWhileSyncing() async throws {
        let (cluster, consumer, log) = try await joinedMember(syncDelayMs: 1500)
        defer { cluster.shutdown() }
        #expect(log.kinds.withLock { $0 }.isEmpty, "closed before the first assignment, as the test intends")
        let start = ContinuousClock.now
        await consumer.close()
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(log.kinds.withLock { $0 } == [.assigned, .revoked])
    }

    @Test("a member whose first assignment does not come in time still closes in bounded time")
    func closeWhenAssignmentNeverComes() async throws {
        let (cluster, consumer, log) = try await joinedMember(syncDelayMs: 20_000)
        defer { cluster.shutdown() }
        let start = ContinuousClock.now
        await consumer.close()
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(10), "close took \(elapsed)")
        #expect(!log.kinds.withLock { $0 }.contains(.assigned))
        #expect(throws: KafkaError.self, "the consumer is closed") { try consumer.subscribe(topics: ["other"]) }
    }
}
