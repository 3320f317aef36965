import Kafka

let processorConsumerConfig = ["group.id": "payments", "auto.offset.reset": "earliest"]

func process(_ producer: KafkaProducer, _ consumer: KafkaConsumer) async throws {
    try producer.beginTransaction()
    try await producer.send(topic: "payments", value: "p-1")
    try producer.sendOffsetsToTransaction(consumer.position(), group: consumer.groupMetadata())
    try producer.commitTransaction()
}
