import Kafka

func pay(_ producer: KafkaProducer) async throws {
    let settings = [
        "transactional.id": "payments-1",
        "transaction.timeout.ms": "60000",
        "enable.idempotence": "true",
        "acks": "-1",
    ]
    let client = try KafkaProducer(config: settings)
    try client.beginTransaction()
    do {
        try await client.send(topic: "payments", value: "p-1")
        try client.commitTransaction()
    } catch {
        try client.abortTransaction()
        throw error
    }
}
