import Foundation
import Scaffold
import Testing
import Yams

@testable import Deploy

/// The repository's `specs/` folder.
let specsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("specs")

func exampleSpecs() throws -> [ServiceSpec] {
    let files = try FileManager.default.contentsOfDirectory(at: specsDirectory, includingPropertiesForKeys: nil)
        .filter { $0.pathExtension == "yaml" }.sorted { $0.path < $1.path }
    return try files.map { try ServiceSpecLoader().load(contentsOf: $0).spec }
}

@Suite struct StrimziManifestsTests {
    @Test(arguments: ["0.48.0", "1.2.0", "0.49.0", "0.46.0"], ManifestProfile.allCases)
    func exampleSpecsValidateAgainstTheCRDSchemaOfTheirAPIVersion(release: String, profile: ManifestProfile) throws {
        let specs = try exampleSpecs()
        #expect(specs.count == 6)
        let options = ManifestOptions(profile: profile, strimzi: try StrimziVersion(parsing: release))
        let files = try StrimziManifests(options: options).files(for: specs)
        let problems = files.flatMap { StrimziValidator().problems(inYAML: $0.contents, file: $0.path) }
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
        // Every Strimzi document declares the release's API version.
        let documents = try files.flatMap { try Array(Yams.compose_all(yaml: $0.contents)) }
        let strimziVersions = Set(documents.compactMap { $0["apiVersion"]?.string }.filter { $0.hasPrefix("kafka.strimzi.io") })
        #expect(strimziVersions == [options.strimzi.apiVersion])
        let kinds = documents.compactMap { $0["kind"]?.string }
        #expect(kinds.filter { $0 == "KafkaUser" }.count == 6)
        #expect(kinds.filter { $0 == "KafkaNodePool" }.count == (profile == .dev ? 1 : 2))
    }

    @Test func apiVersionFollowsTheStrimziRelease() throws {
        #expect(try StrimziVersion(parsing: "0.48.0").apiVersion == "kafka.strimzi.io/v1beta2")
        #expect(try StrimziVersion(parsing: "0.48").apiVersion == "kafka.strimzi.io/v1beta2")
        #expect(try StrimziVersion(parsing: "0.49.0").apiVersion == "kafka.strimzi.io/v1")
        #expect(try StrimziVersion(parsing: "0.51.0").apiVersion == "kafka.strimzi.io/v1")
        #expect(try StrimziVersion(parsing: "1.0.0").apiVersion == "kafka.strimzi.io/v1")
        #expect(try StrimziVersion(parsing: "0.47.0").needsKRaftAnnotations)
        #expect(try !StrimziVersion(parsing: "0.48.0").needsKRaftAnnotations)
        #expect(throws: DeployError.self) { try StrimziVersion(parsing: "0.45.0") }
        #expect(throws: DeployError.self) { try StrimziVersion(parsing: "latest") }
    }

    @Test func productionClusterHasTheSafetySettings() throws {
        let files = try StrimziManifests(options: ManifestOptions(profile: .production)).files(for: try exampleSpecs())
        let kafka = try #require(files.first { $0.path == "kafka.yaml" })
        let documents = try Array(Yams.compose_all(yaml: kafka.contents))
        let cluster = try #require(documents.first { $0["kind"]?.string == "Kafka" })
        #expect(cluster["spec"]?["kafka"]?["config"]?["min.insync.replicas"]?.int == 2)
        #expect(cluster["spec"]?["kafka"]?["config"]?["default.replication.factor"]?.int == 3)
        #expect(cluster["spec"]?["kafka"]?["rack"]?["topologyKey"]?.string == "topology.kubernetes.io/zone")
        #expect(cluster["spec"]?["kafkaExporter"] != nil)
        #expect(cluster["spec"]?["kafka"]?["metricsConfig"]?["valueFrom"]?["configMapKeyRef"]?["name"]?.string == "my-cluster-kafka-metrics")
        let pools = documents.filter { $0["kind"]?.string == "KafkaNodePool" }
        #expect(pools.map { $0["spec"]?["roles"]?[0]?.string } == ["controller", "broker"])
        for pool in pools {
            #expect(pool["spec"]?["replicas"]?.int == 3)
            #expect(pool["spec"]?["storage"]?["type"]?.string == "jbod")
            #expect(pool["spec"]?["storage"]?["volumes"]?[0]?["kraftMetadata"]?.string == "shared")
            #expect(pool["spec"]?["resources"]?["limits"]?["memory"] != nil)
        }
        // A topic's config values stay strings; replicas and partitions are integers.
        let topic = try #require(files.first { $0.path == "topics/order-events.yaml" })
        let node = try #require(try Yams.compose(yaml: topic.contents))
        #expect(node["spec"]?["partitions"]?.tag.description == "tag:yaml.org,2002:int")
        #expect(node["spec"]?["config"]?["retention.ms"]?.tag.description == "tag:yaml.org,2002:str")
        #expect(node["spec"]?["replicas"]?.int == 3)
    }

