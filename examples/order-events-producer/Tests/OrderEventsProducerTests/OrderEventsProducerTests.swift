import EmbeddedKafka
import Foundation
import Kafka
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
        var settings = ServiceSettings()
        settings.bootstrapServers = [cluster.bootstrapServers]
        settings.topic = "order-events-\(UInt32.random(in: 0...UInt32.max))"
        settings.produceCount = count
        let eventsPath = FileManager.default.temporaryDirectory.appendingPathComponent("\(settings.topic).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: eventsPath) }
        settings.events = .file(path: eventsPath)
        try cluster.createTopic(settings.topic, partitions: 6, replicationFactor: 3)

        let events = try EventLog(destination: settings.events, service: ServiceSettings.serviceName, logger: logger)
        try await Application(settings: settings, logger: logger, events: events).run(gracefulShutdownSignals: [])

        let expected = Set((0..<count).map(String.init))
        let records = try await TopicReader.readAll(settings.topic, partitions: 6, from: cluster, logger: logger)
        #expect(records.count == count)
        #expect(Set(records.compactMap(\.valueString)) == expected)
        let lines = try EventLines(contentsOf: eventsPath)
        let acknowledged = lines.named("producer_send_success").compactMap { $0["value"] as? String }
        #expect(acknowledged.count == count)
        #expect(Set(acknowledged) == expected)
        #expect(lines.lines.first?["name"] as? String == "startup_complete")
        #expect(lines.lines.first?["outputTopics"] as? [String] == [settings.topic])
        #expect(lines.lines.last?["name"] as? String == "shutdown_complete")
    }
}
