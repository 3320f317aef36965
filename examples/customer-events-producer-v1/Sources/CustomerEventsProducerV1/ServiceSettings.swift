import Foundation
import Kafka
import KafkaServiceRuntime
import SchemaRegistry

/// The producer's own settings, read from its environment, and the Kafka client configuration
/// built from them; the common settings (`KAFKA_BOOTSTRAP_SERVERS`, `LOG_LEVEL`, security, events, and the
/// synthetic input `PRODUCE_COUNT`) are `ServiceEnvironment`'s.
struct ServiceSettings: Sendable {
    /// The service's name: the client id and the `service` field of every event.
    static let serviceName = "customer-events-producer-v1"

    /// `KAFKA_TOPIC`: where to send. Default: `customer-events`.
    var topic = "customer-events"
    /// `SCHEMA_REGISTRY_URL`: the schema registry that holds the value schema. Default: `http://127.0.0.1:8081`.
    var schemaRegistryURL = URL(string: "http://127.0.0.1:8081")!

    /// Reads the settings; an unset variable keeps its default.
    /// - Throws: `ServiceRuntimeError` naming the first variable with an unusable value.
    init(reading reader: EnvironmentReader) throws {
        topic = reader.string("KAFKA_TOPIC", default: topic)
        schemaRegistryURL = try reader.url("SCHEMA_REGISTRY_URL", default: schemaRegistryURL)
    }
}

extension ServiceSettings {
    /// The producer's configuration: the delivery preset, then the brokers, client id and security.
    /// - Throws: `KafkaError` naming a property librdkafka rejects.
    func producerConfig(in context: ServiceContext) throws -> KafkaConfig {
        try context.kafkaConfig(KafkaProperties.producer)
    }
}

extension ServiceSettings {
    /// A client of the schema registry at `SCHEMA_REGISTRY_URL`; share it, it caches schemas and ids.
    func schemaRegistry() -> SchemaRegistryClient {
        SchemaRegistryClient(configuration: .init(baseURL: schemaRegistryURL))
    }
}

/// The client properties, from the kafka-events skill's delivery presets
/// (`skills/kafka-events/assets/presets/`); settings from the environment are added on top.
enum KafkaProperties {
    // region: idempotent-producer-config
    /// Preset `producer-at-least-once`: Retries until every in-sync replica has the record, without retry
    /// duplicates or reordering.
    static let producer: [String: String] = [
        // Acknowledge only when every in-sync replica has the record; with min.insync.replicas=2 it survives a
        // broker loss.
        "acks": "all",
        // Retries cannot duplicate or reorder records within a partition (off by default in 2.0.2).
        "enable.idempotence": "true",
        // Retries continue for up to 5 minutes before a delivery report fails; a failed report must be
        // handled.
        "message.timeout.ms": "300000",
        // Small batches keep latency low while still grouping records per request.
        "linger.ms": "5",
        // Cheap compression of whole batches cuts network and disk use for text payloads.
        "compression.type": "lz4",
    ]
    // endregion
}
