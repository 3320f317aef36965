/// The media types of the Confluent Schema Registry API.
public enum RegistryMediaType {
    /// The API's own type, used for requests and answers: `application/vnd.schemaregistry.v1+json`.
    public static let v1 = "application/vnd.schemaregistry.v1+json"
    /// The version-less form of the API's type.
    public static let unversioned = "application/vnd.schemaregistry+json"
    /// The `Accept` header clients send: the API's type first, plain JSON as a fallback.
    public static let accept = "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; q=0.9, application/json; q=0.5"
    /// The request body types a Confluent registry accepts.
    public static let acceptedRequestTypes: Set<String> = [v1, unversioned, "application/json", "application/octet-stream"]
}
