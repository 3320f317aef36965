import SchemaRegistry

/// An error answer of the embedded registry: the HTTP status and the Confluent `error_code` and message, worded as
/// Confluent's registry words them so that clients written for it understand.
struct RegistryFailure: Error, Sendable, Equatable {
    var status: Int
    var errorCode: Int
    var message: String

    static func subjectNotFound(_ subject: String) -> RegistryFailure {
        RegistryFailure(status: 404, errorCode: 40401, message: "Subject '\(subject)' not found.")
    }

    static func versionNotFound(_ subject: String, _ version: String) -> RegistryFailure {
        RegistryFailure(status: 404, errorCode: 40402, message: "Version \(version) not found for subject '\(subject)'.")
    }

    static func subjectSoftDeleted(_ subject: String) -> RegistryFailure {
        RegistryFailure(
            status: 404, errorCode: 40404,
            message: "Subject '\(subject)' was soft deleted. Set permanent=true to delete permanently")
    }

    static func subjectNotSoftDeleted(_ subject: String) -> RegistryFailure {
        RegistryFailure(
            status: 404, errorCode: 40405,
            message: "Subject '\(subject)' was not deleted first before being permanently deleted")
    }

    static func versionSoftDeleted(_ subject: String, _ version: Int) -> RegistryFailure {
        RegistryFailure(
            status: 404, errorCode: 40406,
            message: "Subject '\(subject)' Version \(version) was soft deleted. Set permanent=true to delete permanently")
    }

    static func versionNotSoftDeleted(_ subject: String, _ version: Int) -> RegistryFailure {
        RegistryFailure(
            status: 404, errorCode: 40407,
            message: "Subject '\(subject)' Version \(version) was not deleted first before being permanently deleted")
    }

    /// A subject must be valid UTF-8 without control characters (NUL included), as Confluent's registry requires.
    static func invalidSubject(_ shown: String) -> RegistryFailure {
        RegistryFailure(
            status: 422, errorCode: 42208,
            message: "Invalid subject \(shown): a subject is 1 or more characters of valid UTF-8 without control characters.")
    }

    static func schemaIDNotFound(_ id: String) -> RegistryFailure {
        RegistryFailure(status: 404, errorCode: 40403, message: "Schema \(id) not found.")
    }

    static func schemaNotInSubject(_ subject: String) -> RegistryFailure {
        RegistryFailure(status: 404, errorCode: 40403, message: "Schema not found under subject '\(subject)'.")
    }

    static func subjectLevelNotSet(_ subject: String) -> RegistryFailure {
        RegistryFailure(
            status: 404, errorCode: 40408,
            message: "Subject '\(subject)' does not have subject-level compatibility configured; ask with defaultToGlobal=true.")
    }

    static func invalidSchema(_ message: String) -> RegistryFailure {
        RegistryFailure(status: 422, errorCode: 42201, message: "Invalid schema: \(message)")
    }

    static func invalidVersion(_ version: String) -> RegistryFailure {
        RegistryFailure(
            status: 422, errorCode: 42202,
            message: "The specified version '\(version)' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"")
    }

    static func invalidCompatibilityLevel(_ level: String) -> RegistryFailure {
        RegistryFailure(status: 422, errorCode: 42203, message: "Invalid compatibility level '\(level)'.")
    }

    /// Registries have used both 409 and 40901 as the code; 409 is what most clients and tools expect.
    static func incompatible(_ message: String) -> RegistryFailure {
        RegistryFailure(status: 409, errorCode: 409, message: message)
    }

    static func unprocessable(_ message: String) -> RegistryFailure {
        RegistryFailure(status: 422, errorCode: 422, message: message)
    }

    static func unsupportedMediaType(_ type: String) -> RegistryFailure {
        RegistryFailure(
            status: 415, errorCode: 415,
            message: "Content-Type '\(type)' is not supported; send \(RegistryMediaType.v1) or application/json.")
    }

    static func storeError(_ message: String) -> RegistryFailure {
        RegistryFailure(status: 500, errorCode: 50001, message: "Error in the backend data store: \(message)")
    }
}
