import Kafka

extension ServiceSettings {
    /// The consumer's configuration: the delivery preset, then the brokers, group, client id and security.
    /// - Throws: `KafkaError` naming a property librdkafka rejects.
    func consumerConfig() throws -> KafkaConfig {
        var config = try KafkaConfig(KafkaProperties.consumer)
        config.bootstrapServers = bootstrapServers
        config.groupId = groupID
        config.clientId = Self.serviceName
        // KAFKA_SESSION_TIMEOUT_MS overrides the preset's session timeout. The group expects a few heartbeats
        // per session: at most a third of it, and librdkafka's 3 s when the session is longer.
        config.sessionTimeoutMs = sessionTimeoutMs ?? config.sessionTimeoutMs
        try config.set("heartbeat.interval.ms", String(min(3000, (config.sessionTimeoutMs ?? 45000) / 3)))
        try security.apply(to: &config)
        return config
    }

    /// The dead-letter producer's configuration: the delivery preset, then the brokers, client id and security.
    /// - Throws: `KafkaError` naming a property librdkafka rejects.
    func producerConfig() throws -> KafkaConfig {
        var config = try KafkaConfig(KafkaProperties.producer)
        config.bootstrapServers = bootstrapServers
        config.clientId = Self.serviceName
        try security.apply(to: &config)
        return config
    }
}
