import Kafka

func pay(_ producer: KafkaProducer) async throws {
    let settings = ["transactional.id": "payments-1", "enable.idempotence": "true", "acks": "all"]
    let client = try KafkaProducer(config: settings)
    try client.beginTransaction()
    try await client.send(topic: "payments", value: "p-1")
    try client.commitTransaction()
}
