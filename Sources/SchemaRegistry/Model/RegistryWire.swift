/// The JSON bodies of the registry API, shared by the client and the embedded server so that both speak exactly
/// the same format.
enum RegistryWire {
    /// A schema reference (used by JSON Schema and Protobuf); sent through, never resolved here.
    struct Reference: Codable, Sendable, Hashable {
        var name: String
        var subject: String
        var version: Int
    }

    /// The body of register, look-up and compatibility requests.
    struct SchemaRequest: Codable, Sendable {
        var schema: String
        var schemaType: String?
        var references: [Reference]?
    }

    /// The answer to a registration.
    struct IDResponse: Codable, Sendable {
        var id: Int
    }

    /// The answer to `GET /schemas/ids/{id}`.
    struct SchemaResponse: Codable, Sendable {
        var schema: String
        var schemaType: String?
    }

    /// One version of a subject.
    struct SubjectVersionResponse: Codable, Sendable {
        var subject: String
        var id: Int
        var version: Int
        var schema: String
        var schemaType: String?
    }

    /// The answer to a compatibility test.
    struct CompatibilityResponse: Codable, Sendable {
        var isCompatible: Bool
        var messages: [String]?

        enum CodingKeys: String, CodingKey {
            case isCompatible = "is_compatible"
            case messages
        }
    }

    /// `GET /config` answers `compatibilityLevel`; older registries answered `compatibility`, so both are read.
    struct ConfigResponse: Codable, Sendable {
        var compatibilityLevel: String?
        var compatibility: String?
    }

    /// The body of `PUT /config`, echoed back as the answer.
    struct ConfigUpdate: Codable, Sendable {
        var compatibility: String
    }

    /// Every error answer.
    struct ErrorResponse: Codable, Sendable {
        var errorCode: Int
        var message: String

        enum CodingKeys: String, CodingKey {
            case errorCode = "error_code"
            case message
        }
    }
}
