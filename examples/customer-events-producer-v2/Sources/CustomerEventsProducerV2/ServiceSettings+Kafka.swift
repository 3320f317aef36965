import Kafka

extension ServiceSettings {
    /// The producer's configuration: the delivery preset, then the brokers, client id and security.
    /// - Throws: `KafkaError` naming a property librdkafka rejects.
    func producerConfig() throws -> KafkaConfig {
        var config = try KafkaConfig(KafkaProperties.producer)
        config.bootstrapServers = bootstrapServers
        config.clientId = Self.serviceName
        try security.apply(to: &config)
        return config
    }
}
