public import Foundation
import Yams
import KafkaSkillModel

/// Turns an AsyncAPI 3.0 document with Kafka bindings into a ``ServiceSpec``.
///
/// The service's operations decide its role: only `send` makes a producer, only `receive` a consumer, both
/// a processor. Channels become topics (`address`, or `bindings.kafka.topic`; `partitions`, `replicas`,
/// `topicConfiguration`), a `receive` operation's `bindings.kafka.groupId` the consumer group, and the
/// message's `payload` (JSON Schema or an Avro schema) and `bindings.kafka.key` the message shape. What
/// AsyncAPI cannot say is taken from an `x-kafka-skill` extension at the top level, with the spec's keys:
/// `name`, `delivery`, `errorHandling`, `observability`.
///
/// Features the generated service does not implement are reported as ``Diagnostic`` warnings (security
/// schemes, schema registries, replies, headers, other protocols' bindings) or, when no sensible service
/// can be made, as errors (AsyncAPI 2, dynamic channel addresses, one topic read and written, payloads
/// other than JSON Schema and Avro). Nothing is dropped without a word.
public struct AsyncAPIImporter: Sendable {
    /// Creates an importer.
    public init() {}

    /// Reads and converts the document at `url`.
    /// - Parameters:
    ///   - url: The AsyncAPI document, YAML or JSON.
    ///   - displayPath: How messages name the file. Default: the path as given.
    /// - Returns: The spec, with the document's positions and the diagnostics.
    /// - Throws: ``ScaffoldError`` listing every problem that stops the conversion.
    public func `import`(contentsOf url: URL, displayPath: String? = nil) throws(ScaffoldError) -> LoadedSpec {
        let file = displayPath ?? url.path
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .fileSystem(path: file, operation: "read the AsyncAPI document", reason: FileReadProblem.reason(url))
        }
        let reader = DocumentReader(file: file)
        guard let root = reader.compose(text) else { throw .combining(reader.errors) }
        return try self.import(root, reader: reader, baseDirectory: url.deletingLastPathComponent())
    }

    func `import`(_ root: Node, reader: DocumentReader, baseDirectory: URL) throws(ScaffoldError) -> LoadedSpec {
        let conversion = AsyncAPIConversion(root: root, reader: reader, baseDirectory: baseDirectory)
        guard let spec = conversion.convert(), reader.errors.isEmpty else { throw .combining(reader.errors) }
        let problems = ServiceSpecValidator.problems(in: spec, source: conversion.source)
        guard problems.isEmpty else { throw .combining(problems) }
        let diagnostics = conversion.diagnostics.sorted {
            ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column)
        }
        return LoadedSpec(spec: spec, source: conversion.source, diagnostics: diagnostics)
    }
}
