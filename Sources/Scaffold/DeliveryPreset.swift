public import Foundation
import Yams

/// A client property preset of the kafka-events skill (`skills/kafka-events/assets/presets/`): the
/// librdkafka properties one role needs for one delivery guarantee, each with the reason for it.
public struct DeliveryPreset: Sendable, Hashable {
    /// One property and why it has this value.
    public struct Property: Sendable, Hashable {
        /// The librdkafka property name.
        public var key: String
        /// The value, or a `${NAME}` placeholder the service fills in at run time.
        public var value: String
        /// Why the property has this value.
        public var why: String

        /// The placeholder's name when the value is `${NAME}`, e.g. `TRANSACTIONAL_ID`.
        public var placeholder: String? {
            guard value.hasPrefix("${"), value.hasSuffix("}"), value.count > 3 else { return nil }
            return String(value.dropFirst(2).dropLast())
        }
    }

    /// The preset's id, e.g. `producer-at-least-once`.
    public var id: String
    /// `producer` or `consumer`.
    public var role: String
    /// The delivery guarantee it gives.
    public var guarantee: DeliveryGuarantee
    /// What it does, in a sentence.
    public var summary: String
    /// The properties, in the preset's order.
    public var properties: [Property]
}

/// The skill's delivery presets, read from the folder's `index.yaml`.
public struct PresetCatalog: Sendable {
    /// The presets by id.
    public var presets: [String: DeliveryPreset]
    /// The index file, for messages.
    public var indexPath: String

    /// Reads `index.yaml` in `directory`.
    /// - Throws: ``ScaffoldError`` when the index is missing or malformed.
    public init(directory: URL) throws(ScaffoldError) {
        let url = directory.appendingPathComponent("index.yaml")
        indexPath = url.path
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .fileSystem(path: url.path, operation: "read the delivery presets", reason: error.localizedDescription)
        }
        let reader = DocumentReader(file: url.path)
        var presets: [String: DeliveryPreset] = [:]
        if let root = reader.compose(text),
            let fields = reader.fields(root, context: "the preset index", required: ["presets"]),
            let items = fields["presets"].flatMap({ reader.list($0, field: "presets") })
        {
            for (index, item) in items.enumerated() {
                if let preset = Self.preset(item, index: index, reader: reader) { presets[preset.id] = preset }
            }
        }
        guard reader.errors.isEmpty else { throw .combining(reader.errors) }
        self.presets = presets
    }

    /// The preset for `role` (`producer` or `consumer`) and `guarantee`.
    /// - Throws: ``ScaffoldError/presetNotFound(id:catalog:)`` when the skill has none.
    public func preset(role: String, guarantee: DeliveryGuarantee) throws(ScaffoldError) -> DeliveryPreset {
        let id = "\(role)-\(guarantee.rawValue)"
        guard let preset = presets[id] else { throw .presetNotFound(id: id, catalog: indexPath) }
        return preset
    }

    private static func preset(_ node: Yams.Node, index: Int, reader: DocumentReader) -> DeliveryPreset? {
        let context = "presets[\(index)]"
        guard let fields = reader.fields(
            node, context: context, required: ["id", "role", "guarantee", "properties"],
            optional: ["file", "source", "summary"]),
            let id = fields["id"].flatMap({ reader.string($0, field: "\(context).id") }),
            let role = fields["role"].flatMap({ reader.string($0, field: "\(context).role") }),
            let guarantee = fields["guarantee"].flatMap({ reader.choice($0, field: "\(context).guarantee", as: DeliveryGuarantee.self) }),
            let items = fields["properties"].flatMap({ reader.list($0, field: "\(context).properties") })
        else { return nil }
        let summary = fields["summary"].flatMap { reader.string($0, field: "\(context).summary") } ?? ""
        let properties = items.enumerated().compactMap { offset, item -> DeliveryPreset.Property? in
            let field = "\(context).properties[\(offset)]"
            guard let property = reader.fields(item, context: field, required: ["key", "value"], optional: ["why"]),
                let key = property["key"].flatMap({ reader.string($0, field: "\(field).key") }),
                let value = property["value"].flatMap({ reader.string($0, field: "\(field).value") })
            else { return nil }
            let why = property["why"].flatMap { reader.string($0, field: "\(field).why") } ?? ""
            return DeliveryPreset.Property(key: key, value: value, why: why)
        }
        return DeliveryPreset(id: id, role: role, guarantee: guarantee, summary: summary, properties: properties)
    }
}
