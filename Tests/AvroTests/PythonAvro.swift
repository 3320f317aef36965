import PythonInterop

/// Apache Avro's Python implementation (PyPI `avro`), for the interop tests.
enum PythonAvro {
    static let shared = PythonEnvironment(
        imports: "import avro.io, avro.schema", requirement: "avro>=1.11,<2", environmentName: "kafka-skill-avro-interop-venv")
}
