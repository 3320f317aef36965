import Kafka

/// How to reach a secured cluster. Read only from the environment, so credentials never land in a file.
struct SecuritySettings: Sendable {
    /// Environment variables and the librdkafka properties they set.
    static let variables: [(variable: String, property: String)] = [
        ("KAFKA_SECURITY_PROTOCOL", "security.protocol"),
        ("KAFKA_SASL_MECHANISM", "sasl.mechanism"),
        ("KAFKA_SASL_USERNAME", "sasl.username"),
        ("KAFKA_SASL_PASSWORD", "sasl.password"),
        ("KAFKA_SSL_CA_LOCATION", "ssl.ca.location"),
    ]

    /// The librdkafka properties that were set; empty for a PLAINTEXT cluster.
    var properties: [String: String] = [:]

    init() {}

    init(reading reader: EnvironmentReader) {
        for (variable, property) in Self.variables {
            if let value = reader.optionalString(variable) { properties[property] = value }
        }
    }

    /// Adds the security properties to a client configuration.
    /// - Throws: `KafkaError` naming the property librdkafka rejects.
    func apply(to config: inout KafkaConfig) throws {
        config = try config.merging(properties)
    }
}
