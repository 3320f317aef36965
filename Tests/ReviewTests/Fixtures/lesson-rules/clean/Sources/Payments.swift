import Kafka

let processorConsumerConfig = ["group.id": "payments", "enable.auto.commit": "false", "auto.offset.reset": "earliest",
                               "partition.assignment.strategy": "cooperative-sticky", "isolation.level": "read_committed",
                               "statistics.interval.ms": "60000"]

func process(_ producer: KafkaProducer, _ consumer: KafkaConsumer) async throws {
    try producer.beginTransaction()
    do {
        let deliveryReport = try await producer.send(topic: "payments", value: "p-1")
        try deliveryReport.check()
        try producer.sendOffsetsToTransaction(consumer.position(), group: consumer.groupMetadata())
        try producer.commitTransaction()
    } catch {
        try producer.abortTransaction()
        throw error
    }
}
