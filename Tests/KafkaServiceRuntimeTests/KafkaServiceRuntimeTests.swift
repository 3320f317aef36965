import Foundation
import Kafka
import KafkaServiceRuntime
import Logging
import Testing

@Suite("The service runtime: settings, retries, the event log and verify's hooks")
struct KafkaServiceRuntimeTests {
    @Test("each retry waits about twice as long as the one before, up to the cap, less up to the jitter's share")
    func backoffWithJitter() {
        let policy = RetryPolicy(retries: 5, backoff: .milliseconds(100), maxBackoff: .milliseconds(350), jitter: 0.5)
        #expect(policy.delay(beforeRetry: 1, random: 0) == .milliseconds(100))
        #expect(policy.delay(beforeRetry: 1, random: 1) == .milliseconds(50))
        #expect(policy.delay(beforeRetry: 2, random: 0) == .milliseconds(200))
        #expect(policy.delay(beforeRetry: 3, random: 0) == .milliseconds(350))
        #expect(policy.delay(beforeRetry: 9, random: 0.5) == .milliseconds(262.5))
        #expect(RetryPolicy(retries: 1, backoff: .seconds(1), jitter: 0).delay(beforeRetry: 1) == .seconds(1))
    }

    @Test("a failing operation runs once plus its retries; a permanent failure runs once")
    func retriesThenGivesUp() async throws {
        let policy = RetryPolicy(retries: 2, backoff: .milliseconds(1))
        var attempts = 0
        await #expect(throws: CocoaError.self) {
            try await policy.run { attempts += 1; throw CocoaError(.fileNoSuchFile) }
        }
        #expect(attempts == 3)
        attempts = 0
        await #expect(throws: PermanentFailure.self) {
            try await policy.run { attempts += 1; throw PermanentFailure(reason: "malformed") }
        }
        #expect(attempts == 1)
        #expect(try await policy.run { 42 } == 42)
    }

    @Test("a variable with an unusable value is named, with what it accepts")
    func settingsErrors() throws {
        let reader = EnvironmentReader(environment: ["FAIL_EVERY": "often", "LOG_LEVEL": "loud", "KEY_COUNT": ""])
        let error = #expect(throws: ServiceRuntimeError.self) { try VerifyHooks(reading: reader) }
        #expect(error?.code == .invalidSetting)
        #expect(error?.subject == "FAIL_EVERY")
        #expect(error?.description == "FAIL_EVERY='often' is not valid: expected a whole number from 0 to 2147483647.")
        let level = #expect(throws: ServiceRuntimeError.self) {
            try ServiceEnvironment(reading: EnvironmentReader(environment: ["LOG_LEVEL": "loud"]))
        }
        #expect(level?.subject == "LOG_LEVEL")
        let environment = try ServiceEnvironment(reading: EnvironmentReader(environment: [
            "KAFKA_BOOTSTRAP_SERVERS": "a:1, b:2,", "KAFKA_SKILL_EVENTS": "stdout", "EXIT_AFTER_IDLE_MS": "1500",
            "KAFKA_SASL_USERNAME": "svc",
        ]))
        #expect(environment.bootstrapServers == ["a:1", "b:2"])
        #expect(environment.events == .standardOutput)
        #expect(environment.hooks.exitAfterIdle == .milliseconds(1500))
        #expect(environment.security.properties == ["sasl.username": "svc"])
        #expect(ServiceEnvironment().hooks == VerifyHooks())
    }

    @Test("PRODUCE_COUNT turns the message source into numbered messages with KEY_COUNT keys")
    func syntheticMessages() async throws {
        let hooks = try VerifyHooks(reading: EnvironmentReader(environment: ["PRODUCE_COUNT": "4", "PRODUCE_START": "10", "KEY_COUNT": "3"]))
        var messages: [MessageSource.Message] = []
        for await message in MessageSource(hooks: hooks) { messages.append(message) }
        #expect(messages.map(\.value) == ["10", "11", "12", "13"])
        #expect(messages.map(\.key) == ["key-1", "key-2", "key-0", "key-1"])
        #expect(messages.map(\.sequence) == [10, 11, 12, 13])
        var unkeyed: [String?] = []
        for await message in MessageSource(hooks: hooks, keyed: false) { unkeyed.append(message.key) }
        #expect(unkeyed == [nil, nil, nil, nil])
    }

    @Test("the event log appends one JSON line per event to its file and counts what the progress event reports")
    func eventLogLines() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("runtime-events-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let log = try EventLog(destination: .file(path: path), service: "svc", logger: Logger(label: "test"))
        #expect(log.lastActivity == nil)
        log.emit(.startupComplete(role: .producer, topics: ["t"], outputTopics: ["t"], group: nil))
        log.emit(.producerSend(topic: "t", key: "k\"1", value: "v\n"))
        log.emit(.producerSendSuccess(topic: "t", key: nil, value: "v", partition: 2, offset: 7))
        log.emit(.assigned([KafkaTopicPartition(topic: "t", partition: 0)]))
        #expect(log.lastActivity != nil)
        #expect(log.progress == .toolData(sent: 1, acked: 1, consumed: 0))
        #expect(log.beginTransaction() == 1)
        #expect(log.beginTransaction() == 2)

        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 6)
        let objects = try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.map { $0["name"] as? String } == [
            "startup_complete", "producer_send", "producer_send_success", "partitions_assigned", "transaction_begin",
            "transaction_begin",
        ])
        #expect(objects.allSatisfy { $0["service"] as? String == "svc" && $0["timestamp"] is NSNumber })
        #expect(objects[0]["outputTopics"] as? [String] == ["t"])
        #expect(objects[1]["key"] as? String == "k\"1")
        #expect(objects[1]["value"] as? String == "v\n")
        #expect(objects[2]["key"] is NSNull)
        #expect(objects[2]["offset"] as? Int == 7)
        #expect(objects[5]["transaction"] as? Int == 2)
    }

    @Test("an event file that cannot be opened is an error naming the path and KAFKA_SKILL_EVENTS")
    func unwritableEventFile() {
        let error = #expect(throws: ServiceRuntimeError.self) {
            _ = try EventLog(destination: .file(path: "/nonexistent-folder/events.jsonl"), service: "svc", logger: Logger(label: "test"))
        }
        #expect(error?.code == .eventLogUnavailable)
        #expect(error?.description.contains("KAFKA_SKILL_EVENTS") == true)
    }
}
