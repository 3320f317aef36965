import SchemaRegistry
import Avro

/// Everything the embedded registry knows. It changes only by applying `_schemas` records, in topic order, so the
/// state rebuilt by replaying the topic after a restart is the state the registry had: the same ids, the same
/// versions, the same levels.
///
/// Ids and version numbers are assigned from the state alone (the highest id seen plus one; the subject's highest
/// version plus one), which makes them deterministic for a given topic.
struct RegistryState: Sendable {
    /// A schema known by id.
    struct StoredSchema: Sendable {
        /// The text served for the id.
        var text: String
        var schema: AvroSchema
        /// The schema's full JSON form: two texts that differ only in whitespace, attribute order or namespace
        /// spelling have the same identity, and so the same id.
        var identity: String
    }

    /// One version of a subject.
    struct Version: Sendable, Equatable {
        var number: Int
        var id: Int
        var isDeleted: Bool
    }

    /// What registering a schema comes to.
    enum Registration: Sendable, Equatable {
        /// The subject already has the schema, under this id.
        case existing(id: Int)
        /// A new version: write this record, and answer this id.
        case new(record: SchemasTopicRecord, id: Int)
    }

    let defaultLevel: CompatibilityLevel
    private var schemas: [Int: StoredSchema] = [:]
    private var idsByIdentity: [String: Int] = [:]
    /// Usable versions per subject, in version order; soft-deleted ones included and marked.
    private var versionsBySubject: [String: [Version]] = [:]
    /// The highest version number each subject has used, so a number is never handed out twice.
    private var highestVersion: [String: Int] = [:]
    private var highestID = 0
    private var globalLevel: CompatibilityLevel?
    private var subjectLevels: [String: CompatibilityLevel] = [:]

    init(defaultLevel: CompatibilityLevel) {
        self.defaultLevel = defaultLevel
    }

    // MARK: Applying records

    /// Applies one record.
    ///
    /// - Returns: Why the record was skipped (a non-Avro schema, a schema that does not parse, an unknown level), or
    ///   `nil` when it was applied.
    mutating func apply(_ record: SchemasTopicRecord) -> String? {
        switch record {
        case let .schema(subject, version, id, text, schemaType, deleted):
            highestID = max(highestID, id)
            highestVersion[subject] = max(highestVersion[subject] ?? 0, version)
            if let schemaType, schemaType != "AVRO" {
                return "'\(subject)' version \(version) is a \(schemaType) schema; this registry keeps Avro schemas only"
            }
            if schemas[id] == nil {
                guard let schema = try? AvroSchema(parsing: text) else {
                    return "'\(subject)' version \(version) (id \(id)) does not parse as an Avro schema"
                }
                let identity = schema.jsonString
                schemas[id] = StoredSchema(text: text, schema: schema, identity: identity)
                if idsByIdentity[identity] == nil { idsByIdentity[identity] = id }
            }
            var versions = versionsBySubject[subject] ?? []
            versions.removeAll { $0.number == version }
            versions.append(Version(number: version, id: id, isDeleted: deleted))
            versions.sort { $0.number < $1.number }
            versionsBySubject[subject] = versions
            return nil
        case let .schemaRemoved(subject, version):
            versionsBySubject[subject]?.removeAll { $0.number == version }
            if versionsBySubject[subject]?.isEmpty == true { versionsBySubject[subject] = nil }
            return nil
        case let .config(subject, name):
            guard let level = CompatibilityLevel(name: name) else {
                return "unknown compatibility level '\(name)' for \(subject.map { "'\($0)'" } ?? "the registry")"
            }
            if let subject { subjectLevels[subject] = level } else { globalLevel = level }
            return nil
        case let .configRemoved(subject):
            if let subject { subjectLevels[subject] = nil } else { globalLevel = nil }
            return nil
        }
    }

    // MARK: Reading

    /// Subjects with at least one version that is not deleted, sorted.
    var subjectNames: [String] {
        versionsBySubject.filter { $0.value.contains { !$0.isDeleted } }.keys.sorted()
    }

    /// The versions of a subject that are not deleted, oldest first.
    func liveVersions(of subject: String) throws(RegistryFailure) -> [Version] {
        let live = (versionsBySubject[subject] ?? []).filter { !$0.isDeleted }
        guard !live.isEmpty else { throw .subjectNotFound(subject) }
        return live
    }

