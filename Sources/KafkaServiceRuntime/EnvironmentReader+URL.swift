public import Foundation

extension EnvironmentReader {
    /// An http or https URL.
    /// - Throws: ``ServiceRuntimeError`` with code `invalidSetting`.
    public func url(_ name: String, default defaultValue: URL) throws(ServiceRuntimeError) -> URL {
        guard let text = optionalString(name) else { return defaultValue }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
            throw .invalidSetting(name, value: text, expected: "an http or https URL")
        }
        return url
    }
}
