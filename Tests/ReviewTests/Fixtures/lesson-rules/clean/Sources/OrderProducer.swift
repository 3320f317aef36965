import Kafka

struct OrderProducer {
    let producer: KafkaProducer

    static func configuration() -> [String: String] {
        let producerConfig = [
            "bootstrap.servers": "localhost:9092",
            "acks": "all",
            "enable.idempotence": "true",
            "compression.type": "zstd",
            "auto.register.schemas": "false",
        ]
        return producerConfig
    }

    func publish(_ order: String) async throws {
        for await deliveryReport in try producer.send(topic: "orders", value: order) {
            try deliveryReport.check()
        }
        try await Task.sleep(for: .milliseconds(1))
    }
}
