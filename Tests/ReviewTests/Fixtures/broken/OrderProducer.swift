import Kafka

struct OrderProducer {
    func makeConfig() -> [String: String] {
        let producerConfig: [String: String] = [
            "bootstrap.servers": "127.0.0.1:9092",
            "enable.idempotence": "false",
            "acks": "1",
            "debug": "all",
        ]
        return producerConfig
    }

    func send(_ producer: KafkaProducer) {
        try! producer.send(topic: "orders", value: "o-1")
    }
}
