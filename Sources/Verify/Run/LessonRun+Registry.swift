import KafkaSkillModel
import Avro
import Foundation
import Logging
import SchemaRegistry
import SchemaRegistryServer
import ServiceLifecycle
import KafkaServiceRuntime

/// The schema registry of lessons whose examples carry Avro values: started on the lesson's cluster (or
/// given with `--registry`), loaded with the examples' schemas before any service starts — production
/// presets keep auto-registration off, so registering is the deployment's job — and asked to accept the
/// breaking changes the lesson says it must refuse.
extension LessonRun {
    /// Whether the lesson needs a registry.
    var needsRegistry: Bool {
        services.contains { $0.source.service.avroValues != nil } || !plan.refusedSchemas.isEmpty
    }

    /// Starts or finds the registry, registers every writing example's schema in the plan's order, then
    /// offers the refused schemas.
    /// - Throws: ``VerifyError/cluster(_:)`` when the registry does not start or refuses an example's schema.
    func prepareRegistry() async throws {
        guard needsRegistry else { return }
        let url: URL
        if let given = options.registryURL {
            url = given
        } else {
            // A real cluster may already have a registry on `_schemas`; verify keeps its own lineage apart.
            let topic = clusterKind == .real ? "_kafka-skill-verify-schemas" : "_schemas"
            let server = SchemaRegistryServer(
                configuration: .init(bootstrapServers: bootstrap, port: 0, topic: topic), logger: logger)
            let group = ServiceGroup(configuration: .init(services: [server], logger: logger))
            registryGroup = group
            registryTask = Task { try await group.run() }
            do {
                url = try await server.serverURL()
            } catch {
                throw VerifyError.cluster("the embedded schema registry did not start: \(error)")
            }
        }
        registryURL = url
        mark(.processStarted, subject: "schema-registry", detail: "schema registry at \(url.absoluteString)")
        let client = SchemaRegistryClient(configuration: .init(baseURL: url))
        for service in services {
            guard let avro = service.source.service.avroValues, service.role != .consumer else { continue }
            let (text, schema) = try readSchema(avro.schemaFile, for: service.name)
            for topic in Self.valueTopics(of: service.source.service) {
                let subject = try subjectName(avro.subjectStrategy, topic: topic, schema: schema, service: service.name)
                do {
                    let id = try await client.register(text, subject: subject)
                    notes.append("\(service.name): registered \(avro.schemaFile.lastPathComponent) under \(subject) (id \(id))")
                } catch {
                    throw VerifyError.cluster("the registry refused \(service.name)'s schema \(avro.schemaFile.path) under \(subject): \(error)")
                }
            }
        }
        for refused in plan.refusedSchemas {
            schemaOutcomes.append(await offer(refused, to: client))
        }
    }

    /// Stops the registry this run started.
    func stopRegistry() async {
        guard let registryGroup else { return }
        await registryGroup.triggerGracefulShutdown()
        _ = await registryTask?.result
        self.registryGroup = nil
        registryTask = nil
    }

    /// Offers a breaking schema: the lesson holds when the registry refuses it as incompatible.
    private func offer(_ refused: LessonPlan.RefusedSchema, to client: SchemaRegistryClient) async -> CheckOutcome {
        let name = "schema-refused"
        let file = options.projectRoot.appendingPathComponent(refused.file)
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            return CheckOutcome(name: name, status: .failed, detail: "\(refused.location): cannot read \(refused.file)")
        }
        do {
            let id = try await client.register(text, subject: refused.subject)
            return CheckOutcome(
                name: name, status: .failed,
                detail: "the registry accepted the breaking schema \(refused.file) under \(refused.subject) as id \(id); check the subject's compatibility level")
        } catch .incompatibleSchema(_, let message) {
            return CheckOutcome(name: name, status: .passed, detail: "\(refused.file) refused under \(refused.subject): \(message)")
        } catch {
            return CheckOutcome(name: name, status: .failed, detail: "offering \(refused.file) under \(refused.subject) failed otherwise: \(error)")
        }
    }

    private func readSchema(_ file: URL, for service: String) throws -> (String, AvroSchema) {
        do {
            let text = try String(contentsOf: file, encoding: .utf8)
            return (text, try AvroSchema(parsing: text))
        } catch {
            throw VerifyError.cluster("\(service): cannot use its value schema \(file.path): \(error)")
        }
    }

    private func subjectName(_ strategy: String, topic: String, schema: AvroSchema, service: String) throws -> String {
        let named: SubjectNameStrategy
        switch strategy {
        case "topic": named = .topicName
        case "record": named = .recordName
        case "topic-record": named = .topicRecordName
        default:
            throw VerifyError.cluster("\(service): unknown subjectStrategy '\(strategy)' in its spec; use topic, record or topic-record")
        }
        do {
            return try named.subject(topic: topic, isKey: false, schema: schema)
        } catch {
            throw VerifyError.cluster("\(service): \(error)")
        }
    }

    /// The topics a service writes Avro values to: its output topics by the spec, or its only topic.
    static func valueTopics(of service: ServiceDescription) -> [String] {
        let outputs = service.topics.filter { $0.direction == .output }.map(\.name)
        if !outputs.isEmpty { return outputs }
        return service.topics.filter { $0.direction != .deadLetter && $0.direction != .input }.prefix(1).map(\.name)
    }
}