    @Test func devProfileRunsOneDualRoleNodeWithReplicationFactorOne() throws {
        let files = try StrimziManifests(options: ManifestOptions(profile: .dev)).files(for: try exampleSpecs())
        let documents = try files.flatMap { try Array(Yams.compose_all(yaml: $0.contents)) }
        let pools = documents.filter { $0["kind"]?.string == "KafkaNodePool" }
        #expect(pools.count == 1)
        #expect(pools[0]["spec"]?["roles"]?.sequence?.compactMap(\.string) == ["controller", "broker"])
        #expect(pools[0]["spec"]?["storage"]?["type"]?.string == "ephemeral")
        for topic in documents.filter({ $0["kind"]?.string == "KafkaTopic" }) {
            #expect(topic["spec"]?["replicas"]?.int == 1)
            if let minISR = topic["spec"]?["config"]?["min.insync.replicas"]?.string { #expect(minISR == "1") }
        }
    }

    @Test func usersGetTheACLsOfTheirRole() throws {
        let specs = try exampleSpecs()
        func rules(_ name: String) throws -> [ACLRule] {
            StrimziManifests.acls(for: try #require(specs.first { $0.name == name }))
        }
        let producer = try rules("order-events-producer")
        #expect(producer == [ACLRule(resourceType: .topic, name: "order-events", operations: ["Describe", "Write"])])
        let worker = try rules("order-events-worker")
        #expect(worker.contains(ACLRule(resourceType: .topic, name: "order-events", operations: ["Describe", "Read"])))
        #expect(worker.contains { $0.resourceType == .group && $0.operations == ["Read"] })
        #expect(worker.contains { $0.resourceType == .topic && $0.name.hasSuffix("dlq") && $0.operations == ["Describe", "Write"] })
        #expect(!worker.contains { $0.resourceType == .transactionalId })
        let enricher = try rules("order-enricher")
        #expect(enricher.contains(ACLRule(resourceType: .transactionalId, name: "order-enricher-", prefix: true, operations: ["Describe", "Write"])))
        #expect(enricher.contains(ACLRule(resourceType: .topic, name: "enriched-orders", operations: ["Describe", "Write"])))
        #expect(enricher.contains(ACLRule(resourceType: .topic, name: "order-events", operations: ["Describe", "Read"])))
    }

    @Test func conflictingTopicSettingsAreRefused() throws {
        let a = ServiceSpec(name: "a", role: .producer, topics: [TopicSpec(name: "t", partitions: 3, direction: .output)], delivery: .atLeastOnce)
        let b = ServiceSpec(name: "b", role: .producer, topics: [TopicSpec(name: "t", partitions: 6, direction: .output)], delivery: .atLeastOnce)
        #expect(throws: DeployError.self) { try StrimziManifests(options: ManifestOptions(profile: .production)).files(for: [a, b]) }
        let odd = ServiceSpec(name: "c", role: .producer, topics: [TopicSpec(name: "Odd_Topic", direction: .output)], delivery: .atLeastOnce)
        let files = try StrimziManifests(options: ManifestOptions(profile: .production)).files(for: [odd])
        let topic = try #require(files.first { $0.path.hasPrefix("topics/") })
        #expect(topic.path == "topics/odd-topic.yaml")
        #expect(topic.contents.contains("topicName: Odd_Topic"))
        #expect(StrimziValidator().problems(inYAML: topic.contents, file: topic.path).isEmpty)
    }

    @Test func planWritesAtomicallyThenReportsUnchangedAndDiffsEdits() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("manifests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try StrimziManifests(options: ManifestOptions(profile: .production)).files(for: try exampleSpecs())
        let first = ManifestPlan(files: files, directory: directory)
        #expect(first.entries.allSatisfy { $0.action == .create })
        try first.apply()
        #expect(StrimziValidator().problems(inDirectory: directory).isEmpty)
        let again = ManifestPlan(files: try StrimziManifests(options: ManifestOptions(profile: .production)).files(for: try exampleSpecs()), directory: directory)
        #expect(again.entries.allSatisfy { $0.action == .unchanged }, "rendering is not deterministic")
        #expect(again.diff.isEmpty)
        let kafka = directory.appendingPathComponent("kafka.yaml")
        try "edited\n".write(to: kafka, atomically: true, encoding: .utf8)
        let edited = ManifestPlan(files: files, directory: directory)
        #expect(edited.entries.first { $0.file.path == "kafka.yaml" }?.action == .update)
        #expect(edited.diff.contains("-edited"))
    }
}
