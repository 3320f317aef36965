/// The shape of the messages a service sends or reads.
public struct MessageSpec: Sendable, Hashable {
    /// The key's type.
    public var key: KeyType
    /// How values are encoded.
    public var value: ValueFormat
    /// How Avro values find their schemas in the schema registry; ignored for JSON values.
    public var registry: SchemaRegistrySpec

    /// Creates a message description.
    public init(key: KeyType = .string, value: ValueFormat = .json, registry: SchemaRegistrySpec = SchemaRegistrySpec()) {
        self.key = key
        self.value = value
        self.registry = registry
    }

    /// The key's type.
    public enum KeyType: String, Sendable, Hashable, CaseIterable {
        /// UTF-8 text; records with the same key go to the same partition, in order.
        case string
        /// No key: records are spread over the partitions.
        case none
    }

    /// How values are encoded.
    public enum ValueFormat: Sendable, Hashable {
        /// UTF-8 JSON.
        case json
        /// Avro in the Confluent wire format: producers write with this schema, registered in the schema
        /// registry; consumers resolve whatever schema wrote a value into this one.
        case avro(AvroSchemaFile)

        /// `json` or `avro`.
        public var name: String {
            switch self {
            case .json: return "json"
            case .avro: return "avro"
            }
        }
    }
}

/// An Avro schema a spec refers to, read and checked when the spec is loaded.
public struct AvroSchemaFile: Sendable, Hashable {
    /// The path as the spec wrote it (relative to the spec's folder), or `nil` for a schema written inline
    /// in an AsyncAPI document.
    public var path: String?
    /// The file name the generated project stores the schema under, in `schemas/`.
    public var fileName: String
    /// The schema's JSON text.
    public var text: String

    /// Creates a schema reference.
    public init(path: String?, fileName: String, text: String) {
        self.path = path
        self.fileName = fileName
        self.text = text
    }
}
