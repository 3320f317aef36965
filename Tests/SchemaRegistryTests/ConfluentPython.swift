import PythonInterop

/// Confluent's own client (PyPI `confluent-kafka` with its `avro` and `schemaregistry` extras), for the interop
/// tests; the first install takes about 16 s.
enum ConfluentPython {
    static let shared = PythonEnvironment(
        imports: "import confluent_kafka.schema_registry.avro", requirement: "confluent-kafka[avro,schemaregistry]==2.16.1",
        environmentName: "kafka-skill-confluent-interop-venv")
}
