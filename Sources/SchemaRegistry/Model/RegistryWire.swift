/// The JSON bodies of the registry API, shared by the client and the embedded server so that both speak exactly
/// the same format.
package enum RegistryWire {
    /// A schema reference (used by JSON Schema and Protobuf); sent through, never resolved here.
    package struct Reference: Codable, Sendable, Hashable {
        package var name: String
        package var subject: String
        package var version: Int

        package init(name: String, subject: String, version: Int) {
            self.name = name
            self.subject = subject
            self.version = version
        }
    }

    /// The body of register, look-up and compatibility requests.
    package struct SchemaRequest: Codable, Sendable {
        package var schema: String
        package var schemaType: String?
        package var references: [Reference]?

        package init(schema: String, schemaType: String? = nil, references: [Reference]? = nil) {
            self.schema = schema
            self.schemaType = schemaType
            self.references = references
        }
    }

    /// The answer to a registration.
    package struct IDResponse: Codable, Sendable {
        package var id: Int

        package init(id: Int) {
            self.id = id
        }
    }

    /// The answer to `GET /schemas/ids/{id}`.
    package struct SchemaResponse: Codable, Sendable {
        package var schema: String
        package var schemaType: String?

        package init(schema: String, schemaType: String? = nil) {
            self.schema = schema
            self.schemaType = schemaType
        }
    }

    /// One version of a subject.
    package struct SubjectVersionResponse: Codable, Sendable {
        package var subject: String
        package var id: Int
        package var version: Int
        package var schema: String
        package var schemaType: String?

        package init(subject: String, id: Int, version: Int, schema: String, schemaType: String? = nil) {
            self.subject = subject
            self.id = id
            self.version = version
            self.schema = schema
            self.schemaType = schemaType
        }
    }

    /// The answer to a compatibility test.
    package struct CompatibilityResponse: Codable, Sendable {
        package var isCompatible: Bool
        package var messages: [String]?

        enum CodingKeys: String, CodingKey {
            case isCompatible = "is_compatible"
            case messages
        }

        package init(isCompatible: Bool, messages: [String]? = nil) {
            self.isCompatible = isCompatible
            self.messages = messages
        }
    }

    /// `GET /config` answers `compatibilityLevel`; older registries answered `compatibility`, so both are read.
    package struct ConfigResponse: Codable, Sendable {
        package var compatibilityLevel: String?
        package var compatibility: String?

        package init(compatibilityLevel: String? = nil, compatibility: String? = nil) {
            self.compatibilityLevel = compatibilityLevel
            self.compatibility = compatibility
        }
    }

    /// The body of `PUT /config`, echoed back as the answer.
    package struct ConfigUpdate: Codable, Sendable {
        package var compatibility: String

        package init(compatibility: String) {
            self.compatibility = compatibility
        }
    }

    /// Every error answer.
    package struct ErrorResponse: Codable, Sendable {
        package var errorCode: Int
        package var message: String

        enum CodingKeys: String, CodingKey {
            case errorCode = "error_code"
            case message
        }

        package init(errorCode: Int, message: String) {
            self.errorCode = errorCode
            self.message = message
        }
    }
}
