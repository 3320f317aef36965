import Kafka

struct OrderProducer {
    let producer: KafkaProducer

    static func configuration() -> [String: String] {
        let producerConfig = [
            "bootstrap.servers": "localhost:9092",
            "acks": "all",
            "enable.idempotence": "false",
            "auto.register.schemas": "true",
        ]
        return producerConfig
    }

    static func telemetryConfiguration() -> [String: String] {
        let telemetryProducerConfig = [
            "bootstrap.servers": "localhost:9092",
            "acks": "0",
            "compression.type": "lz4",
        ]
        return telemetryProducerConfig
    }

    func publish(_ order: String) async throws {
        try! producer.send(topic: "orders", value: order)
        usleep(1000)
    }
}
