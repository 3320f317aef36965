import Foundation
import Scaffold
import Testing
import Yams

@testable import Deploy

/// Runs PyPI's `kubernetes-validate` (Kubernetes' own OpenAPI schemas) from `.build-tools/venv`, installing
/// it there first when it is missing, as `scripts/install-deps.sh` does.
enum KubernetesValidate {
    static let requirement = "kubernetes-validate==1.37.0"
    static let root = specsDirectory.deletingLastPathComponent()

    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let tool = root.appendingPathComponent(".build-tools/venv/bin/kubernetes-validate").path
        if !FileManager.default.isExecutableFile(atPath: tool) {
            let venv = root.appendingPathComponent(".build-tools/venv").path
            let python = "\(venv)/bin/python"
            if !FileManager.default.isExecutableFile(atPath: python) {
                let made = try await process("/usr/bin/env", ["python3", "-m", "venv", venv])
                try #require(made.status == 0, "python3 -m venv failed: \(made.output)")
            }
            let installed = try await process(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", requirement])
            try #require(installed.status == 0, "pip install \(requirement) failed: \(installed.output)")
        }
        return try await process(tool, arguments)
    }

    static func process(_ program: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                continuation.resume(returning: (finished.terminationStatus, String(decoding: data, as: UTF8.self)))
            }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
    }
}

@Suite(.serialized) struct ServiceDeploymentTests {
    @Test(.timeLimit(.minutes(5)))
    func serviceManifestsValidateAgainstKubernetesSchemas() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("services-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try ServiceDeployment(options: ManifestOptions(profile: .production)).files(for: try exampleSpecs())
        try ManifestPlan(files: files, directory: directory).apply()
        let yamlFiles = files.filter { $0.path.hasSuffix(".yaml") }.map { directory.appendingPathComponent($0.path).path }
        #expect(yamlFiles.count == 6)
        let result = try await KubernetesValidate.run(["--strict", "--no-warn", "-k", "1.33.0"] + yamlFiles)
        #expect(result.status == 0, "\(result.output)")

        // The same tool rejects a wrong field and a wrong type, so the pass above means something.
        let broken = try #require(files.first { $0.path == "services/order-events-worker/order-events-worker.yaml" })
            .contents.replacingOccurrences(of: "replicas: 3", with: "replicas: three\n  replicaz: 1")
        let brokenURL = directory.appendingPathComponent("broken.yaml")
        try broken.write(to: brokenURL, atomically: true, encoding: .utf8)
        let rejected = try await KubernetesValidate.run(["--strict", "--no-warn", "-k", "1.33.0", brokenURL.path])
        #expect(rejected.status != 0)
        #expect(rejected.output.contains("replicas") || rejected.output.contains("replicaz"), "\(rejected.output)")
    }

    @Test func workloadsFollowTheServicesNeeds() throws {
        let files = try ServiceDeployment(options: ManifestOptions(profile: .production)).files(for: try exampleSpecs())
        for spec in try exampleSpecs() {
            let yaml = try #require(files.first { $0.path == "services/\(spec.name)/\(spec.name).yaml" })
            let documents = try Array(Yams.compose_all(yaml: yaml.contents))
            let workload = try #require(documents.first { ["Deployment", "StatefulSet"].contains($0["kind"]?.string ?? "") })
            #expect(workload["kind"]?.string == (spec.delivery == .exactlyOnce ? "StatefulSet" : "Deployment"), "\(spec.name)")
            let pod = try #require(workload["spec"]?["template"]?["spec"])
            #expect((pod["terminationGracePeriodSeconds"]?.int ?? 0) > 30)
            #expect(pod["securityContext"]?["runAsNonRoot"]?.bool == true)
            let container = try #require(pod["containers"]?[0])
            #expect(container["readinessProbe"]?["httpGet"]?["path"]?.string == "/health/ready")
            #expect(container["livenessProbe"]?["httpGet"]?["path"]?.string == "/health/live")
            #expect(container["env"]?[0]?["valueFrom"]?["secretKeyRef"]?["name"]?.string == spec.name)
            // Configuration comes from the ConfigMap; no password is ever written out.
            let config = try #require(documents.first { $0["kind"]?.string == "ConfigMap" })
            #expect(config["data"]?["KAFKA_SASL_USERNAME"]?.string == spec.name)
            #expect(!yaml.contents.lowercased().contains("password:"))
            let dockerfile = try #require(files.first { $0.path == "services/\(spec.name)/Dockerfile" }).contents
            #expect(dockerfile.components(separatedBy: "\nFROM ").count == 3)
            #expect(dockerfile.contains("FROM swift:6.3-noble AS build"))
            #expect(dockerfile.contains("librdkafka1") && dockerfile.contains("USER 10001:10001"))
            #expect(dockerfile.contains("WORKDIR /src/examples/\(spec.name)"))
        }
        #expect(throws: DeployError.self) {
            try ServiceDeployment(options: ManifestOptions(profile: .dev, authentication: .tls)).files(for: try exampleSpecs())
        }
    }
}
