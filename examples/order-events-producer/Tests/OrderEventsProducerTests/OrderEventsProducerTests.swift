import EmbeddedKafka
import Foundation
import Kafka
import KafkaServiceRuntime
import KafkaServiceTesting
import Logging
import Testing
@testable import OrderEventsProducer

@Suite("order-events-producer against the embedded cluster", .timeLimit(.minutes(2)))
struct OrderEventsProducerTests {
    @Test("sends PRODUCE_COUNT messages; each is acknowledged once and read back once")
    func sendsEveryMessage() async throws {
        let cluster = try EmbeddedCluster(brokers: 3)
        defer { cluster.shutdown() }
        var logger = Logger(label: "order-events-producer-tests")
        logger.logLevel = .critical
        let count = 200
        let topic = "order-events-\(UInt32.random(in: 0...UInt32.max))"
        let eventsPath = FileManager.default.temporaryDirectory.appendingPathComponent("\(topic).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: eventsPath) }
        try cluster.createTopic(topic, partitions: 6, replicationFactor: 3)
        let environment = [
            "KAFKA_BOOTSTRAP_SERVERS": cluster.bootstrapServers, "KAFKA_TOPIC": topic, "PRODUCE_COUNT": String(count),
            "KAFKA_SKILL_EVENTS": eventsPath,
        ]

        let settings = try ServiceSettings(reading: EnvironmentReader(environment: environment))
        let context = try ServiceContext(name: ServiceSettings.serviceName, variables: environment)
        try await Application(settings: settings, context: context).run(gracefulShutdownSignals: [])

        let expected = Set((0..<count).map(String.init))
        let records = try await TopicReader.readAll(
            topic, partitions: 6, bootstrapServers: cluster.bootstrapServers, logger: logger)
        #expect(records.count == count)
        #expect(Set(records.compactMap(\.valueString)) == expected)
        let lines = try EventLines(contentsOf: eventsPath)
        let acknowledged = lines.strings("value", of: "producer_send_success")
        #expect(acknowledged.count == count)
        #expect(Set(acknowledged) == expected)
        #expect(lines.lines.first?["name"] as? String == "startup_complete")
        #expect(lines.lines.first?["outputTopics"] as? [String] == [topic])
        #expect(lines.lines.last?["name"] as? String == "shutdown_complete")
    }
}
