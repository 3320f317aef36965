public import Scaffold

/// The container image and Kubernetes objects that run one scaffolded service on the cluster that
/// ``StrimziManifests`` describes.
///
/// - A `StatefulSet` (with its headless `Service`) for an exactly-once service, whose transactional id is
///   `<service>-<host name>`: a StatefulSet's pod names are stable, so a restarted pod fences its
///   predecessor instead of leaving a zombie; a `Deployment` for every other service.
/// - Configuration (bootstrap servers, SASL and TLS settings, log level, `METRICS_PORT`) from a `ConfigMap`;
///   the SCRAM password from the `Secret` Strimzi's User Operator writes for the service's `KafkaUser`, and
///   the cluster CA from `<cluster>-cluster-ca-cert`: no secret is written into a file here.
/// - Liveness and readiness probes on `/health/live` and `/health/ready` at `METRICS_PORT`, and
///   `terminationGracePeriodSeconds` of 60, longer than the 30 seconds a consumer's close is given to
///   commit and leave its group.
/// - A non-root, read-only container without capabilities.
public struct ServiceDeployment: Sendable {
    /// The cluster options the service connects with.
    public var options: ManifestOptions
    /// The folder holding the scaffolded services, relative to the Docker build context (the KafkaSkill
    /// checkout, since a scaffolded package depends on it by path), e.g. `examples`.
    public var serviceRoot: String
    /// Prefixed to each image name, e.g. `registry.example.com/team/`.
    public var imagePrefix: String

    /// The port the health and metrics endpoints listen on (`METRICS_PORT`).
    public static let metricsPort = 9464
    /// Seconds Kubernetes waits after SIGTERM before it kills a pod.
    public static let terminationGracePeriodSeconds = 60

    /// Creates a builder.
    public init(options: ManifestOptions, serviceRoot: String = "examples", imagePrefix: String = "") {
        self.options = options
        self.serviceRoot = serviceRoot
        self.imagePrefix = imagePrefix
    }

    /// `services/<name>/Dockerfile` and `services/<name>/<name>.yaml` for each spec.
    /// - Throws: ``DeployError`` with `.invalidArgument` for TLS client authentication, which the services'
    ///   security settings cannot take yet (they read SASL settings and a CA only).
    public func files(for specs: [ServiceSpec]) throws(DeployError) -> [ManifestFile] {
        guard options.authentication == .scram else {
            throw DeployError(.invalidArgument, "--services needs --auth scram: the services read SASL credentials and a CA, not client certificates")
        }
        var files: [ManifestFile] = []
        for spec in specs.sorted(by: { $0.name < $1.name }) {
            files.append(ManifestFile(path: "services/\(spec.name)/Dockerfile", contents: dockerfile(for: spec), documents: []))
            let documents = objects(for: spec)
            files.append(ManifestFile(path: "services/\(spec.name)/\(spec.name).yaml", contents: try YAMLTree.stream(documents), documents: documents))
        }
        return files
    }

    /// Whether the service needs a stable identity (a StatefulSet).
    static func needsStableIdentity(_ spec: ServiceSpec) -> Bool { spec.delivery == .exactlyOnce }

    func replicas(for spec: ServiceSpec) -> Int {
        guard options.profile == .production else { return 1 }
        guard spec.role != .producer else { return 2 }
        // More members than input partitions would sit idle.
        return min(3, spec.inputTopics.map(\.partitions).max() ?? 1)
    }

