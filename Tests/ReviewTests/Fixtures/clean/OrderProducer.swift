import Kafka

struct OrderProducer {
    func makeConfig(servers: String) -> [String: String] {
        let producerConfig: [String: String] = [
            "bootstrap.servers": "\(servers)",
            "enable.idempotence": "true",
            "acks": "all",
        ]
        return producerConfig
    }

    func send(_ producer: KafkaProducer) async {
        // Never `try! producer.send(...)`: a broker error would crash the service.
        /* try! producer.flush() */
        do {
            try await producer.send(topic: "orders", value: "o-1")
        } catch {
            print("send failed: \(error)")
        }
    }

    func warmUp(_ producer: KafkaProducer) {
        // kafka-skill:ignore no-force-try
        try! producer.flush()
    }
}
