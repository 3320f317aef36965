import Kafka

func makeConsumerConfig() -> [String: String] {
    [
        "bootstrap.servers": "localhost:9092",
        "group.id": "orders",
        "allow.auto.create.topics": "true",
        "enable.auto.commit": "true",
        "enable.auto.offset.store": "true",
        "partition.assignment.strategy": "range,cooperative-sticky",
        "group.protocol": "consumer",
        "group.instance.id": "orders-1",
        "isolation.level": "read_uncommitted",
    ]
}
