import Kafka

func makeConsumerConfiguration(servers: String) throws -> KafkaConfiguration {
    var config = KafkaConfiguration()
    config["bootstrap.servers"] = servers
    config["group.id"] = "orders"
    config["enable.auto.commit"] = "true"
    try config.set("auto.offset.reset", "latest")
    return config
}
