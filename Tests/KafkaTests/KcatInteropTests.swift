import Foundation
import EmbeddedKafka
import Kafka
import Testing

/// Runs kcat, the standard librdkafka command-line client, as an independent peer.
enum Kcat {
    static func run(_ arguments: [String], input: String? = nil) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: "/usr/bin/kcat")
                    process.arguments = arguments
                    let output = Pipe()
                    let errors = Pipe()
                    let stdin = Pipe()
                    process.standardOutput = output
                    process.standardError = errors
                    process.standardInput = stdin
                    try process.run()
                    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
                    try stdin.fileHandleForWriting.close()
                    let data = output.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    guard process.terminationStatus == 0 else {
                        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                        throw KcatFailure(status: process.terminationStatus, stderr: message)
                    }
                    continuation.resume(returning: String(decoding: data, as: UTF8.self))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    struct KcatFailure: Error, CustomStringConvertible {
        let status: Int32
        let stderr: String
        var description: String { "kcat exited \(status): \(stderr)" }
    }
}

@Suite("Interoperability with kcat (installed by .ci/run)", .timeLimit(.minutes(2)))
struct KcatInteropTests {
    @Test("kcat reads what KafkaProducer wrote: key, value and headers")
    func kcatReadsOurs() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("to-kcat")
        try cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaProducer(config: TestCluster.producerConfig(cluster), logger: TestCluster.logger)
        for index in 0..<3 {
            try await producer.send(KafkaProducerMessage(
                topic: topic, key: "key-\(index)", value: "value-\(index)",
                headers: [KafkaHeader(name: "trace-id", string: "t\(index)"), KafkaHeader(name: "source", string: "swift")]))
        }
        await producer.shutdown()

        let output = try await Kcat.run(["-b", cluster.bootstrapServers, "-C", "-t", topic, "-o", "beginning", "-e", "-J", "-q"])
        let lines = output.split(separator: "\n").map(String.init)
        try #require(lines.count == 3, "\(output)")
        for (index, line) in lines.enumerated() {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["key"] as? String == "key-\(index)")
            #expect(object["payload"] as? String == "value-\(index)")
            #expect(object["headers"] as? [String] == ["trace-id", "t\(index)", "source", "swift"])
        }
    }

    @Test("KafkaConsumer reads what kcat wrote: key, value and headers")
    func weReadKcats() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("from-kcat")
        try cluster.createTopic(topic, partitions: 1)
        _ = try await Kcat.run(
            ["-b", cluster.bootstrapServers, "-P", "-t", topic, "-K", ":", "-H", "origin=kcat", "-H", "n=1"],
            input: "alpha:first\nbeta:second\n")
        let read = try await TestCluster.drain(cluster, topic: topic, partitions: 1)
        try #require(read.count == 2)
        #expect(read.map(\.keyString) == ["alpha", "beta"])
        #expect(read.map(\.valueString) == ["first", "second"])
        #expect(read[0].headers == [KafkaHeader(name: "origin", string: "kcat"), KafkaHeader(name: "n", string: "1")])
    }
}