    /// A version by its URL form: `latest` or a number from 1 to 2^31-1.
    func version(_ text: String, of subject: String) throws(RegistryFailure) -> Version {
        let live = try liveVersions(of: subject)
        if text == "latest", let last = live.last {
            return last
        }
        guard let number = Int(text), number >= 1, number <= Int(Int32.max) else {
            throw .invalidVersion(text)
        }
        guard let found = live.first(where: { $0.number == number }) else {
            throw .versionNotFound(subject, text)
        }
        return found
    }

    /// The schema with an id.
    func schema(id: Int) throws(RegistryFailure) -> StoredSchema {
        guard let stored = schemas[id] else { throw .schemaIDNotFound(String(id)) }
        return stored
    }

    /// The level a subject is checked at: its own, else the global one, else the default.
    func effectiveLevel(subject: String?) -> CompatibilityLevel {
        subject.flatMap { subjectLevels[$0] } ?? globalLevel ?? defaultLevel
    }

    /// The subject's own level, if it has one.
    func ownLevel(subject: String) -> CompatibilityLevel? {
        subjectLevels[subject]
    }

    /// The version of a subject that holds a schema.
    func lookUp(_ schema: AvroSchema, in subject: String) throws(RegistryFailure) -> Version {
        let live = try liveVersions(of: subject)
        let identity = schema.jsonString
        guard let found = live.last(where: { schemas[$0.id]?.identity == identity }) else {
            throw .schemaNotInSubject(subject)
        }
        return found
    }

    // MARK: Planning changes

    /// Decides what registering a schema under a subject means, checking compatibility at the subject's level.
    ///
    /// - Parameters:
    ///   - schema: The parsed schema.
    ///   - text: The text as sent.
    ///   - subject: The subject.
    ///   - normalize: Whether to store the schema's full JSON form rather than the text as sent.
    func planRegistration(of schema: AvroSchema, text: String, subject: String, normalize: Bool) throws(RegistryFailure) -> Registration {
        let identity = schema.jsonString
        let live = (versionsBySubject[subject] ?? []).filter { !$0.isDeleted }
        if let existing = live.first(where: { schemas[$0.id]?.identity == identity }) {
            return .existing(id: existing.id)
        }
        let level = effectiveLevel(subject: subject)
        let problems = try incompatibilities(of: schema, against: live, level: level)
        guard problems.isEmpty else {
            throw .incompatible(
                "Schema being registered is incompatible with an earlier schema for subject \"\(subject)\" "
                    + "(compatibility level \(level)): " + problems.joined(separator: "; "))
        }
        let id = idsByIdentity[identity] ?? highestID + 1
        let stored = schemas[id]?.text ?? (normalize ? identity : text)
        let version = (highestVersion[subject] ?? 0) + 1
        return .new(record: .schema(subject: subject, version: version, id: id, schema: stored, schemaType: nil, deleted: false), id: id)
    }

    /// The reasons a schema could not be registered under a subject: against one version (`version` given), or
    /// against the versions the subject's level asks for. An empty list means compatible.
    func compatibilityProblems(of schema: AvroSchema, subject: String, version: String?) throws(RegistryFailure) -> [String] {
        let level = effectiveLevel(subject: subject)
        if let version {
            return try incompatibilities(of: schema, against: [self.version(version, of: subject)], level: level)
        }
        let live = (versionsBySubject[subject] ?? []).filter { !$0.isDeleted }
        return try incompatibilities(of: schema, against: live, level: level)
    }

    private func incompatibilities(of schema: AvroSchema, against versions: [Version], level: CompatibilityLevel) throws(RegistryFailure)
        -> [String]
    {
        let known = versions.compactMap { version in schemas[version.id].map { (version.number, $0.schema) } }
        let result: CompatibilityResult
        do {
            result = try SchemaCompatibility.check(schema, against: known.map(\.1), level: level)
        } catch {
            throw .invalidSchema(error.description)
        }
        return result.failures.map { failure in
            let number = known[failure.previousIndex].0
            switch failure.direction {
            case .newReadsPrevious:
                return "the new schema cannot read data written with version \(number): \(failure.incompatibility)"
            case .previousReadsNew:
                return "version \(number) cannot read data written with the new schema: \(failure.incompatibility)"
            }
        }
    }

