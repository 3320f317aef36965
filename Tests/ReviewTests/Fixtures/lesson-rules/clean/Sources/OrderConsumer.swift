import Kafka

func makeConsumerConfig() -> [String: String] {
    [
        "bootstrap.servers": "localhost:9092",
        "group.id": "orders",
        "allow.auto.create.topics": "false",
        "enable.auto.commit": "false",
        "auto.offset.reset": "earliest",
        "partition.assignment.strategy": "cooperative-sticky",
        "group.instance.id": "orders-1",
        "session.timeout.ms": "45000",
        "isolation.level": "read_committed",
        "statistics.interval.ms": "60000",
    ]
}
