import Foundation
import SchemaRegistry

extension ServiceSettings {
    /// A client of the schema registry at `SCHEMA_REGISTRY_URL`, and that URL; share the client, it caches schemas
    /// and ids.
    /// - Throws: ``SettingsError`` when the URL is not an http or https URL.
    func schemaRegistry() throws(SettingsError) -> (client: SchemaRegistryClient, url: URL) {
        guard let url = URL(string: schemaRegistryURL) else {
            throw SettingsError(variable: "SCHEMA_REGISTRY_URL", value: schemaRegistryURL, expected: "an http or https URL")
        }
        return (SchemaRegistryClient(configuration: .init(baseURL: url)), url)
    }
}
