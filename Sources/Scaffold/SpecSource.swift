public import KafkaSkillModel
/// Where a spec came from: its file and the position of each field, so that later checks (a template's
/// parameter rules) can point at the value they reject.
public struct SpecSource: Sendable, Hashable {
    /// The kind of document.
    public enum Kind: String, Sendable, Hashable {
        /// A service spec (`specs/*.yaml`).
        case spec
        /// An AsyncAPI 3 document.
        case asyncAPI = "asyncapi"
    }

    /// The document's path, as the user gave it.
    public var file: String
    /// The kind of document.
    public var kind: Kind
    /// Field positions by dotted path, e.g. `errorHandling.retries`.
    var fieldLocations: [String: SourceLocation]

    /// Creates a source with no field positions.
    public init(file: String, kind: Kind) {
        self.file = file
        self.kind = kind
        self.fieldLocations = [:]
    }

    /// The position of a field, or the file when the field was not written (a default applies).
    public func location(of field: String) -> SourceLocation {
        fieldLocations[field] ?? SourceLocation(file: file)
    }
}

/// A spec together with where it came from and what was noticed while reading it.
public struct LoadedSpec: Sendable {
    /// The spec.
    public var spec: ServiceSpec
    /// Where it came from.
    public var source: SpecSource
    /// Warnings and notes (AsyncAPI features the service does not implement, defaults chosen).
    public var diagnostics: [Diagnostic]

    /// Creates a loaded spec.
    public init(spec: ServiceSpec, source: SpecSource, diagnostics: [Diagnostic] = []) {
        self.spec = spec
        self.source = source
        self.diagnostics = diagnostics
    }
}
