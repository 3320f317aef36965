public import Foundation
public import KafkaSkillModel

/// A scaffolding template: `templates/<id>/template.yaml` and the Mustache bodies beside it.
///
/// ```yaml
/// id: consumer-worker
/// version: 1.0.0
/// description: A consumer-group worker with at-least-once processing.
/// roles: [consumer]
/// parameters:
///   - { name: retries, type: int, minimum: 0, maximum: 100, default: 3, description: Retries per record. }
/// files:
///   - template: ConsumerWorker+AtLeastOnce.swift.mustache   # beside template.yaml
///     output: Sources/{{moduleName}}/ConsumerWorker.swift
///     when: isAtLeastOnce                            # name, !name, name == value, name != value
///   - shared: RecordDecoder.swift.mustache           # from templates/_shared/
///     output: Sources/{{moduleName}}/RecordDecoder.swift
/// ```
public struct TemplateManifest: Sendable {
    /// The template's id; the folder has the same name.
    public var id: String
    /// The template's version, recorded in the answers file of every project it generates.
    public var version: String
    /// What it generates.
    public var description: String
    /// The roles of the services it generates.
    public var roles: [ServiceRole]
    /// The values it needs beyond the service model.
    public var parameters: [TemplateParameter]
    /// The files it writes.
    public var files: [TemplateFile]
    /// The folder holding `template.yaml`.
    public var directory: URL
    /// The manifest's path, for messages.
    public var manifestPath: String
}

/// One file a template writes.
public struct TemplateFile: Sendable, Hashable {
    /// Where the Mustache body is.
    public enum Source: Sendable, Hashable {
        /// Relative to the template's folder.
        case template(String)
        /// Relative to the templates' `_shared` folder, for bodies several templates use.
        case shared(String)
    }

    /// Where the Mustache body is.
    public var source: Source
    /// The output path, relative to the project; it may contain `{{values}}`.
    public var output: String
    /// When the file is written; always when `nil`.
    public var condition: TemplateCondition?
    /// Where the entry is in `template.yaml`.
    public var location: SourceLocation
}
