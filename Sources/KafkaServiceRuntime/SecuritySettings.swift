public import Kafka

/// How to reach a secured cluster. Read only from the environment, so credentials never land in a file,
/// and never logged.
public struct SecuritySettings: Sendable, Hashable {
    /// Environment variables and the librdkafka properties they set.
    public static let variables: [(variable: String, property: String)] = [
        ("KAFKA_SECURITY_PROTOCOL", "security.protocol"),
        ("KAFKA_SASL_MECHANISM", "sasl.mechanism"),
        ("KAFKA_SASL_USERNAME", "sasl.username"),
        ("KAFKA_SASL_PASSWORD", "sasl.password"),
        ("KAFKA_SSL_CA_LOCATION", "ssl.ca.location"),
    ]

    /// The librdkafka properties that were set; empty for a PLAINTEXT cluster.
    public var properties: [String: String] = [:]

    /// No security: a PLAINTEXT cluster.
    public init() {}

    /// Reads `KAFKA_SECURITY_PROTOCOL`, `KAFKA_SASL_MECHANISM`, `KAFKA_SASL_USERNAME`, `KAFKA_SASL_PASSWORD`
    /// and `KAFKA_SSL_CA_LOCATION`.
    public init(reading reader: EnvironmentReader) {
        for (variable, property) in Self.variables {
            if let value = reader.optionalString(variable) { properties[property] = value }
        }
    }

    /// Adds the security properties to a client configuration.
    /// - Throws: `KafkaError` naming the property librdkafka rejects.
    public func apply(to config: inout KafkaConfig) throws {
        config = try config.merging(properties)
    }
}