    /// Plans deleting every version of a subject: soft (each version is marked deleted and can no longer be read
    /// or matched) or permanent (the versions are removed; allowed only once they are soft-deleted), as
    /// Confluent's `DELETE /subjects/{subject}` does.
    ///
    /// - Returns: The records to write, and the version numbers deleted.
    func planSubjectDeletion(_ subject: String, permanent: Bool) throws(RegistryFailure) -> ([SchemasTopicRecord], [Int]) {
        let all = versionsBySubject[subject] ?? []
        guard !all.isEmpty else { throw .subjectNotFound(subject) }
        if permanent {
            guard all.allSatisfy(\.isDeleted) else { throw .subjectNotSoftDeleted(subject) }
            return (all.map { .schemaRemoved(subject: subject, version: $0.number) }, all.map(\.number))
        }
        let live = all.filter { !$0.isDeleted }
        guard !live.isEmpty else { throw .subjectSoftDeleted(subject) }
        return (try live.map { version throws(RegistryFailure) in try deletionRecord(subject, version) }, live.map(\.number))
    }

    /// Plans deleting one version (`latest` or a number), soft or permanent, as Confluent's
    /// `DELETE /subjects/{subject}/versions/{version}` does.
    func planVersionDeletion(_ text: String, of subject: String, permanent: Bool) throws(RegistryFailure) -> (SchemasTopicRecord, Int) {
        let all = versionsBySubject[subject] ?? []
        guard !all.isEmpty else { throw .subjectNotFound(subject) }
        let found: Version
        if text == "latest" {
            guard let last = permanent ? all.last : all.last(where: { !$0.isDeleted }) else { throw .subjectSoftDeleted(subject) }
            found = last
        } else {
            guard let number = Int(text), number >= 1, number <= Int(Int32.max) else { throw .invalidVersion(text) }
            guard let match = all.first(where: { $0.number == number }) else { throw .versionNotFound(subject, text) }
            found = match
        }
        if permanent {
            guard found.isDeleted else { throw .versionNotSoftDeleted(subject, found.number) }
            return (.schemaRemoved(subject: subject, version: found.number), found.number)
        }
        guard !found.isDeleted else { throw .versionSoftDeleted(subject, found.number) }
        return (try deletionRecord(subject, found), found.number)
    }

    private func deletionRecord(_ subject: String, _ version: Version) throws(RegistryFailure) -> SchemasTopicRecord {
        .schema(subject: subject, version: version.number, id: version.id, schema: try schema(id: version.id).text, schemaType: nil, deleted: true)
    }

    /// The longest schema text accepted: its `_schemas` record must fit Kafka's default `message.max.bytes`
    /// (1,000,012 bytes) with room for the record's other fields.
    static let maxSchemaBytes = 900_000

    /// Parses the schema of a request, accepting Avro only, at most ``maxSchemaBytes`` long; nesting is bounded
    /// by the Avro parser (256 levels of JSON).
    static func parse(_ request: RegistryWire.SchemaRequest) throws(RegistryFailure) -> AvroSchema {
        guard request.schema.utf8.count <= maxSchemaBytes else {
            throw .invalidSchema(
                "the schema is \(request.schema.utf8.count) bytes; this registry accepts at most \(maxSchemaBytes), "
                    + "so that its record fits Kafka's default message.max.bytes")
        }
        if let type = request.schemaType, type.uppercased() != "AVRO" {
            throw .invalidSchema("schemaType \(type) is not supported; this registry stores Avro schemas only")
        }
        if let references = request.references, !references.isEmpty {
            throw .invalidSchema("schema references are not supported; inline the referenced types in the schema")
        }
        do {
            return try AvroSchema(parsing: request.schema)
        } catch {
            if case let .invalidSchema(path, _) = error, let (line, column) = AvroSchema.location(of: path, in: request.schema) {
                throw .invalidSchema("\(line):\(column): \(error)")
            }
            throw .invalidSchema(error.description)
        }
    }
}
