import Kafka

func makeConsumerConfiguration(servers: String, reset: String) throws -> KafkaConfiguration {
    var config = KafkaConfiguration()
    config["bootstrap.servers"] = servers
    config["group.id"] = "orders"
    config["enable.auto.commit"] = "false"
    try config.set("auto.offset.reset", reset)
    return config
}
