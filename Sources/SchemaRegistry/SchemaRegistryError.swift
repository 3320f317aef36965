public import Avro

/// Every failure the `SchemaRegistry` module reports: answers of a schema registry (its `error_code`s mapped to
/// cases), network trouble, bytes that are not in the Confluent wire format, Avro values that do not fit their
/// schema, and an embedded registry that cannot reach its `_schemas` topic.
///
/// Each message names the subject, version, schema id or URL involved and says what to do about it.
public enum SchemaRegistryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The registry has no such subject (error code 40401).
    ///
    /// - Parameter subject: The subject asked for.
    case subjectNotFound(subject: String)

    /// The subject has no such version (error code 40402).
    ///
    /// - Parameters:
    ///   - subject: The subject.
    ///   - version: The version asked for, a number or `latest`.
    case versionNotFound(subject: String, version: String)

    /// No schema has this id (error code 40403, from `GET /schemas/ids/{id}`).
    ///
    /// - Parameter id: The schema id asked for.
    case schemaIDNotFound(id: Int)

    /// The schema is not registered under the subject (error code 40403, from `POST /subjects/{subject}`).
    ///
    /// - Parameter subject: The subject that was searched.
    case schemaNotRegistered(subject: String)

    /// The subject has no compatibility level of its own and the global one was not asked for (error code 40408).
    ///
    /// - Parameter subject: The subject.
    case subjectCompatibilityNotSet(subject: String)

    /// The registry rejected the schema text (error code 42201).
    ///
    /// - Parameters:
    ///   - subject: The subject it was sent for, if any.
    ///   - message: The registry's reason.
    case invalidSchema(subject: String?, message: String)

    /// The version is not a number from 1 to 2^31-1 or `latest` (error code 42202).
    ///
    /// - Parameters:
    ///   - version: The version sent.
    ///   - message: The registry's reason.
    case invalidVersion(version: String, message: String)

    /// The compatibility level is not one the registry knows (error code 42203).
    ///
    /// - Parameter level: The level sent.
    case invalidCompatibilityLevel(level: String)

    /// The schema breaks compatibility with earlier versions of the subject at its level (HTTP 409).
    ///
    /// - Parameters:
    ///   - subject: The subject.
    ///   - message: The registry's explanation, naming the breaking change.
    case incompatibleSchema(subject: String, message: String)

    /// The serializer was told to use the subject's latest version, and that version cannot read values of the
    /// serializer's own schema.
    ///
    /// - Parameters:
    ///   - subject: The subject.
    ///   - version: The latest version's number.
    ///   - message: The breaking changes, each with its path in the latest schema.
    case latestVersionIncompatible(subject: String, version: Int, message: String)

    /// Any other error answer of the registry.
    ///
    /// - Parameters:
    ///   - status: The HTTP status.
    ///   - errorCode: The registry's `error_code` (the HTTP status when the body had none).
    ///   - message: The registry's message.
    ///   - url: The request's URL.
    case registryFailure(status: Int, errorCode: Int, message: String, url: String)

    /// The registry could not be reached, or the connection failed mid-request.
    ///
    /// - Parameters:
    ///   - url: The request's URL.
    ///   - message: What the HTTP client reported.
    case transport(url: String, message: String)

    /// The registry did not answer in time.
    ///
    /// - Parameters:
    ///   - url: The request's URL.
    ///   - after: The timeout that passed.
    case timeout(url: String, after: Duration)

    /// The registry answered with something this client does not understand.
    ///
    /// - Parameters:
    ///   - url: The request's URL.
    ///   - status: The HTTP status.
    ///   - message: What was wrong with the answer.
    case unexpectedResponse(url: String, status: Int, message: String)

    /// The registry holds a schema of another type (JSON Schema, Protobuf) under this id.
    ///
    /// - Parameters:
    ///   - id: The schema id.
    ///   - schemaType: The type the registry reported.
    case unsupportedSchemaType(id: Int, schemaType: String)

    /// Bytes handed to the deserializer are not in the Confluent wire format.
    ///
    /// - Parameter message: What is wrong, with the byte offset.
    case malformedMessage(message: String)

    /// An Avro value could not be encoded or decoded, or a schema could not be parsed or resolved.
    ///
    /// - Parameters:
    ///   - context: What was being done (`encoding for subject 'orders-value'`, `decoding schema id 7`).
    ///   - error: The Avro module's error, with its path in the schema or byte offset.
    case avro(context: String, error: AvroError)

    /// A subject name strategy cannot name a subject for this schema.
    ///
    /// - Parameters:
    ///   - strategy: The strategy's name.
    ///   - message: Why.
    case subjectNameStrategy(strategy: String, message: String)

    /// No Kafka bootstrap servers were given for the embedded registry and none could be found.
    ///
    /// - Parameter stateFile: The cluster state file that was looked for.
    case noBootstrapServers(stateFile: String)

    /// The embedded cluster's state file exists but names no bootstrap servers.
    ///
    /// - Parameters:
    ///   - path: The state file.
    ///   - reason: What is wrong with it.
    case unreadableClusterState(path: String, reason: String)

    /// The embedded registry could not read or write its `_schemas` topic.
    ///
    /// - Parameters:
    ///   - topic: The topic.
    ///   - message: What failed.
    case store(topic: String, message: String)

    /// Whether the same request may succeed later: the registry was unreachable, slow, or failed on its side.
    public var isRetriable: Bool {
        switch self {
        case .transport, .timeout:
            return true
        case let .registryFailure(status, _, _, _):
            return status >= 500
        case .store:
            return true
        default:
            return false
        }
    }

    /// A human-readable explanation that names what was involved and says what to do.
    public var description: String {
        switch self {
        case let .subjectNotFound(subject):
            return "subject '\(subject)' is not in the registry (40401); register a schema under it first, or check the "
                + "subject name strategy (the topic name strategy uses '<topic>-value' and '<topic>-key')"
        case let .versionNotFound(subject, version):
            return "subject '\(subject)' has no version \(version) (40402); list its versions with GET /subjects/\(subject)/versions"
        case let .schemaIDNotFound(id):
            return "the registry has no schema with id \(id) (40403); the data was written against another registry, "
                + "or this registry lost its _schemas topic; point the client at the registry the producer used"
        case let .schemaNotRegistered(subject):
            return "this schema is not registered under subject '\(subject)' (40403); register it (in development, turn on "
                + "auto-registration), or use the exact schema text that was registered"
        case let .subjectCompatibilityNotSet(subject):
            return "subject '\(subject)' has no compatibility level of its own (40408); ask with defaultToGlobal=true "
                + "for the global level, or set one with PUT /config/\(subject)"
        case let .invalidSchema(subject, message):
            let target = subject.map { " for subject '\($0)'" } ?? ""
            return "the registry rejected the schema\(target) as invalid (42201): \(message); fix the schema "
                + "(`kafka-skill schema check` points at the line) and send it again"
        case let .invalidVersion(version, message):
            return "'\(version)' is not a valid version (42202): \(message); use a number from 1 to 2147483647 or 'latest'"
        case let .invalidCompatibilityLevel(level):
            let levels = CompatibilityLevel.allCases.map(\.rawValue).joined(separator: ", ")
            return "'\(level)' is not a compatibility level (42203); use one of \(levels)"
        case let .incompatibleSchema(subject, message):
            return "subject '\(subject)': the registry refused the schema as incompatible (409): \(message). Make the change "
                + "compatible (give added fields a default, remove only fields that have one) or register it under a new "
                + "subject; lowering the subject's level with PUT /config/\(subject) breaks the readers it protects"
        case let .latestVersionIncompatible(subject, version, message):
            return "subject '\(subject)': its latest version \(version) cannot read values of the serializer's schema: \(message); "
                + "update the application's schema to match the registry, or register a compatible version first"
        case let .registryFailure(status, errorCode, message, url):
            let advice = status >= 500 ? "the registry failed on its side; retry, and check its log if it persists" : "check the request"
            return "\(url): the registry answered HTTP \(status), error \(errorCode): \(message); \(advice)"
        case let .transport(url, message):
            return "\(url): could not reach the schema registry (\(message)); check the URL and that the registry is running"
        case let .timeout(url, after):
            return "\(url): the schema registry did not answer within \(after); check that it is running and reachable, "
                + "or raise the client's request timeout"
        case let .unexpectedResponse(url, status, message):
            return "\(url): unexpected answer (HTTP \(status)): \(message); check that the URL points at a Confluent-compatible schema registry"
        case let .unsupportedSchemaType(id, schemaType):
            return "schema id \(id) is a \(schemaType) schema, not Avro; read this topic with a \(schemaType) deserializer"
        case let .malformedMessage(message):
            return "not a Confluent wire-format message: \(message); the producer did not use a schema-registry serializer, "
                + "or the topic mixes formats"
        case let .avro(context, error):
            return "\(context): \(error)"
        case let .subjectNameStrategy(strategy, message):
            return "the \(strategy) strategy cannot name a subject: \(message)"
        case let .noBootstrapServers(stateFile):
            return "no Kafka cluster for the registry: pass --bootstrap HOST:PORT, set KAFKA_BOOTSTRAP_SERVERS, or start an "
                + "embedded cluster with `kafka-skill cluster up` (no state file at \(stateFile))"
        case let .unreadableClusterState(path, reason):
            return "\(path): \(reason); restart the cluster with `kafka-skill cluster up`, or pass --bootstrap HOST:PORT"
        case let .store(topic, message):
            return "the registry's topic '\(topic)': \(message); check that the Kafka cluster is reachable and the topic writable"
        }
    }
}
