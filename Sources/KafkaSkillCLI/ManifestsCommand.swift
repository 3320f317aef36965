import ArgumentParser
import Deploy
import Foundation
import Scaffold

extension KafkaSkill {
    /// `kafka-skill manifests`: Strimzi manifests (KRaft cluster, node pools, topics, users) for service specs.
    struct Manifests: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write Strimzi manifests for service specs: a KRaft Kafka with node pools, topics and users.",
            discussion: """
                Writes kafka.yaml (a Kafka in KRaft mode with one internal TLS listener on 9093, simple \
                authorization, the JMX exporter and Kafka Exporter, and its KafkaNodePools), kafka-metrics.yaml \
                (the exporter rules), topics/<topic>.yaml (one KafkaTopic per topic the specs name) and \
                users/<service>.yaml (one KafkaUser per spec: Read and Describe on the topics it reads and Read \
                on its group, Write and Describe on the topics it writes, and for exactly-once services Write \
                and Describe on transactional ids starting with <service>-).

                --profile dev: one dual-role node pool (1 node, ephemeral storage), replication factor 1. \
                --profile production: 3 controllers and 3 brokers on persistent JBOD volumes holding the KRaft \
                metadata, rack awareness by topology.kubernetes.io/zone, resource requests and limits, \
                replication factor 3 and min.insync.replicas=2.

                API version by --strimzi release: kafka.strimzi.io/v1beta2 for 0.46 to 0.48 (0.46 and 0.47 also \
                get the strimzi.io/node-pools and strimzi.io/kraft annotations), kafka.strimzi.io/v1 from 0.49 \
                (the release that added it) and the only one from 1.0 (which removed v1beta2). Default: \
                \(StrimziVersion.latest). Every file is checked against the bundled CRD schema of its API \
                version (Strimzi 0.48.0 for v1beta2, 1.2.0 for v1) before anything is written.

                --services adds, per spec, a multi-stage Dockerfile (Swift 6.3 build, Ubuntu 24.04 runtime with \
                librdkafka, user 10001) built from the KafkaSkill checkout, and a ConfigMap plus a Deployment \
                (a StatefulSet with a headless Service for exactly-once services, whose transactional id \
                <service>-<pod name> must survive restarts): SCRAM password from the KafkaUser's Secret, cluster \
                CA from <cluster>-cluster-ca-cert, probes on /health/live and /health/ready at METRICS_PORT \
                (9464), terminationGracePeriodSeconds 60. Exit status: 0 done, 1 error.
                """
        )

        @Argument(help: "Service specs (YAML).")
        var specs: [String]

        @Option(help: "dev or production.")
        var profile: String

        @Option(help: "The Strimzi release the manifests target (e.g. 0.48.0, 1.2.0).")
        var strimzi: String = StrimziVersion.latest.description

        @Option(help: "The Kafka resource's name.")
        var cluster = "my-cluster"

        @Option(help: "How users authenticate: scram (SCRAM-SHA-512) or tls.")
        var auth = "scram"

        @Option(help: "The folder to write.")
        var out: String

        @Flag(help: "Also write services/<name>/Dockerfile and services/<name>/<name>.yaml (ConfigMap, Deployment or StatefulSet) per spec.")
        var services = false

        @Option(help: "With --services: the folder of the scaffolded services inside the Docker build context (the KafkaSkill checkout).")
        var serviceRoot = "examples"

        @Option(help: "With --services: prefixed to each image name, e.g. registry.example.com/team/.")
        var imagePrefix = ""

        @Flag(help: "Print the file plan without writing anything.")
        var dryRun = false

        @Flag(help: "Print unified diffs of what would change on disk, without writing anything.")
        var diff = false

        func run() async throws {
            guard let profile = ManifestProfile(rawValue: profile) else {
                throw ValidationError("--profile \(profile): expected dev or production")
            }
            guard let authentication = ManifestAuthentication(rawValue: auth) else {
                throw ValidationError("--auth \(auth): expected scram or tls")
            }
            let version: StrimziVersion
            do throws(DeployError) { version = try StrimziVersion(parsing: strimzi) } catch { throw ValidationError(error.message) }
            var loaded: [ServiceSpec] = []
            var failed = false
            for path in specs {
                do throws(ScaffoldError) {
                    loaded.append(try ServiceSpecLoader().load(contentsOf: URL(fileURLWithPath: path), displayPath: path).spec)
                } catch {
                    for problem in error.all { printError(problem.description) }
                    failed = true
                }
            }
            if failed { throw ExitCode.failure }
            let options = ManifestOptions(profile: profile, strimzi: version, clusterName: cluster, authentication: authentication)
            do {
                var files = try StrimziManifests(options: options).files(for: loaded)
                if services {
                    files += try ServiceDeployment(options: options, serviceRoot: serviceRoot, imagePrefix: imagePrefix).files(for: loaded)
                }
                let problems = files.flatMap { StrimziValidator().problems(inYAML: $0.contents, file: $0.path) }
                guard problems.isEmpty else {
                    for problem in problems { printError(problem.description) }
                    printError("The manifests do not validate against the bundled CRD schemas; nothing was written.")
                    throw ExitCode.failure
                }
                let plan = ManifestPlan(files: files, directory: URL(fileURLWithPath: out))
                if dryRun || diff {
                    if dryRun { print(plan.summary(verb: "Would write")) }
                    if diff { print(plan.diff, terminator: "") }
                    return
                }
                try plan.apply()
                print(plan.summary(verb: "Wrote"))
            } catch let error as DeployError {
                printError(error.message)
                throw ExitCode.failure
            }
        }

        private func printError(_ text: String) {
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }
}