    func objects(for spec: ServiceSpec) -> [YAMLTree] {
        let name = spec.name
        let labels = ["app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "kafka-skill"]
        let selector: YAMLTree = .map([("matchLabels", .map([("app.kubernetes.io/name", .string(name))]))])
        var config: [String: String] = [
            "KAFKA_BOOTSTRAP_SERVERS": "\(options.clusterName)-kafka-bootstrap:9093",
            "KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
            "KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
            "KAFKA_SASL_USERNAME": name,
            "KAFKA_SSL_CA_LOCATION": "/etc/kafka/cluster-ca/ca.crt",
            "METRICS_PORT": String(Self.metricsPort),
        ]
        if let level = spec.observability.logLevel { config["LOG_LEVEL"] = level }
        if case .avro = spec.messages.value { config["SCHEMA_REGISTRY_URL"] = "http://schema-registry:8081" }
        let configMap: YAMLTree = .map([
            ("apiVersion", .string("v1")),
            ("kind", .string("ConfigMap")),
            ("metadata", ObjectMeta(name: "\(name)-config", labels: labels).tree),
            ("data", .sorted(config)),
        ])
        func probe(_ path: String, failureThreshold: Int) -> YAMLTree {
            .map([
                ("httpGet", .map([("path", .string(path)), ("port", .string("http"))])),
                ("periodSeconds", .int(10)),
                ("failureThreshold", .int(failureThreshold)),
            ])
        }
        let container: YAMLTree = .map([
            ("name", .string("service")),
            ("image", .string("\(imagePrefix)\(name):latest")),
            ("imagePullPolicy", .string("IfNotPresent")),
            ("envFrom", .list([.map([("configMapRef", .map([("name", .string("\(name)-config"))]))])])),
            ("env", .list([.map([
                ("name", .string("KAFKA_SASL_PASSWORD")),
                ("valueFrom", .map([("secretKeyRef", .map([("name", .string(name)), ("key", .string("password"))]))])),
            ])])),
            ("ports", .list([.map([("name", .string("http")), ("containerPort", .int(Self.metricsPort))])])),
            ("readinessProbe", probe("/health/ready", failureThreshold: 3)),
            ("livenessProbe", probe("/health/live", failureThreshold: 6)),
            ("resources", .map([
                ("requests", .map([("cpu", .string("100m")), ("memory", .string("128Mi"))])),
                ("limits", .map([("memory", .string("512Mi"))])),
            ])),
            ("securityContext", .map([
                ("allowPrivilegeEscalation", .bool(false)),
                ("readOnlyRootFilesystem", .bool(true)),
                ("capabilities", .map([("drop", .list([.string("ALL")]))])),
            ])),
            ("volumeMounts", .list([.map([
                ("name", .string("cluster-ca")), ("mountPath", .string("/etc/kafka/cluster-ca")), ("readOnly", .bool(true)),
            ])])),
        ])
        let podSpec: YAMLTree = .map([
            ("terminationGracePeriodSeconds", .int(Self.terminationGracePeriodSeconds)),
            ("securityContext", .map([
                ("runAsNonRoot", .bool(true)),
                ("runAsUser", .int(10001)),
                ("runAsGroup", .int(10001)),
                ("seccompProfile", .map([("type", .string("RuntimeDefault"))])),
            ])),
            ("containers", .list([container])),
            ("volumes", .list([.map([
                ("name", .string("cluster-ca")),
                ("secret", .map([("secretName", .string("\(options.clusterName)-cluster-ca-cert"))])),
            ])])),
        ])
        let stable = Self.needsStableIdentity(spec)
        let workload: YAMLTree = .mapping([
            ("apiVersion", .string("apps/v1")),
            ("kind", .string(stable ? "StatefulSet" : "Deployment")),
            ("metadata", ObjectMeta(name: name, labels: labels).tree),
            ("spec", .mapping([
                ("serviceName", stable ? .string(name) : nil),
                ("replicas", .int(replicas(for: spec))),
                ("selector", selector),
                ("template", .map([
                    ("metadata", .map([("labels", .sorted(labels))])),
                    ("spec", podSpec),
                ])),
            ])),
        ])
        var documents = [configMap, workload]
        if stable {
            documents.append(.map([
                ("apiVersion", .string("v1")),
                ("kind", .string("Service")),
                ("metadata", ObjectMeta(name: name, labels: labels).tree),
                ("spec", .map([
                    ("clusterIP", .string("None")),
                    ("selector", .map([("app.kubernetes.io/name", .string(name))])),
                    ("ports", .list([.map([("name", .string("http")), ("port", .int(Self.metricsPort)), ("targetPort", .string("http"))])])),
                ])),
            ]))
        }
        return documents
    }

    /// A multi-stage Dockerfile: Swift 6.3 builds the release binary against librdkafka, a slim Ubuntu
    /// runtime with librdkafka runs it as a non-root user.
    func dockerfile(for spec: ServiceSpec) -> String {
        let name = spec.name
        let folder = serviceRoot.isEmpty ? name : "\(serviceRoot)/\(name)"
        return """
            # \(name): built from the KafkaSkill checkout (the service's Package.swift depends on it by path):
            #   docker build -f <manifests>/services/\(name)/Dockerfile -t \(imagePrefix)\(name):latest .
            # Generated by kafka-skill manifests --services; the image is not built in this project's CI.

            FROM swift:6.3-noble AS build
            RUN apt-get update \\
             && apt-get install -y --no-install-recommends librdkafka-dev pkg-config \\
             && rm -rf /var/lib/apt/lists/*
            WORKDIR /src
            COPY . .
            WORKDIR /src/\(folder)
            RUN swift build -c release --static-swift-stdlib --product \(name) \\
             && install -D "$(swift build -c release --show-bin-path)/\(name)" /out/\(name)

            FROM ubuntu:24.04
            RUN apt-get update \\
             && apt-get install -y --no-install-recommends librdkafka1 libsasl2-2 ca-certificates \\
             && rm -rf /var/lib/apt/lists/* \\
             && groupadd --system --gid 10001 service \\
             && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin service
            COPY --from=build /out/\(name) /usr/local/bin/\(name)
            USER 10001:10001
            EXPOSE \(Self.metricsPort)
            ENTRYPOINT ["/usr/local/bin/\(name)"]

            """
    }
}
